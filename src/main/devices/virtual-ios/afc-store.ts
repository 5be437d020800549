// An in-memory file tree: one per app container (house_arrest) and one for the media
// partition (com.apple.afc). Paths are absolute inside the store; `..` is refused.
import type { IosAppContainer } from './virtual-iphone-contracts.js';
import { AfcStatus } from './afc-protocol.js';

export type AfcNode =
  | { readonly kind: 'dir'; readonly birthNs: bigint; mtimeNs: bigint }
  | { readonly kind: 'file'; readonly birthNs: bigint; mtimeNs: bigint; data: Buffer; size: number };

export type AfcFileNode = Extract<AfcNode, { kind: 'file' }>;

/** Default byte budget of one store; a write past it fails with NoSpaceLeft. */
export const AFC_STORE_DEFAULT_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;
const PATH_MAX = 1024;

export class AfcStore implements IosAppContainer {
  private readonly nodes = new Map<string, AfcNode>();
  private used = 0;

  constructor(
    readonly bundleId: string,
    private readonly limitBytes: number = AFC_STORE_DEFAULT_LIMIT_BYTES,
    directories: readonly string[] = [],
  ) {
    this.nodes.set('/', newDir());
    for (const dir of directories) this.makeDir(dir);
  }

  get usedBytes(): number {
    return this.used;
  }

