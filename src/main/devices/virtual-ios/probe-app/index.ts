export { PROBE_APP_NAME, PROBE_APP_VERSION, serveProbeConnection } from './serve-probe-connection.js';
export type { ProbeConnectionDeps } from './serve-probe-connection.js';
