import { describeError } from '../api.js';

/** A failure as one line: the message, then what to do about it. */
export function errorWords(error: unknown): string {
  const { message, hint } = describeError(error);
  return hint ? `${message} ${hint}` : message;
}
