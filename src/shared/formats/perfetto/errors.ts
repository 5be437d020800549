// Every failure of the Perfetto codec is a PerfettoError, so callers can translate the whole family at once.
export abstract class PerfettoError extends Error {
  override readonly name: string = 'PerfettoError';
}

/** The bytes are not a readable Perfetto trace; `detail` says why in plain words. */
export class PerfettoFormatError extends PerfettoError {
  override readonly name = 'PerfettoFormatError';
  readonly detail: string;
  readonly offset: number | null;

  constructor(detail: string, offset: number | null = null) {
    super(`This file is not a Perfetto trace: ${detail}`);
    this.detail = detail;
    this.offset = offset;
  }
}

/** The trace writer was used wrongly (closed, a duplicate sequence id, a value out of range). */
export class PerfettoWriteError extends PerfettoError {
  override readonly name = 'PerfettoWriteError';
}
