// The one door into the Node side: every call from Electron IPC or the browser bridge is
// named, validated against its zod schema and answered with exactly one reply.
import type { z } from 'zod';
import { API_CALL_NAMES, type ApiCallName, type ApiReply, type ApiResults } from '../../shared/api.js';
import { ApiInputSchemas, type ApiInputs } from '../../shared/api-schemas.js';
import { InvalidInputError, UnknownCallError, toErrorPayload } from './errors.js';

export type ApiHandlers = { [K in ApiCallName]: (input: ApiInputs[K]) => Promise<ApiResults[K]> };
export type ApiDispatch = (name: unknown, input: unknown) => Promise<ApiReply<unknown>>;

const callNames: ReadonlySet<string> = new Set(API_CALL_NAMES);

export const isApiCallName = (name: unknown): name is ApiCallName =>
  typeof name === 'string' && callNames.has(name);

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const nameForLog = (name: unknown): string => (typeof name === 'string' ? name.slice(0, 100) : `(${typeof name})`);

export function createDispatch(handlers: ApiHandlers, log: (line: string) => void = () => {}): ApiDispatch {
  return async (name, input) => {
    try {
      if (!isApiCallName(name)) throw new UnknownCallError(nameForLog(name));
      const parsed = ApiInputSchemas[name].safeParse(input);
      if (!parsed.success) throw new InvalidInputError(`${name}: ${describeIssues(parsed.error)}`);
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'internal') log(`${nameForLog(name)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, error: payload };
    }
  };
}
