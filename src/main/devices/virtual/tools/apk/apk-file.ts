// The benchmark APK stand-in: the marker line, then `key=value` lines for what the real package's manifest
// says (LiteRT's tflite/tools/benchmark/android/AndroidManifest.xml: debuggable, targetSdk 31).
import { BENCHMARK_APK_MARKER, startsWithMarker } from '../markers.js';

export interface ApkManifest {
  readonly packageName: string;
  readonly activity: string;
  readonly versionName: string;
  readonly versionCode: number;
  readonly minSdk: number;
  readonly targetSdk: number;
  readonly debuggable: boolean;
}

export function readApkManifest(data: Uint8Array): ApkManifest | null {
  if (!startsWithMarker(data, BENCHMARK_APK_MARKER)) return null;
  const fields = new Map<string, string>();
  for (const line of Buffer.from(data).toString('utf8').split('\n').slice(1)) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1] !== undefined && !line.trimStart().startsWith('#')) fields.set(m[1], m[2] ?? '');
  }
  const int = (name: string, fallback: number): number => {
    const value = Number(fields.get(name));
    return Number.isInteger(value) ? value : fallback;
  };
  return {
    packageName: fields.get('package') ?? 'org.tensorflow.lite.benchmark',
    activity: fields.get('activity') ?? '.BenchmarkModelActivity',
    versionName: fields.get('versionName') ?? '1.0',
    versionCode: int('versionCode', 1),
    minSdk: int('minSdk', 23),
    targetSdk: int('targetSdk', 31),
    debuggable: fields.get('debuggable') === 'true',
  };
}
