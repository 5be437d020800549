// Registers the contract's handlers on Electron's ipcMain, once, behind a check of who
// is calling: only the top frame of our own window, at one of our origins, is answered.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { API_CALL_NAMES, ipcCallChannel, type ApiReply } from '../../shared/api.js';
import type { ApiDispatch } from '../api/dispatch.js';

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/** Electron's security checklist: trust frame.origin, never the URL; the frame may be null. */
export function checkSender(
  frame: Pick<WebFrameMain, 'origin' | 'parent'> | null | undefined,
  allowedOrigins: ReadonlySet<string>,
): SenderVerdict {
  if (!frame) return { ok: false, reason: 'the sending frame is gone' };
  if (frame.parent !== null) return { ok: false, reason: 'sub-frames may not call Tetherscope' };
  if (!allowedOrigins.has(frame.origin)) return { ok: false, reason: `origin ${JSON.stringify(frame.origin)} is not Tetherscope's` };
  return { ok: true };
}

const registered = new WeakSet<object>();

export function registerApiIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: ApiDispatch,
  allowedOrigins: ReadonlySet<string>,
  log: (line: string) => void = () => {},
): void {
  if (registered.has(ipcMain)) throw new Error('The Tetherscope IPC handlers are already registered');
  registered.add(ipcMain);
  for (const name of API_CALL_NAMES) {
    ipcMain.handle(ipcCallChannel(name), async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<ApiReply<unknown>> => {
      const verdict = checkSender(event.senderFrame, allowedOrigins);
      if (!verdict.ok) {
        log(`Refused ${name}: ${verdict.reason}`);
        return { ok: false, error: { code: 'invalid-input', message: `Refused: ${verdict.reason}.`, hint: null } };
      }
      if (args.length > 1) {
        return { ok: false, error: { code: 'invalid-input', message: `${name} takes at most one argument.`, hint: null } };
      }
      return dispatch(name, args[0]);
    });
  }
}
