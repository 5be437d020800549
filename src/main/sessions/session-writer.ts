// Writes a session as it runs: records are queued and appended to the file every 250 ms,
// so a crash or an unplugged phone loses at most the last quarter second.
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionEndRecord, SessionHeader, SessionRecord } from '../../shared/session/records.js';
import { SESSION_FILE_EXTENSION } from '../../shared/session/records.js';

export const SESSION_FLUSH_INTERVAL_MS = 250;

export class SessionWriter {
  readonly path: string;
  readonly #file: FileHandle;
  #queue: string[] = [];
  #writing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #failure: Error | null = null;

  private constructor(path: string, file: FileHandle) {
    this.path = path;
    this.#file = file;
  }

  static async create(sessionsDir: string, header: SessionHeader): Promise<SessionWriter> {
    const path = join(sessionsDir, `${header.sessionId}${SESSION_FILE_EXTENSION}`);
    const file = await open(path, 'wx');
    const writer = new SessionWriter(path, file);
    writer.append(header);
    await writer.flush();
    return writer;
  }

  /** The first write error, if the disk refused one; the run reports it and stops. */
  get failure(): Error | null {
    return this.#failure;
  }

  append(record: SessionRecord): void {
    if (this.#closed) return;
    this.#queue.push(`${JSON.stringify(record)}\n`);
    this.#timer ??= setTimeout(() => void this.flush(), SESSION_FLUSH_INTERVAL_MS);
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#queue.length === 0) return this.#writing;
    const chunk = this.#queue.join('');
    this.#queue = [];
    this.#writing = this.#writing.then(async () => {
      if (this.#failure) return;
      try {
        await this.#file.appendFile(chunk, 'utf8');
      } catch (error) {
        this.#failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    return this.#writing;
  }

  async close(end: SessionEndRecord): Promise<void> {
    if (this.#closed) return;
    this.append(end);
    this.#closed = true;
    await this.flush();
    await this.#file.sync().catch(() => {});
    await this.#file.close();
  }
}
