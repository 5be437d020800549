// Messages on the browser bridge's WebSocket. The browser host script and the bridge
// server both import these shapes; nothing else travels on that socket.
import type { ApiEventEnvelope, ApiReply } from './api.js';

export const BRIDGE_BASE = '/__tetherscope';
export const BRIDGE_SOCKET_PATH = `${BRIDGE_BASE}/socket`;
export const BRIDGE_HOST_SCRIPT_PATH = `${BRIDGE_BASE}/host.js`;
/** Sent by the server when a message is not a well-formed request. */
export const BRIDGE_MAX_MESSAGE_BYTES = 1024 * 1024;

export interface BridgeRequest {
  id: number;
  call: string;
  input?: unknown;
}

export type BridgeServerMessage =
  | { type: 'reply'; id: number; reply: ApiReply<unknown> }
  | { type: 'events'; batch: ApiEventEnvelope[] };
