// A running session, folded from its streamed record batches with the same
// applySessionRecord the file reader uses, so the live view and a reopened file agree.
// Folding is cheap and happens on arrival; listeners hear about it at most once per
// animation frame, however many batches came in between.
import type { Disposer } from '../../../shared/api.js';
import { applySessionRecord, newSessionData } from '../../../shared/session/read-session.js';
import type { SessionRecord } from '../../../shared/session/records.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import { createFrameScheduler, type FrameScheduler, type RequestFrame } from '../charts/frame-scheduler.js';
import type { SessionSource } from './session-source.js';

export class LiveSessionFold implements SessionSource {
  readonly sessionId: string;
  /** Records that could not be folded (damaged, or before the header). */
  skipped = 0;
  #session: SessionData | null = null;
  #revision = 0;
  readonly #listeners = new Set<() => void>();
  readonly #scheduler: FrameScheduler;

  constructor(sessionId: string, requestFrame?: RequestFrame) {
    this.sessionId = sessionId;
    this.#scheduler = createFrameScheduler(() => {
      for (const listener of [...this.#listeners]) listener();
    }, requestFrame);
  }

  current(): SessionData | null {
    return this.#session;
  }

  revision(): number {
    return this.#revision;
  }

  growing(): boolean {
    return this.#session?.end == null;
  }

  subscribe(listener: () => void): Disposer {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  apply(records: readonly SessionRecord[]): void {
    for (const record of records) {
      if (record.r === 'header') {
        if (this.#session === null) this.#session = newSessionData(record);
        else this.skipped++;
        continue;
      }
      if (this.#session === null || applySessionRecord(this.#session, record) !== 'applied') this.skipped++;
    }
    this.#revision++;
    this.#scheduler.schedule();
  }

  dispose(): void {
    this.#scheduler.dispose();
    this.#listeners.clear();
  }
}
