import { wireStruct } from '../../wire/wire-struct.js';
import type { WireStructValue } from '../../wire/wire-struct.js';

export const AdbSyncRequestId = {
  List: 'LIST',
  List2: 'LIS2',
  Lstat2: 'LST2',
  Quit: 'QUIT',
  Receive: 'RECV',
  Send: 'SEND',
  Stat: 'STAT',
  Stat2: 'STA2',
} as const;
export type AdbSyncRequestId = (typeof AdbSyncRequestId)[keyof typeof AdbSyncRequestId];

export const AdbSyncResponseId = {
  Data: 'DATA',
  Dent: 'DENT',
  Dent2: 'DNT2',
  Done: 'DONE',
  Fail: 'FAIL',
  Okay: 'OKAY',
} as const;
export type AdbSyncResponseId = (typeof AdbSyncResponseId)[keyof typeof AdbSyncResponseId];

/** Every request and DATA/DONE chunk: an id and a length (or, for DONE, an mtime). */
export const AdbSyncRequestHeader = wireStruct({ id: 'id', length: 'u32' });
export type AdbSyncRequestHeader = WireStructValue<typeof AdbSyncRequestHeader>;

/** `STAT` reply: lstat() in 16 bytes; all zero when the path is missing. */
export const AdbSyncStatV1 = wireStruct({ id: 'id', mode: 'u32', size: 'u32', mtime: 'u32' });

const STAT_V2_FIELDS = {
  id: 'id',
  error: 'u32',
  dev: 'u64',
  ino: 'u64',
  mode: 'u32',
  nlink: 'u32',
  uid: 'u32',
  gid: 'u32',
  size: 'u64',
  atime: 'i64',
  mtime: 'i64',
  ctime: 'i64',
} as const;

/** `STA2`/`LST2` reply: 72 bytes. */
export const AdbSyncStatV2 = wireStruct(STAT_V2_FIELDS);
export type AdbSyncStatV2 = WireStructValue<typeof AdbSyncStatV2>;

/** `LIST` entry (20 bytes + name); the list ends with a DONE of the same size. */
export const AdbSyncDentV1 = wireStruct({ id: 'id', mode: 'u32', size: 'u32', mtime: 'u32', nameLength: 'u32' });

/** `LIS2` entry (76 bytes + name); the list ends with a DONE of the same size. */
export const AdbSyncDentV2 = wireStruct({ ...STAT_V2_FIELDS, nameLength: 'u32' });

/** DATA chunks carry at most 64 KiB. */
export const ADB_SYNC_DATA_MAX = 64 * 1024;
/** Paths longer than this are refused, as by adbd. */
export const ADB_SYNC_PATH_MAX = 1024;
