import type { UnknownResult } from '../../shared/tool-output/unknown.js';

export function unknownResult(reason: string): UnknownResult {
  return { kind: 'unknown', reason };
}

/** Prefix of the reason when a parser failed inside; tests assert it never appears. */
export const INTERNAL_ERROR_REASON = 'The parser failed inside:';

/** Runs a parser so that nothing it throws crosses its boundary. */
export function guarded<T>(parse: () => T | UnknownResult): T | UnknownResult {
  try {
    return parse();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unknownResult(`${INTERNAL_ERROR_REASON} ${detail}`);
  }
}
