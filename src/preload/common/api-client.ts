// Builds window.tetherscope from a transport: one named function per call, one on<Event>
// per event. Shared by the Electron preload and the browser host script; needs neither
// Node nor the DOM.
import {
  API_CALL_NAMES,
  API_EVENT_NAMES,
  eventFnName,
  type ApiCallName,
  type ApiEventEnvelope,
  type ApiEventName,
  type ApiReply,
  type Disposer,
  type TetherscopeApi,
} from '../../shared/api.js';

export interface ApiTransport {
  call(name: ApiCallName, input: unknown): Promise<ApiReply<unknown>>;
  /** Called once; the transport hands every batch of events to this listener. */
  onEvents(listener: (batch: readonly ApiEventEnvelope[]) => void): void;
}

type AnyListener = (payload: unknown) => void;

export function createApiClient(transport: ApiTransport): TetherscopeApi {
  const listeners = new Map<ApiEventName, Set<AnyListener>>();
  for (const name of API_EVENT_NAMES) listeners.set(name, new Set());

  transport.onEvents((batch) => {
    for (const envelope of batch) {
      const set = listeners.get(envelope.event);
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          listener(envelope.payload);
        } catch (error) {
          // One failing listener must not starve the others.
          console.error(`A listener for ${envelope.event} failed:`, error);
        }
      }
    }
  });

  const api: Record<string, unknown> = {};
  for (const name of API_CALL_NAMES) {
    api[name] = (input?: unknown): Promise<ApiReply<unknown>> => transport.call(name, input);
  }
  for (const name of API_EVENT_NAMES) {
    api[eventFnName(name)] = (listener: AnyListener): Disposer => {
      if (typeof listener !== 'function') throw new TypeError(`${eventFnName(name)} needs a function`);
      const set = listeners.get(name)!;
      // Wrap so the same function registered twice gets two independent disposers.
      const entry: AnyListener = (payload) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    };
  }
  return Object.freeze(api) as TetherscopeApi;
}
