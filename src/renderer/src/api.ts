// The window's one way to the Node side. It reads window.tetherscope, whichever host
// defined it, and turns error replies back into thrown TetherscopeApiErrors.
import {
  TetherscopeApiError,
  type ApiCallName,
  type ApiInputs,
  type ApiReply,
  type ApiResults,
  type TetherscopeApi,
} from '../../shared/api.js';

declare global {
  interface Window {
    tetherscope?: TetherscopeApi;
  }
}

export function hostApi(): TetherscopeApi {
  const api = window.tetherscope;
  if (!api) {
    throw new TetherscopeApiError({
      code: 'unavailable',
      message: 'This page is not connected to Tetherscope.',
      hint: 'Open it with the address that `tetherscope serve` printed, or start the desktop app.',
    });
  }
  return api;
}

export function unwrap<T>(reply: ApiReply<T>): T {
  if (reply.ok) return reply.result;
  throw new TetherscopeApiError(reply.error);
}

type CallArgs<K extends ApiCallName> = ApiInputs[K] extends undefined ? [] : [input: ApiInputs[K]];

export async function call<K extends ApiCallName>(api: TetherscopeApi, name: K, ...args: CallArgs<K>): Promise<ApiResults[K]> {
  const fn = api[name] as (input?: unknown) => Promise<ApiReply<ApiResults[K]>>;
  return unwrap(await fn(...args));
}

/** Plain words for anything a call threw. */
export function describeError(error: unknown): { message: string; hint: string | null } {
  if (error instanceof TetherscopeApiError) return { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error), hint: null };
}
