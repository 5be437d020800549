// The folder of session files: list, open, delete. Listing reads only each file's first
// line and last few kilobytes, so a folder of large sessions lists quickly.
import { open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SessionDetail, SessionSummary } from '../../shared/api.js';
import { SESSION_FILE_EXTENSION, type SessionEndRecord, type SessionHeader } from '../../shared/session/records.js';
import { readSessionText } from '../../shared/session/read-session.js';
import { ApiBoundaryError, NotFoundError } from '../api/errors.js';

export class SessionFileError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('not-found', message, hint);
  }
}

const TAIL_BYTES = 8192;

async function headAndTail(path: string): Promise<{ head: string; tail: string }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const headBuf = Buffer.alloc(Math.min(size, 64 * 1024));
    await file.read(headBuf, 0, headBuf.length, 0);
    const tailBuf = Buffer.alloc(Math.min(size, TAIL_BYTES));
    await file.read(tailBuf, 0, tailBuf.length, size - tailBuf.length);
    return { head: headBuf.toString('utf8').split('\n')[0] ?? '', tail: tailBuf.toString('utf8') };
  } finally {
    await file.close();
  }
}

export function summaryFromHeader(header: SessionHeader, end: SessionEndRecord | null, running: boolean): SessionSummary {
  return {
    sessionId: header.sessionId,
    createdAt: header.createdAt,
    deviceLabel: header.device.facts?.model ?? header.device.id,
    virtual: header.device.virtual,
    modelName: header.model.name,
    paths: header.plan.paths.map((p) => p.path),
    status: end ? end.status : running ? 'running' : 'interrupted',
  };
}

export class SessionStore {
  readonly dir: string;
  readonly #running = new Set<string>();

  constructor(dir: string) {
    this.dir = dir;
  }

  fileFor(sessionId: string): string {
    return join(this.dir, `${sessionId}${SESSION_FILE_EXTENSION}`);
  }

  markRunning(sessionId: string, running: boolean): void {
    if (running) this.#running.add(sessionId);
    else this.#running.delete(sessionId);
  }

  async list(): Promise<SessionSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const summaries: SessionSummary[] = [];
    for (const name of names.filter((n) => n.endsWith(SESSION_FILE_EXTENSION))) {
      try {
        const { head, tail } = await headAndTail(join(this.dir, name));
        const header = JSON.parse(head) as SessionHeader;
        if (header.r !== 'header' || typeof header.sessionId !== 'string') continue;
        const endLine = tail.split('\n').reverse().find((l) => l.startsWith('{"r":"end"'));
        const end = endLine ? (JSON.parse(endLine) as SessionEndRecord) : null;
        summaries.push(summaryFromHeader(header, end, this.#running.has(header.sessionId)));
      } catch {
        // Not a readable session; the list shows only what opens.
      }
    }
    return summaries.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Opens a session by id or by a file path (the CLI's `open FILE`). */
  async open(ref: { sessionId: string } | { path: string }): Promise<SessionDetail> {
    const path = 'path' in ref ? ref.path : this.fileFor(ref.sessionId);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new NotFoundError(`Session ${'path' in ref ? path : ref.sessionId}`, 'It may have been deleted or moved; the sessions list shows what is there.');
    }
    const read = readSessionText(text);
    if (!read.ok) throw new SessionFileError(`${basename(path)} could not be opened: ${read.error}`);
    const { header, end } = read.session;
    return { summary: summaryFromHeader(header, end, this.#running.has(header.sessionId)), session: read.session, warnings: read.warnings, path };
  }

  async delete(sessionId: string): Promise<void> {
    if (this.#running.has(sessionId)) throw new SessionFileError('A session cannot be deleted while it is recording.', 'Cancel the run first.');
    const path = this.fileFor(sessionId);
    try {
      await stat(path);
    } catch {
      throw new NotFoundError(`Session ${sessionId}`);
    }
    await rm(path);
  }
}
