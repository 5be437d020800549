// The model a user picked: read, hashed and checked before anything reaches a phone, so a
// wrong file gets a clear message and the phone is never touched for it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModelInfo } from '../../shared/api.js';
import { TfliteError } from '../../shared/formats/tflite/errors.js';
import { readTfliteModel } from '../../shared/formats/tflite/reader.js';
import type { TfliteModel } from '../../shared/formats/tflite/model.js';
import { CoremlError } from '../../shared/formats/coreml/errors.js';
import type { CoremlModel } from '../../shared/formats/coreml/model.js';
import { readCoremlModel } from '../../shared/formats/coreml/reader.js';
import { ApiBoundaryError } from '../api/errors.js';

export class ModelFileError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('model', message, hint);
  }
}

export interface ModelFile {
  format: 'tflite';
  info: ModelInfo;
  bytes: Uint8Array;
  model: TfliteModel;
}

export interface CoremlModelFile {
  format: 'mlmodel';
  info: ModelInfo;
  bytes: Uint8Array;
  model: CoremlModel;
}

/** A model of either kind Tetherscope profiles: .tflite for Android, .mlmodel for iPhones. */
export type LoadedModelFile = ModelFile | CoremlModelFile;

const PICK_HINT = 'Pick a TensorFlow Lite model (.tflite) for an Android phone or a Core ML model (.mlmodel) for an iPhone.';

/** A .tflite file says so at bytes 4–7 ("TFL3"); anything else named .mlmodel is read as Core ML. */
function looksLikeTflite(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!) === 'TFL3';
}

/** Largest model accepted; flatbuffers cannot exceed 2 GiB. */
const MAX_MODEL_BYTES = 2 ** 31 - 1;

export async function loadModelFile(path: string): Promise<LoadedModelFile> {
  const name = basename(path);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ModelFileError(`${name} is not a file.`, PICK_HINT);
    size = s.size;
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`The model file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String((error as Error).message)}.`);
  }
  if (size === 0) throw new ModelFileError(`${name} is empty (0 bytes).`, 'Export the model again; the file was not written completely.');
  if (size > MAX_MODEL_BYTES) throw new ModelFileError(`${name} is ${(size / 2 ** 30).toFixed(1)} GiB, beyond the 2 GiB a TensorFlow Lite model can hold.`);
  const bytes = new Uint8Array(await readFile(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!looksLikeTflite(bytes) && /\.mlmodel$/i.test(name)) return loadCoreml(path, name, size, sha256, bytes);
  let model: TfliteModel;
  try {
    model = readTfliteModel(bytes);
  } catch (error) {
    if (error instanceof TfliteError) {
      throw new ModelFileError(`${name}: ${error.message}`, `${PICK_HINT} If this is one, it may be cut short: copy or export it again.`);
    }
    throw error;
  }
  const ops = Object.entries(model.summary.opCounts).map(([opType, count]) => ({ opType, count }));
  return { format: 'tflite', info: { path, name, bytes: size, sha256, format: 'tflite', ops }, bytes, model };
}

function loadCoreml(path: string, name: string, size: number, sha256: string, bytes: Uint8Array): CoremlModelFile {
  let model: CoremlModel;
  try {
    model = readCoremlModel(bytes);
  } catch (error) {
    if (error instanceof CoremlError) {
      throw new ModelFileError(`${name}: ${error.message}`, 'Tetherscope profiles Core ML models saved as a single .mlmodel file (a NeuralNetwork model). If this is one, it may be cut short: save it again.');
    }
    throw error;
  }
  const ops = model.ops.map((o) => ({ opType: o.opType, count: o.count }));
  return { format: 'mlmodel', info: { path, name, bytes: size, sha256, format: 'mlmodel', ops }, bytes, model };
}
