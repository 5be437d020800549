import type { Pipe } from './pipe.js';
import type { OpenFile } from './open-file.js';

export const VfsNodeKind = {
  Directory: 'directory',
  File: 'file',
  Dynamic: 'dynamic',
  Fifo: 'fifo',
  CharDevice: 'char-device',
  Symlink: 'symlink',
} as const;
export type VfsNodeKind = (typeof VfsNodeKind)[keyof typeof VfsNodeKind];

/** File-type bits of st_mode, as sync STAT and `ls -l` report them. */
export const VfsModeType = {
  Fifo: 0o010000,
  CharDevice: 0o020000,
  Directory: 0o040000,
  File: 0o100000,
  Symlink: 0o120000,
} as const;
export type VfsModeType = (typeof VfsModeType)[keyof typeof VfsModeType];

interface VfsNodeBase {
  readonly ino: number;
  /** Permission bits only (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface VfsDirectory extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.Directory;
  readonly entries: Map<string, VfsNode>;
  /** Mounted read-only (like /system): writes fail with EROFS. */
  readOnly: boolean;
}

export interface VfsFile extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.File;
  /** Backing store; bytes past `size` are spare capacity. */
  data: Buffer;
  size: number;
}

/**
 * A file whose content is computed when it is opened, like sysfs and procfs
 * (the device model's battery, thermal and cpufreq nodes are these).
 */
export interface VfsDynamicFile extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.Dynamic;
  read(): string | Uint8Array;
  /** Absent: writes fail with EACCES, as for most sysfs nodes. */
  write: ((data: Buffer) => void) | undefined;
  /** What stat reports: 4096 on sysfs, 0 on procfs. */
  statSize: number;
}

export interface VfsFifo extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.Fifo;
  pipe: Pipe | undefined;
}

export interface VfsCharDevice extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.CharDevice;
  open(): OpenFile;
}

export interface VfsSymlink extends VfsNodeBase {
  readonly kind: typeof VfsNodeKind.Symlink;
  readonly target: string;
}

export type VfsNode = VfsDirectory | VfsFile | VfsDynamicFile | VfsFifo | VfsCharDevice | VfsSymlink;

export function vfsModeType(node: VfsNode): VfsModeType {
  switch (node.kind) {
    case VfsNodeKind.Directory:
      return VfsModeType.Directory;
    case VfsNodeKind.Fifo:
      return VfsModeType.Fifo;
    case VfsNodeKind.CharDevice:
      return VfsModeType.CharDevice;
    case VfsNodeKind.Symlink:
      return VfsModeType.Symlink;
    case VfsNodeKind.File:
    case VfsNodeKind.Dynamic:
      return VfsModeType.File;
  }
}

export interface VfsStat {
  readonly ino: number;
  /** Type and permission bits. */
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export function vfsStat(node: VfsNode): VfsStat {
  let size: number;
  switch (node.kind) {
    case VfsNodeKind.File:
      size = node.size;
      break;
    case VfsNodeKind.Dynamic:
      size = node.statSize;
      break;
    case VfsNodeKind.Directory:
      size = 4096;
      break;
    case VfsNodeKind.Symlink:
      size = Buffer.byteLength(node.target);
      break;
    default:
      size = 0;
  }
  const nlink =
    node.kind === VfsNodeKind.Directory
      ? 2 + [...node.entries.values()].filter((e) => e.kind === VfsNodeKind.Directory).length
      : 1;
  return {
    ino: node.ino,
    mode: vfsModeType(node) | node.mode,
    nlink,
    uid: node.uid,
    gid: node.gid,
    size,
    atimeMs: node.atimeMs,
    mtimeMs: node.mtimeMs,
    ctimeMs: node.ctimeMs,
  };
}
