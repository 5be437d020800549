// Where Tetherscope keeps things on a phone. Only these places are ever written, and the
// ledger (phone-ledger.ts) lists each change so it can be undone.
export const PHONE_DIR = '/data/local/tmp/tetherscope';
export const PHONE_MODELS_DIR = `${PHONE_DIR}/models`;
export const PHONE_LEDGER = `${PHONE_DIR}/ledger`;
export const PHONE_RUNNER = `${PHONE_DIR}/benchmark_model`;
/** perfetto writes traces only under this folder (perfetto.md §3.2). */
export const PHONE_TRACES_DIR = '/data/misc/perfetto-traces';
export const TRACE_FILE_PREFIX = 'tetherscope-';

export const BENCHMARK_APK_PACKAGE = 'org.tensorflow.lite.benchmark';
export const BENCHMARK_APK_ACTIVITY = `${BENCHMARK_APK_PACKAGE}/.BenchmarkModelActivity`;

/** Models are named by content, so no user-chosen file name ever reaches a command line. */
export const phoneModelPath = (sha256: string): string => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('A model is named by its sha256, 64 hexadecimal digits');
  return `${PHONE_MODELS_DIR}/${sha256}.tflite`;
};

export const phoneTracePath = (sessionId: string, label: string): string => {
  const safe = `${sessionId}-${label}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${PHONE_TRACES_DIR}/${TRACE_FILE_PREFIX}${safe}.pftrace`;
};
