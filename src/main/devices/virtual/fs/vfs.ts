import { PhoneFsError } from './errno.js';
import type { OpenFile } from './open-file.js';
import { baseName, dirName, joinPath, splitPath } from './path.js';
import type { VfsDirectory, VfsDynamicFile, VfsFile, VfsNode, VfsStat } from './vfs-node.js';
import { VfsNodeKind, vfsStat } from './vfs-node.js';
import { VfsOpenFile, openFifo } from './vfs-open-file.js';

/** Who asks: root bypasses permission bits, the adb shell user does not. */
export interface PhoneCredentials {
  readonly uid: number;
  readonly gids: readonly number[];
}

export const ROOT_CREDENTIALS: PhoneCredentials = { uid: 0, gids: [0] };

export const VfsAccess = { Read: 4, Write: 2, Execute: 1 } as const;
export type VfsAccess = (typeof VfsAccess)[keyof typeof VfsAccess];

export interface VfsOpenFlags {
  readonly read?: boolean;
  readonly write?: boolean;
  readonly create?: boolean;
  readonly truncate?: boolean;
  readonly append?: boolean;
  readonly exclusive?: boolean;
  /** Permission bits for a created file (before umask). */
  readonly mode?: number;
}

export interface VfsCallOptions {
  readonly cwd?: string;
  readonly cred?: PhoneCredentials;
}

interface Located {
  readonly node: VfsNode;
  readonly parent: VfsDirectory;
  readonly name: string;
}

const MAX_SYMLINKS = 40;

/** The phone's in-memory file system, with Linux semantics where we use them. */
export class Vfs {
  readonly root: VfsDirectory;
  #nextIno = 2;

  constructor(readonly now: () => number = Date.now) {
    this.root = this.#newDirectory(0o755, 0, 0);
  }

  // --- lookup -------------------------------------------------------------

  /** The node at `path`; symlinks are followed unless `follow` is false. */
  lookup(path: string, options: VfsCallOptions & { follow?: boolean } = {}): VfsNode {
    return this.#locate(path, options.cwd ?? '/', options.follow ?? true, options.cred ?? ROOT_CREDENTIALS).node;
  }

  tryLookup(path: string, options: VfsCallOptions & { follow?: boolean } = {}): VfsNode | undefined {
    try {
      return this.lookup(path, options);
    } catch (error) {
      if (error instanceof PhoneFsError) return undefined;
      throw error;
    }
  }

  stat(path: string, options: VfsCallOptions & { follow?: boolean } = {}): VfsStat {
    return vfsStat(this.lookup(path, options));
  }

