// Errors of the Node side that cross the contract boundary. Subsystems define their own
// classes; each either extends ApiBoundaryError or is translated by toErrorPayload.
import type { ApiErrorCode, ApiErrorPayload } from '../../shared/api.js';

export class ApiBoundaryError extends Error {
  readonly code: ApiErrorCode;
  readonly hint: string | null;
  constructor(code: ApiErrorCode, message: string, hint: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

export class InvalidInputError extends ApiBoundaryError {
  constructor(message: string) {
    super('invalid-input', message, 'Check the values you entered and try again.');
  }
}

export class UnknownCallError extends ApiBoundaryError {
  constructor(name: string) {
    super('unknown-call', `There is no call named "${name}".`);
  }
}

export class NotFoundError extends ApiBoundaryError {
  constructor(what: string, hint: string | null = null) {
    super('not-found', `${what} was not found.`, hint);
  }
}

export class UnavailableError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('unavailable', message, hint);
  }
}

/** Turns anything thrown into the one shape the window shows. Internal details stay in the log. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiBoundaryError) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Something went wrong inside Tetherscope: ${detail}`,
    hint: 'Try again; if it happens again, the terminal that started Tetherscope has the details.',
  };
}
