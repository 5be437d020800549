// lockdownd and its plist services frame each message as a 4-byte big-endian length, then a
// property list; we (and the virtual phone) write XML, as a real phone answers.
import { encodeXmlPlist, type PlistObject } from './plist-codec.js';

export const PLIST_FRAME_LENGTH_BYTES = 4;

export function encodePlistFrame(payload: PlistObject): Buffer {
  const body = encodeXmlPlist(payload);
  const length = Buffer.alloc(PLIST_FRAME_LENGTH_BYTES);
  length.writeUInt32BE(body.length, 0);
  return Buffer.concat([length, body]);
}
