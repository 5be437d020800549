// Electron's main process: one window, locked down, served from our own app:// scheme.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatch } from '../api/dispatch.js';
import { createCore } from '../core/core.js';
import { defaultDataDir } from '../core/app-paths.js';
import { registerApiIpc } from './ipc.js';
import { IPC_EVENTS_CHANNEL } from '../../shared/api.js';
import { HTTP_SECURITY_HEADERS } from '../bridge/security-headers.js';

const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://tetherscope`;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = join(import.meta.dirname, '..', 'renderer');
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const allowedOrigins = new Set([APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])]);

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(HTTP_SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  serveRenderer();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const core = await createCore({ dataDir: defaultDataDir(), version: app.getVersion() });
  registerApiIpc(ipcMain, createDispatch(core.handlers, console.error), allowedOrigins, console.warn);

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Tetherscope',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!allowedOrigins.has(new URL(url).origin)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (new URL(url).protocol === 'https:' && new URL(url).hostname === 'ui.perfetto.dev') void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stopEvents = core.events.subscribe((batch) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS_CHANNEL, batch);
  });
  window.on('closed', () => stopEvents());

  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  void core.startVirtualIfNoPhone().catch((error: unknown) => console.error(`Could not start a virtual phone: ${String(error)}`));
  app.on('window-all-closed', () => {
    void core.dispose().finally(() => app.quit());
  });
}

void main();
