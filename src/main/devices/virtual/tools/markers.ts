// Files that stand for the real binaries: a pushed file whose first line is one of these runs as the simulated
// program (the benchmark_model binary) or installs as the simulated app (the benchmark APK).
export const BENCHMARK_BINARY_MARKER = '#!tetherscope-virtual benchmark_model';
export const BENCHMARK_APK_MARKER = '#!tetherscope-virtual benchmark_apk';

/** The file starts with `marker` followed by the end of the line (or of the file). */
export function startsWithMarker(data: Uint8Array, marker: string): boolean {
  if (data.length < marker.length) return false;
  const head = Buffer.from(data.subarray(0, marker.length + 2)).toString('latin1');
  return head.startsWith(marker) && (head.length === marker.length || /^[\r\n]/.test(head.slice(marker.length)));
}
