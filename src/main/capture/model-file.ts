// The model a user picked: read, hashed and checked before anything reaches a phone, so a
// wrong file gets a clear message and the phone is never touched for it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModelInfo } from '../../shared/api.js';
import { TfliteError } from '../../shared/formats/tflite/errors.js';
import { readTfliteModel } from '../../shared/formats/tflite/reader.js';
import type { TfliteModel } from '../../shared/formats/tflite/model.js';
import { ApiBoundaryError } from '../api/errors.js';

export class ModelFileError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('model', message, hint);
  }
}

export interface ModelFile {
  info: ModelInfo;
  bytes: Uint8Array;
  model: TfliteModel;
}

/** Largest model accepted; flatbuffers cannot exceed 2 GiB. */
const MAX_MODEL_BYTES = 2 ** 31 - 1;

export async function loadModelFile(path: string): Promise<ModelFile> {
  const name = basename(path);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ModelFileError(`${name} is not a file.`, 'Pick a .tflite model file.');
    size = s.size;
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`The model file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String((error as Error).message)}.`);
  }
  if (size === 0) throw new ModelFileError(`${name} is empty (0 bytes).`, 'Export the model again; the file was not written completely.');
  if (size > MAX_MODEL_BYTES) throw new ModelFileError(`${name} is ${(size / 2 ** 30).toFixed(1)} GiB, beyond the 2 GiB a TensorFlow Lite model can hold.`);
  const bytes = new Uint8Array(await readFile(path));
  let model: TfliteModel;
  try {
    model = readTfliteModel(bytes);
  } catch (error) {
    if (error instanceof TfliteError) {
      throw new ModelFileError(`${name}: ${error.message}`, 'Tetherscope profiles TensorFlow Lite (.tflite) models. If this is one, it may be cut short: copy or export it again.');
    }
    throw error;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ops = Object.entries(model.summary.opCounts).map(([opType, count]) => ({ opType, count }));
  return { info: { path, name, bytes: size, sha256, format: 'tflite', ops }, bytes, model };
}