  /** Entries of a directory, sorted by name (without `.` and `..`). */
  readdir(path: string, options: VfsCallOptions = {}): [string, VfsNode][] {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const dir = this.lookup(path, options);
    if (dir.kind !== VfsNodeKind.Directory) throw new PhoneFsError('ENOTDIR', path);
    this.#require(dir, cred, VfsAccess.Read, path);
    return [...dir.entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  access(node: VfsNode, cred: PhoneCredentials, want: VfsAccess): boolean {
    if (cred.uid === 0) {
      if (want !== VfsAccess.Execute || node.kind === VfsNodeKind.Directory) return true;
      return (node.mode & 0o111) !== 0;
    }
    let bits: number;
    if (node.uid === cred.uid) bits = (node.mode >> 6) & 7;
    else if (cred.gids.includes(node.gid)) bits = (node.mode >> 3) & 7;
    else bits = node.mode & 7;
    return (bits & want) === want;
  }

  // --- mutation -----------------------------------------------------------

  mkdir(path: string, options: VfsCallOptions & { mode?: number; parents?: boolean } = {}): VfsDirectory {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const cwd = options.cwd ?? '/';
    if (options.parents === true) {
      let current = this.root;
      let walked = '';
      for (const part of splitPath(joinPath(cwd, path))) {
        walked += '/' + part;
        const existing = this.tryLookup(walked, { cred });
        if (existing !== undefined) {
          if (existing.kind !== VfsNodeKind.Directory) throw new PhoneFsError('ENOTDIR', walked);
          current = existing;
          continue;
        }
        current = this.#create(current, part, this.#newDirectory(options.mode ?? 0o755, cred.uid, this.#gidFor(cred)), cred, walked);
      }
      return current;
    }
    const { dir, name } = this.#parentOf(path, cwd, cred);
    if (dir.entries.has(name)) throw new PhoneFsError('EEXIST', path);
    return this.#create(dir, name, this.#newDirectory(options.mode ?? 0o755, cred.uid, this.#gidFor(cred)), cred, path);
  }

  /** Creates or replaces a regular file's content. */
  writeFile(
    path: string,
    data: Uint8Array | string,
    options: VfsCallOptions & { mode?: number; mtimeMs?: number } = {},
  ): VfsFile {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const cwd = options.cwd ?? '/';
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    const existing = this.tryLookup(path, { cwd, cred });
    let file: VfsFile;
    if (existing !== undefined) {
      if (existing.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', path);
      if (existing.kind !== VfsNodeKind.File) throw new PhoneFsError('EINVAL', path);
      this.#require(existing, cred, VfsAccess.Write, path);
      this.#requireWritableMount(this.#locate(path, cwd, true, cred).parent, path);
      file = existing;
      if (options.mode !== undefined) file.mode = options.mode & 0o7777;
    } else {
      const { dir, name } = this.#parentOf(path, cwd, cred);
      file = this.#create(dir, name, this.#newFile(options.mode ?? 0o644, cred), cred, path);
    }
    file.data = bytes;
    file.size = bytes.length;
    file.mtimeMs = options.mtimeMs ?? this.now();
    file.ctimeMs = this.now();
    return file;
  }

  readFile(path: string, options: VfsCallOptions = {}): Buffer {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const node = this.lookup(path, options);
    this.#require(node, cred, VfsAccess.Read, path);
    switch (node.kind) {
      case VfsNodeKind.File:
        return Buffer.from(node.data.subarray(0, node.size));
      case VfsNodeKind.Dynamic:
        return Buffer.from(node.read());
      case VfsNodeKind.Directory:
        throw new PhoneFsError('EISDIR', path);
      default:
        throw new PhoneFsError('EINVAL', path);
    }
  }

  /** A sysfs/procfs-like file whose content is computed on each open. */
  defineDynamic(
    path: string,
    spec: {
      read: () => string | Uint8Array;
      write?: (data: Buffer) => void;
      mode?: number;
      statSize?: number;
      uid?: number;
      gid?: number;
    },
  ): VfsDynamicFile {
    const dir = this.mkdir(dirName(path), { parents: true });
    const now = this.now();
    const node: VfsDynamicFile = {
      kind: VfsNodeKind.Dynamic,
      ino: this.#nextIno++,
      mode: spec.mode ?? (spec.write === undefined ? 0o444 : 0o644),
      uid: spec.uid ?? 0,
      gid: spec.gid ?? 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      read: spec.read,
      write: spec.write,
      statSize: spec.statSize ?? 4096,
    };
    dir.entries.set(baseName(path), node);
    return node;
  }

  defineCharDevice(path: string, open: () => OpenFile, mode = 0o666): void {
    const dir = this.mkdir(dirName(path), { parents: true });
    const now = this.now();
    dir.entries.set(baseName(path), {
      kind: VfsNodeKind.CharDevice,
      ino: this.#nextIno++,
      mode,
      uid: 0,
      gid: 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      open,
    });
  }

  symlink(target: string, path: string, options: VfsCallOptions = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const { dir, name } = this.#parentOf(path, options.cwd ?? '/', cred);
    if (dir.entries.has(name)) throw new PhoneFsError('EEXIST', path);
    const now = this.now();
    this.#create(
      dir,
      name,
      { kind: VfsNodeKind.Symlink, ino: this.#nextIno++, mode: 0o777, uid: cred.uid, gid: this.#gidFor(cred), atimeMs: now, mtimeMs: now, ctimeMs: now, target },
      cred,
      path,
    );
  }

  mkfifo(path: string, options: VfsCallOptions & { mode?: number } = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const { dir, name } = this.#parentOf(path, options.cwd ?? '/', cred);
    if (dir.entries.has(name)) throw new PhoneFsError('EEXIST', path);
    const now = this.now();
    this.#create(
      dir,
      name,
      { kind: VfsNodeKind.Fifo, ino: this.#nextIno++, mode: options.mode ?? 0o644, uid: cred.uid, gid: this.#gidFor(cred), atimeMs: now, mtimeMs: now, ctimeMs: now, pipe: undefined },
      cred,
      path,
    );
  }

  /** Removes a non-directory. */
  unlink(path: string, options: VfsCallOptions = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const { node, parent, name } = this.#locate(path, options.cwd ?? '/', false, cred);
    if (node.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', path);
    this.#requireModify(parent, cred, path);
    parent.entries.delete(name);
    parent.mtimeMs = this.now();
  }

  rmdir(path: string, options: VfsCallOptions = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const { node, parent, name } = this.#locate(path, options.cwd ?? '/', false, cred);
    if (node.kind !== VfsNodeKind.Directory) throw new PhoneFsError('ENOTDIR', path);
    if (node === this.root) throw new PhoneFsError('EPERM', path);
    if (node.entries.size > 0) throw new PhoneFsError('ENOTEMPTY', path);
    this.#requireModify(parent, cred, path);
    parent.entries.delete(name);
    parent.mtimeMs = this.now();
  }

  rename(from: string, to: string, options: VfsCallOptions = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const cwd = options.cwd ?? '/';
    const source = this.#locate(from, cwd, false, cred);
    this.#requireModify(source.parent, cred, from);
    let target = this.#parentOf(to, cwd, cred);
    const existing = target.dir.entries.get(target.name);
    if (existing?.kind === VfsNodeKind.Directory && source.node.kind !== VfsNodeKind.Directory) {
      target = { dir: existing, name: source.name };
    }
    this.#requireModify(target.dir, cred, to);
    source.parent.entries.delete(source.name);
    target.dir.entries.set(target.name, source.node);
    source.node.ctimeMs = this.now();
  }

  chmod(path: string, mode: number, options: VfsCallOptions = {}): void {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const { node, parent } = this.#locate(path, options.cwd ?? '/', true, cred);
    if (cred.uid !== 0 && node.uid !== cred.uid) throw new PhoneFsError('EPERM', path);
    this.#requireWritableMount(parent, path);
    node.mode = mode & 0o7777;
    node.ctimeMs = this.now();
  }

  /** Marks a subtree as a read-only mount (EROFS on change), like /system. */
  setReadOnly(path: string): void {
    const visit = (node: VfsNode): void => {
      if (node.kind !== VfsNodeKind.Directory) return;
      node.readOnly = true;
      for (const child of node.entries.values()) visit(child);
    };
    visit(this.lookup(path));
  }

  // --- open ---------------------------------------------------------------

  /** Opens like open(2). FIFOs block until the other end is there, as on Linux. */
  async open(path: string, flags: VfsOpenFlags, options: VfsCallOptions & { signal: AbortSignal }): Promise<OpenFile> {
    const cred = options.cred ?? ROOT_CREDENTIALS;
    const cwd = options.cwd ?? '/';
    let node = this.tryLookup(path, { cwd, cred });
    if (node === undefined) {
      if (flags.create !== true) this.lookup(path, { cwd, cred }); // throws the precise error
      const { dir, name } = this.#parentOf(path, cwd, cred);
      node = this.#create(dir, name, this.#newFile(flags.mode ?? 0o666, cred), cred, path);
    } else if (flags.create === true && flags.exclusive === true) {
      throw new PhoneFsError('EEXIST', path);
    }
    if (flags.read === true) this.#require(node, cred, VfsAccess.Read, path);
    if (flags.write === true) {
      if (node.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', path);
      this.#require(node, cred, VfsAccess.Write, path);
      if (node.kind === VfsNodeKind.File) this.#requireWritableMount(this.#locate(path, cwd, true, cred).parent, path);
    }
    switch (node.kind) {
      case VfsNodeKind.Directory:
        throw new PhoneFsError('EISDIR', path);
      case VfsNodeKind.CharDevice:
        return node.open();
      case VfsNodeKind.Fifo:
        return openFifo(node, flags.read === true, flags.write === true, options.signal);
      case VfsNodeKind.Symlink:
        throw new PhoneFsError('ELOOP', path);
      case VfsNodeKind.File:
        if (flags.write === true && flags.truncate === true) {
          node.size = 0;
          node.mtimeMs = this.now();
        }
        return new VfsOpenFile(node, path, flags, this.now);
      case VfsNodeKind.Dynamic:
        if (flags.write === true && node.write === undefined) throw new PhoneFsError('EACCES', path);
        return new VfsOpenFile(node, path, flags, this.now);
    }
  }

  // --- internals ----------------------------------------------------------

  #locate(path: string, cwd: string, follow: boolean, cred: PhoneCredentials, depth = 0): Located {
    if (depth > MAX_SYMLINKS) throw new PhoneFsError('ELOOP', path);
    const parts = splitPath(joinPath(cwd, path));
    let dir: VfsDirectory;
    let dirPath = '/';
    let parent = this.root;
    let name = '';
    let node: VfsNode = this.root;
    const stack: { dir: VfsDirectory; path: string }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (node.kind !== VfsNodeKind.Directory) throw new PhoneFsError('ENOTDIR', path);
      dir = node;
      if (!this.access(dir, cred, VfsAccess.Execute)) throw new PhoneFsError('EACCES', path);
      if (part === '..') {
        const up = stack.pop();
        node = up?.dir ?? this.root;
        dirPath = up?.path ?? '/';
        parent = stack.at(-1)?.dir ?? this.root;
        name = baseName(dirPath);
        continue;
      }
      const child = dir.entries.get(part);
      if (child === undefined) throw new PhoneFsError('ENOENT', path);
      const last = i === parts.length - 1;
      if (child.kind === VfsNodeKind.Symlink && (!last || follow)) {
        const resolved = this.#locate(child.target, dirPath, true, cred, depth + 1);
        const rest = parts.slice(i + 1).join('/');
        if (rest === '') return resolved;
        const resolvedPath = this.#pathOf(resolved.node) ?? '/';
        return this.#locate(rest, resolvedPath, follow, cred, depth + 1);
      }
      stack.push({ dir, path: dirPath });
      parent = dir;
      name = part;
      node = child;
      dirPath = dirPath === '/' ? `/${part}` : `${dirPath}/${part}`;
    }
    return { node, parent, name };
  }

  /** Absolute path of a directory node (used after resolving a symlink). */
  #pathOf(target: VfsNode): string | undefined {
    const walk = (dir: VfsDirectory, at: string): string | undefined => {
      if (dir === target) return at;
      for (const [name, child] of dir.entries) {
        if (child === target) return at === '/' ? `/${name}` : `${at}/${name}`;
        if (child.kind === VfsNodeKind.Directory) {
          const found = walk(child, at === '/' ? `/${name}` : `${at}/${name}`);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    return walk(this.root, '/');
  }

  #parentOf(path: string, cwd: string, cred: PhoneCredentials): { dir: VfsDirectory; name: string } {
    const name = baseName(path);
    if (name === '' || name === '/' || name === '.' || name === '..') throw new PhoneFsError('EEXIST', path);
    const parentPath = dirName(joinPath(cwd, path));
    const dir = this.lookup(parentPath, { cred });
    if (dir.kind !== VfsNodeKind.Directory) throw new PhoneFsError('ENOTDIR', path);
    return { dir, name };
  }

  #create<T extends VfsNode>(dir: VfsDirectory, name: string, node: T, cred: PhoneCredentials, path: string): T {
    this.#requireModify(dir, cred, path);
    if (Buffer.byteLength(name) > 255) throw new PhoneFsError('ENAMETOOLONG', path);
    dir.entries.set(name, node);
    dir.mtimeMs = this.now();
    return node;
  }

  #requireModify(dir: VfsDirectory, cred: PhoneCredentials, path: string): void {
    this.#requireWritableMount(dir, path);
    this.#require(dir, cred, VfsAccess.Write | VfsAccess.Execute, path);
  }

  #requireWritableMount(dir: VfsDirectory, path: string): void {
    if (dir.readOnly) throw new PhoneFsError('EROFS', path);
  }

  #require(node: VfsNode, cred: PhoneCredentials, want: number, path: string): void {
    if (!this.access(node, cred, want as VfsAccess)) throw new PhoneFsError('EACCES', path);
  }

  #gidFor(cred: PhoneCredentials): number {
    return cred.gids[0] ?? cred.uid;
  }

  #newDirectory(mode: number, uid: number, gid: number): VfsDirectory {
    const now = this.now();
    return {
      kind: VfsNodeKind.Directory,
      ino: this.#nextIno++,
      mode: mode & 0o7777,
      uid,
      gid,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      entries: new Map(),
      readOnly: false,
    };
  }

  #newFile(mode: number, cred: PhoneCredentials): VfsFile {
    const now = this.now();
    return {
      kind: VfsNodeKind.File,
      ino: this.#nextIno++,
      mode: mode & 0o7777,
      uid: cred.uid,
      gid: this.#gidFor(cred),
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      data: Buffer.alloc(0),
      size: 0,
    };
  }
}
