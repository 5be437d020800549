// The browser host script: served by `tetherscope serve` ahead of the app bundle, it
// defines window.tetherscope over the bridge's WebSocket, exactly as the Electron preload
// does over IPC, so the window never learns which host it runs under.
import type { ApiCallName, ApiErrorPayload, ApiEventEnvelope, ApiReply, TetherscopeApi } from '../../shared/api.js';
import { BRIDGE_SOCKET_PATH, type BridgeServerMessage } from '../../shared/bridge-protocol.js';
import { createApiClient } from '../common/api-client.js';

const CALL_TIMEOUT_MS = 120_000;
const RECONNECT_MAX_MS = 10_000;

interface PendingCall {
  settle(reply: ApiReply<unknown>): void;
}

const failure = (error: ApiErrorPayload): ApiReply<unknown> => ({ ok: false, error });

function connectBridge(): Parameters<typeof createApiClient>[0] {
  const pending = new Map<number, PendingCall>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let eventListener: ((batch: readonly ApiEventEnvelope[]) => void) | null = null;
  let retryMs = 500;

  const open = (): void => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}${BRIDGE_SOCKET_PATH}`);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 500;
      for (const message of queue.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let message: BridgeServerMessage;
      try {
        message = JSON.parse(event.data) as BridgeServerMessage;
      } catch {
        return;
      }
      if (message.type === 'reply') pending.get(message.id)?.settle(message.reply);
      else if (message.type === 'events') eventListener?.(message.batch);
    });
    ws.addEventListener('close', () => {
      socket = null;
      for (const call of [...pending.values()]) {
        call.settle(
          failure({
            code: 'unavailable',
            message: 'The connection to Tetherscope closed before it answered.',
            hint: 'Check that `tetherscope serve` is still running; the page reconnects by itself.',
          }),
        );
      }
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    });
  };
  open();

  return {
    call: (name: ApiCallName, input: unknown) =>
      new Promise<ApiReply<unknown>>((resolve) => {
        const id = nextId++;
        let settled = false;
        const timer = setTimeout(() => {
          entry.settle(failure({ code: 'timeout', message: `${name} got no answer within ${CALL_TIMEOUT_MS / 1000} s.`, hint: null }));
        }, CALL_TIMEOUT_MS);
        const entry: PendingCall = {
          settle: (reply) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            pending.delete(id);
            resolve(reply);
          },
        };
        pending.set(id, entry);
        const message = JSON.stringify(input === undefined ? { id, call: name } : { id, call: name, input });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      }),
    onEvents: (listener) => {
      eventListener = listener;
    },
  };
}

const api: TetherscopeApi = createApiClient(connectBridge());
Object.defineProperty(window, 'tetherscope', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: true,
});
