// bplist-parser and bplist-creator are CommonJS; requiring them behaves the same under Node,
// vitest and bundlers. Their shipped typings are `any`-heavy, so we declare the little we use.
import { createRequire } from 'node:module';

interface BplistParserModule {
  parseBuffer(buffer: Buffer): unknown[];
  maxObjectCount: number;
  maxObjectSize: number;
}

type BplistCreatorFn = (value: Record<string, unknown> | unknown[]) => Buffer;

const require = createRequire(import.meta.url);
const parser = require('bplist-parser') as BplistParserModule;
const creatorModule = require('bplist-creator') as BplistCreatorFn | { default: BplistCreatorFn };
const creator: BplistCreatorFn = typeof creatorModule === 'function' ? creatorModule : creatorModule.default;

export const BPLIST_MAGIC = Buffer.from('bplist00', 'latin1');

/** Parses a binary plist; returns the top object. Throws whatever bplist-parser throws. */
export function parseBinaryPlist(buffer: Buffer): unknown {
  const objects = parser.parseBuffer(buffer);
  return objects[0];
}

/** Encodes a dict or array as a binary plist. Integers must fit in 32 bits (bplist-creator truncates larger ones). */
export function createBinaryPlist(value: Record<string, unknown> | unknown[]): Buffer {
  return creator(value);
}
