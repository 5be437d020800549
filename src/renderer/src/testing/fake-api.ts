// The third host of the contract: an in-process fake for the window's unit tests. Each call
// answers from a handler the test gives (or a plain 'unavailable' reply); events are pushed
// by the test in batches, as the real hosts deliver them.
import {
  API_CALL_NAMES,
  API_EVENT_NAMES,
  eventFnName,
  type ApiCallName,
  type ApiEventEnvelope,
  type ApiInputs,
  type ApiReply,
  type ApiResults,
  type TetherscopeApi,
} from '../../../shared/api.js';

export type FakeHandlers = { [K in ApiCallName]?: (input: ApiInputs[K]) => ApiResults[K] | Promise<ApiResults[K]> };

export interface FakeHost {
  api: TetherscopeApi;
  calls: { name: ApiCallName; input: unknown }[];
  push(batch: ApiEventEnvelope[]): void;
}

export function createFakeHost(handlers: FakeHandlers): FakeHost {
  const calls: FakeHost['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>(API_EVENT_NAMES.map((n) => [n, new Set()]));
  const api: Record<string, unknown> = {};
  for (const name of API_CALL_NAMES) {
    api[name] = async (input?: unknown): Promise<ApiReply<unknown>> => {
      calls.push({ name, input });
      const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'unavailable', message: `The fake host has no ${name}.`, hint: null } };
      try {
        return { ok: true, result: await handler(input) };
      } catch (error) {
        return { ok: false, error: { code: 'device', message: error instanceof Error ? error.message : String(error), hint: 'fake hint' } };
      }
    };
  }
  for (const name of API_EVENT_NAMES) {
    api[eventFnName(name)] = (listener: (payload: unknown) => void) => {
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    };
  }
  return {
    api: api as TetherscopeApi,
    calls,
    push: (batch) => {
      for (const e of batch) for (const l of listeners.get(e.event) ?? []) l(e.payload);
    },
  };
}