  /** `/a/b` for any spelling (`a//b/`, `./a/b`), or null for `..`, NUL or overlong paths. */
  static normalize(path: string): string | null {
    if (path.length > PATH_MAX || path.includes('\0')) return null;
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') return null;
      parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  readFile(path: string): Uint8Array | null {
    const node = this.lookup(path);
    return node?.kind === 'file' ? Uint8Array.from(node.data.subarray(0, node.size)) : null;
  }

  /** Writes a whole file, making parent directories. */
  writeFile(path: string, bytes: Uint8Array): AfcStatus {
    const normalized = AfcStore.normalize(path);
    if (normalized === null || normalized === '/') return AfcStatus.InvalidArg;
    const made = this.makeDir(parentOf(normalized));
    if (made !== AfcStatus.Success) return made;
    const opened = this.openFile(normalized, { create: true, truncate: true });
    if (typeof opened === 'number') return opened;
    return this.writeAt(opened, 0, Buffer.from(bytes));
  }

  lookup(path: string): AfcNode | undefined {
    const normalized = AfcStore.normalize(path);
    return normalized === null ? undefined : this.nodes.get(normalized);
  }

  list(path: string): readonly string[] | AfcStatus {
    const normalized = AfcStore.normalize(path);
    if (normalized === null) return AfcStatus.PermDenied;
    const node = this.nodes.get(normalized);
    if (node === undefined) return AfcStatus.ObjectNotFound;
    if (node.kind !== 'dir') return AfcStatus.InvalidArg;
    const prefix = normalized === '/' ? '/' : `${normalized}/`;
    const names = ['.', '..'];
    for (const key of this.nodes.keys()) {
      if (key !== normalized && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) names.push(key.slice(prefix.length));
    }
    return names;
  }

  /** mkdir -p, as AFC MakeDir does. */
  makeDir(path: string): AfcStatus {
    const normalized = AfcStore.normalize(path);
    if (normalized === null) return AfcStatus.PermDenied;
    let at = '';
    for (const part of normalized.split('/').filter((p) => p !== '')) {
      at = `${at}/${part}`;
      const node = this.nodes.get(at);
      if (node === undefined) {
        this.nodes.set(at, newDir());
        this.touch(parentOf(at));
      } else if (node.kind !== 'dir') {
        return AfcStatus.ObjectExists;
      }
    }
    return AfcStatus.Success;
  }

  remove(path: string, recursive: boolean): AfcStatus {
    const normalized = AfcStore.normalize(path);
    if (normalized === null) return AfcStatus.PermDenied;
    if (normalized === '/') return AfcStatus.PermDenied;
    const node = this.nodes.get(normalized);
    if (node === undefined) return AfcStatus.ObjectNotFound;
    const children = [...this.nodes.keys()].filter((key) => key.startsWith(`${normalized}/`));
    if (children.length > 0 && !recursive) return AfcStatus.DirNotEmpty;
    for (const key of [...children, normalized]) this.drop(key);
    this.touch(parentOf(normalized));
    return AfcStatus.Success;
  }

  rename(from: string, to: string): AfcStatus {
    const source = AfcStore.normalize(from);
    const target = AfcStore.normalize(to);
    if (source === null || target === null || source === '/' || target === '/') return AfcStatus.PermDenied;
    const node = this.nodes.get(source);
    if (node === undefined) return AfcStatus.ObjectNotFound;
    if (target.startsWith(`${source}/`)) return AfcStatus.InvalidArg;
    if (this.nodes.get(parentOf(target))?.kind !== 'dir') return AfcStatus.ObjectNotFound;
    const existing = this.nodes.get(target);
    if (existing !== undefined) {
      if (existing.kind === 'dir' && [...this.nodes.keys()].some((key) => key.startsWith(`${target}/`))) return AfcStatus.DirNotEmpty;
      this.drop(target);
    }
    const moved = [...this.nodes.entries()].filter(([key]) => key === source || key.startsWith(`${source}/`));
    for (const [key] of moved) this.nodes.delete(key);
    for (const [key, value] of moved) this.nodes.set(target + key.slice(source.length), value);
    this.touch(parentOf(source));
    this.touch(parentOf(target));
    return AfcStatus.Success;
  }

  openFile(path: string, mode: { create: boolean; truncate: boolean }): AfcFileNode | AfcStatus {
    const normalized = AfcStore.normalize(path);
    if (normalized === null) return AfcStatus.PermDenied;
    const node = this.nodes.get(normalized);
    if (node?.kind === 'dir') return AfcStatus.ObjectIsDir;
    if (node === undefined) {
      if (!mode.create) return AfcStatus.ObjectNotFound;
      if (this.nodes.get(parentOf(normalized))?.kind !== 'dir') return AfcStatus.ObjectNotFound;
      const now = nowNs();
      const file: AfcFileNode = { kind: 'file', birthNs: now, mtimeNs: now, data: Buffer.alloc(0), size: 0 };
      this.nodes.set(normalized, file);
      this.touch(parentOf(normalized));
      return file;
    }
    if (mode.truncate) this.resize(node, 0);
    return node;
  }

  writeAt(file: AfcFileNode, offset: number, bytes: Buffer): AfcStatus {
    const end = offset + bytes.length;
    if (end > file.size) {
      const grown = this.resize(file, end);
      if (grown !== AfcStatus.Success) return grown;
    }
    bytes.copy(file.data, offset);
    file.mtimeNs = nowNs();
    return AfcStatus.Success;
  }

  resize(file: AfcFileNode, size: number): AfcStatus {
    if (this.used - file.size + size > this.limitBytes) return AfcStatus.NoSpaceLeft;
    if (size > file.data.length) {
      const grown = Buffer.alloc(Math.max(size, Math.min(file.data.length * 2, size + 64 * 1024 * 1024)));
      file.data.copy(grown, 0, 0, file.size);
      file.data = grown;
    } else if (size < file.size) {
      file.data.fill(0, size, file.size);
    }
    this.used += size - file.size;
    file.size = size;
    file.mtimeNs = nowNs();
    return AfcStatus.Success;
  }

  private drop(key: string): void {
    const node = this.nodes.get(key);
    if (node?.kind === 'file') this.used -= node.size;
    this.nodes.delete(key);
  }

  private touch(path: string): void {
    const node = this.nodes.get(path);
    if (node !== undefined) node.mtimeNs = nowNs();
  }
}

function newDir(): AfcNode {
  const now = nowNs();
  return { kind: 'dir', birthNs: now, mtimeNs: now };
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
