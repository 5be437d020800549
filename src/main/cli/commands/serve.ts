import { spawn } from 'node:child_process';
import { createDispatch } from '../../api/dispatch.js';
import { startBridgeServer, type BridgeServer } from '../../bridge/server.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { flagInt, parseArgs } from '../args.js';
import { ensureWindowBuilt } from '../build-window.js';

export const SERVE_HELP = `tetherscope serve [--port N] [--open]

Serves the Tetherscope window to a browser on this machine (127.0.0.1 only).
Prints an address with a one-time token: open it in Chromium, Chrome, Edge or Firefox.

  --port N   listen on port N (default: a free port)
  --open     open the address in the default browser

From another desk, forward the port over SSH and open the printed address there:
  ssh -L 8080:127.0.0.1:N lab-machine     then open http://localhost:8080/?token=...`;

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Could not open a browser (${cmd} failed); open the address above by hand.`));
  child.unref();
}

/** Starts browser mode and resolves once the server is listening; the process then lives until a signal. */
export async function startServe(port: number, open: boolean, virtualIfNoPhone = false): Promise<BridgeServer> {
  const built = await ensureWindowBuilt((line) => console.log(line));
  const core = await createCore({ dataDir: defaultDataDir(), version: appVersion() });
  const server = await startBridgeServer({
    ...built,
    dispatch: createDispatch(core.handlers, (line) => console.error(line)),
    events: core.events,
    port,
    log: (line) => console.error(line),
  });
  console.log(`Tetherscope is serving the window at ${server.url}`);
  console.log('The token works once; the browser that opens it keeps a cookie. Press Ctrl-C to stop.');
  if (open) openInBrowser(server.url);
  if (virtualIfNoPhone) {
    void core.startVirtualIfNoPhone().then(
      (device) => device && console.log(`No phone is connected, so a virtual phone (${device.id}) was started: its figures are a model, not a measurement.`),
      (error: unknown) => console.error(`Could not start a virtual phone: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  const stop = (): void => {
    void server
      .close()
      .then(() => core.dispose())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

export async function runServe(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { port: { value: true }, open: { value: false } });
  if (args.positionals.length > 0) throw new Error(`serve takes no arguments, but got "${args.positionals.join(' ')}".`);
  await startServe(flagInt(args, 'port', 0, 65535) ?? 0, args.flags.has('open'));
  return await new Promise<number>(() => {});
}
