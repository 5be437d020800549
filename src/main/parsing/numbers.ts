// Numbers as C++ streams and Java print them. Anything not finite becomes null, so results
// stay JSON-serialisable (JSON has no NaN).

/** One capture group: a decimal or scientific number, or C++'s nan/inf spellings. */
export const NUM = String.raw`([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf)`;

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const INTEGER = /^[-+]?\d+$/;

export function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export function parseInteger(text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Like parseNumber but accepts a trailing `%`. */
export function parsePercent(text: string | undefined): number | null {
  if (text === undefined) return null;
  return parseNumber(text.trim().replace(/%$/, ''));
}

/** Multiplies and drops binary noise (0.0123 s × 1000 = 12.3 ms, not 12.299999999999999). */
export function scale(value: number | null, factor: number): number | null {
  if (value === null) return null;
  const product = value * factor;
  if (!Number.isFinite(product)) return null;
  return Number(product.toPrecision(12));
}
