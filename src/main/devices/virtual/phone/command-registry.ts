import type { Disposer } from '../adb/disposable.js';
import type { Vfs } from '../fs/vfs.js';
import type { VfsFile } from '../fs/vfs-node.js';
import type { PhoneCommand } from './command.js';

/** Finds the program behind an executable file that is not a built-in tool (e.g. a pushed benchmark binary). */
export type PhoneExecutableResolver = (path: string, file: VfsFile) => PhoneCommand | undefined;

export const SYSTEM_BIN = '/system/bin';

/**
 * The phone's programs by path. Registering a tool also creates its file under
 * /system/bin so `ls`, `which` and PATH lookup see it as on a real phone.
 */
export class PhoneCommandRegistry {
  readonly #byPath = new Map<string, PhoneCommand>();
  readonly #resolvers = new Set<PhoneExecutableResolver>();

  constructor(private readonly vfs: Vfs) {}

  register(name: string, program: PhoneCommand, directory = SYSTEM_BIN): Disposer {
    const path = `${directory}/${name}`;
    this.#byPath.set(path, program);
    const dir = this.vfs.mkdir(directory, { parents: true });
    const wasReadOnly = dir.readOnly;
    dir.readOnly = false;
    try {
      const file = this.vfs.writeFile(path, `#!program ${name}\n`, { mode: 0o755 });
      file.gid = 2000;
    } finally {
      dir.readOnly = wasReadOnly;
    }
    return () => {
      if (this.#byPath.get(path) === program) this.#byPath.delete(path);
    };
  }

  addResolver(resolver: PhoneExecutableResolver): Disposer {
    this.#resolvers.add(resolver);
    return () => this.#resolvers.delete(resolver);
  }

  /** The program for an executable file at `path`, if we know one. */
  resolve(path: string, file: VfsFile): PhoneCommand | undefined {
    const known = this.#byPath.get(path);
    if (known !== undefined) return known;
    for (const resolver of this.#resolvers) {
      const program = resolver(path, file);
      if (program !== undefined) return program;
    }
    return undefined;
  }

  names(directory = SYSTEM_BIN): string[] {
    return [...this.#byPath.keys()]
      .filter((path) => path.startsWith(`${directory}/`))
      .map((path) => path.slice(directory.length + 1))
      .sort();
  }
}
