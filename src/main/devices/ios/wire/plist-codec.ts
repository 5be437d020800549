import { build as buildXmlPlist, parse as parseXmlPlist } from 'plist';
import { BPLIST_MAGIC, createBinaryPlist, parseBinaryPlist } from './bplist.js';

/** Bytes that are neither an XML nor a binary property list, or a plist that cannot be encoded. */
export class PlistCodecError extends Error {
  override readonly name = 'PlistCodecError';
}

/** A property list value as both parsers yield it after normalization. */
export type PlistValue = string | number | boolean | Date | Buffer | PlistObject | PlistArray;
export interface PlistObject {
  readonly [key: string]: PlistValue;
}
export type PlistArray = readonly PlistValue[];

/** Property lists larger than this are refused on input. */
export const PLIST_MAX_BYTES = 16 * 1024 * 1024;

/** Decodes an XML or binary property list. Garbage raises PlistCodecError, never anything else. */
export function decodePlist(bytes: Uint8Array): PlistValue {
  if (bytes.length === 0) throw new PlistCodecError('empty property list');
  if (bytes.length > PLIST_MAX_BYTES) throw new PlistCodecError(`property list of ${bytes.length} bytes exceeds ${PLIST_MAX_BYTES}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.subarray(0, BPLIST_MAGIC.length).equals(BPLIST_MAGIC)) return decodeBinary(buffer);
  return decodeXml(buffer);
}

/** Decodes and insists on a dictionary (every request of every protocol here is one). */
export function decodePlistDict(bytes: Uint8Array): PlistObject {
  const value = decodePlist(bytes);
  if (!isPlistDict(value)) throw new PlistCodecError('property list is not a dictionary');
  return value;
}

export function isPlistDict(value: unknown): value is PlistObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

/** XML, as a real device and usbmuxd answer. */
export function encodeXmlPlist(value: PlistValue): Buffer {
  try {
    return Buffer.from(buildXmlPlist(value as Parameters<typeof buildXmlPlist>[0]), 'utf8');
  } catch (error) {
    throw new PlistCodecError(`cannot encode property list: ${describe(error)}`);
  }
}

/** Binary (`bplist00`), as usbmuxd stores PairRecordData. */
export function encodeBinaryPlist(value: PlistObject): Buffer {
  try {
    return createBinaryPlist(value as Record<string, unknown>);
  } catch (error) {
    throw new PlistCodecError(`cannot encode binary property list: ${describe(error)}`);
  }
}

function decodeBinary(buffer: Buffer): PlistValue {
  let value: unknown;
  try {
    value = parseBinaryPlist(buffer);
  } catch (error) {
    throw new PlistCodecError(`bad binary property list: ${describe(error)}`);
  }
  if (value === undefined || value === null) throw new PlistCodecError('binary property list has no top object');
  return normalize(value);
}

/**
 * One shape for both parsers: data as Buffer (the XML parser yields Uint8Array), 64-bit
 * integers as number (bplist-parser may yield bigint), and no NaN from a malformed `<integer>`.
 */
function normalize(value: unknown): PlistValue {
  if (typeof value === 'bigint') return Number(BigInt.asIntN(64, value));
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new PlistCodecError('property list has a malformed number');
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(normalize);
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.length);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, PlistValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalize(item);
    return out;
  }
  throw new PlistCodecError(`unsupported property list value of type ${typeof value}`);
}

/** `<integer>` values at or past 2^63: a 64-bit field whose signed value the writer printed unsigned. */
const INT64_WRAP = /<integer>(\d{19,20})<\/integer>/g;

function decodeXml(buffer: Buffer): PlistValue {
  // A JavaScript number cannot hold 18446744073709551466, which is how an unsigned 64-bit field carries −150.
  const text = buffer.toString('utf8').replace(INT64_WRAP, (whole, digits: string) => {
    const n = BigInt(digits);
    return n >= 2n ** 63n && n < 2n ** 64n ? `<integer>${BigInt.asIntN(64, n).toString()}</integer>` : whole;
  });
  if (!text.includes('<plist')) throw new PlistCodecError('not a property list (no bplist00 magic, no <plist> element)');
  let parsed: unknown;
  // The xmldom parser behind `plist` reports some errors by console noise rather than throwing; silence it.
  const originalError = console.error;
  const originalWarn = console.warn;
  try {
    console.error = () => undefined;
    console.warn = () => undefined;
    parsed = parseXmlPlist(text);
  } catch (error) {
    throw new PlistCodecError(`bad XML property list: ${describe(error)}`);
  } finally {
    console.error = originalError;
    console.warn = originalWarn;
  }
  if (parsed === undefined || parsed === null) throw new PlistCodecError('XML property list has no top object');
  return normalize(parsed);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
