import { execFile } from 'node:child_process';

export interface PrivateAdbServer {
  readonly port: number;
  /** `adb -P <port> ...args`; resolves with stdout+stderr and the exit code. */
  adb(args: readonly string[], timeoutMs?: number): Promise<{ output: string; code: number }>;
  stop(): Promise<void>;
}

function run(args: readonly string[], timeoutMs: number): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    execFile('adb', args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ output: `${stdout}${stderr}`, code });
    });
  });
}

/** A private adb server on `port` (never 5037), for one test file. */
export async function startPrivateAdbServer(port: number): Promise<PrivateAdbServer> {
  if (port === 5037 || (port >= 5555 && port <= 5585)) throw new Error(`refusing adb port ${port}`);
  const adb = (args: readonly string[], timeoutMs = 30_000): Promise<{ output: string; code: number }> =>
    run(['-P', String(port), ...args], timeoutMs);
  const started = await adb(['start-server']);
  if (started.code !== 0) throw new Error(`adb -P ${port} start-server failed: ${started.output}`);
  return {
    port,
    adb,
    async stop() {
      await adb(['kill-server'], 10_000);
    },
  };
}

/** The state column of `adb devices` for `serial`, or undefined if not listed. */
export async function deviceState(server: PrivateAdbServer, serial: string): Promise<string | undefined> {
  const { output } = await server.adb(['devices']);
  for (const line of output.split('\n')) {
    const [id, state] = line.trim().split(/\s+/);
    if (id === serial) return state;
  }
  return undefined;
}

/** Polls until `predicate` holds or the timeout passes; returns the last value. */
export async function waitFor<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
