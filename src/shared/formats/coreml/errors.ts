// Every failure of the .mlmodel codec is a CoremlError, so callers can translate the whole family at once.
export abstract class CoremlError extends Error {
  override readonly name: string = 'CoremlError';
}

/** The bytes are not a readable Core ML model; `detail` says why in plain words. */
export class CoremlFormatError extends CoremlError {
  override readonly name = 'CoremlFormatError';
  readonly detail: string;
  /** Byte offset where the problem was found, when there is one. */
  readonly offset: number | null;

  constructor(detail: string, offset: number | null = null) {
    super(`This file is not a readable Core ML model: ${detail}`);
    this.detail = detail;
    this.offset = offset;
  }
}

/** A well-formed Core ML model of a kind this codec does not read (an ML Program, a pipeline, a tree ensemble...). */
export class CoremlUnsupportedModelError extends CoremlError {
  override readonly name = 'CoremlUnsupportedModelError';

  constructor(readonly modelType: string) {
    super(`This Core ML model is ${modelType === 'unknown' ? 'of an unknown type' : `a ${modelType} model`}; only neural network models are read`);
  }
}

/** A model description handed to the writer is inconsistent (wrong weight count, empty name, ...). */
export class CoremlSpecError extends CoremlError {
  override readonly name = 'CoremlSpecError';

  constructor(detail: string) {
    super(`Cannot write this Core ML model: ${detail}`);
  }
}
