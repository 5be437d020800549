// The on-phone Perfetto trace that yields per-inference latency: TFLite's ATrace slices
// arrive as ftrace print events, but only from a process allowed to trace (perfetto.md
// §3.4): a debuggable app, or any process on a debuggable build, and only when
// atrace_apps names it (package name, or argv[0] exactly as typed) or is "*".

export interface TraceConfigOptions {
  /** The package name or the binary's argv[0] exactly as the command line types it. */
  atraceApp: string;
  durationMs: number;
  bufferKb: number;
}

export function tfliteTraceConfig(options: TraceConfigOptions): string {
  if (!/^[A-Za-z0-9._/*-]+$/.test(options.atraceApp)) throw new RangeError(`Cannot trace the app "${options.atraceApp}"`);
  return [
    `buffers { size_kb: ${Math.round(options.bufferKb)} fill_policy: DISCARD }`,
    'buffers { size_kb: 2048 fill_policy: DISCARD }',
    'data_sources { config { name: "linux.ftrace" target_buffer: 0 ftrace_config {',
    `  ftrace_events: "ftrace/print" atrace_apps: "${options.atraceApp}" } } }`,
    'data_sources { config { name: "linux.process_stats" target_buffer: 1 process_stats_config { scan_all_processes_on_start: true } } }',
    `duration_ms: ${Math.round(options.durationMs)}`,
    'write_into_file: true',
    'file_write_period_ms: 1000',
    'flush_period_ms: 2000',
  ].join(' ');
}

/**
 * Starts perfetto in the background with the config on stdin; prints perfetto's pid, which
 * the caller keeps in a pidfile so an interrupted run can be cleaned up.
 */
export function startTraceCommand(config: string, outputPath: string): string {
  const quotedConfig = `'${config.replaceAll("'", `'\\''`)}'`;
  return `echo ${quotedConfig} | perfetto --txt -c - -o '${outputPath}' --background`;
}
