// Every failure of the .tflite codec is a TfliteError, so callers can translate the whole family at once.
export abstract class TfliteError extends Error {
  override readonly name: string = 'TfliteError';
}

/** The bytes are not a readable TensorFlow Lite model; `detail` says why in plain words. */
export class TfliteFormatError extends TfliteError {
  override readonly name = 'TfliteFormatError';
  readonly detail: string;
  /** Byte offset where the problem was found, when there is one. */
  readonly offset: number | null;

  constructor(detail: string, offset: number | null = null) {
    super(`This file is not a TensorFlow Lite model: ${detail}`);
    this.detail = detail;
    this.offset = offset;
  }
}

/** A model description handed to the writer is inconsistent (bad index, wrong data size, ...). */
export class TfliteSpecError extends TfliteError {
  override readonly name = 'TfliteSpecError';

  constructor(detail: string) {
    super(`Cannot write this TensorFlow Lite model: ${detail}`);
  }
}
