// Every running session the host streams, by id. Batches are folded from the first one
// on, even before the window knows the id (a run's header can arrive before
// startProfile's reply), so no record is lost whichever comes first.
import type { Disposer, SessionEventBatch, TetherscopeApi } from '../../../shared/api.js';
import type { RequestFrame } from '../charts/frame-scheduler.js';
import { LiveSessionFold } from './live-fold.js';

export class LiveSessions {
  readonly #folds = new Map<string, LiveSessionFold>();
  readonly #listeners = new Set<() => void>();
  readonly #requestFrame: RequestFrame | undefined;

  constructor(requestFrame?: RequestFrame) {
    this.#requestFrame = requestFrame;
  }

  connect(api: TetherscopeApi): Disposer {
    return api.onSessionEvents((batch) => this.receive(batch));
  }

  receive(batch: SessionEventBatch): void {
    let fold = this.#folds.get(batch.sessionId);
    const added = fold === undefined;
    fold ??= new LiveSessionFold(batch.sessionId, this.#requestFrame);
    this.#folds.set(batch.sessionId, fold);
    fold.apply(batch.records);
    if (added) for (const listener of [...this.#listeners]) listener();
  }

  get(sessionId: string): LiveSessionFold | undefined {
    return this.#folds.get(sessionId);
  }

  /** Hears when a new session starts streaming. */
  subscribe(listener: () => void): Disposer {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  forget(sessionId: string): void {
    this.#folds.get(sessionId)?.dispose();
    if (this.#folds.delete(sessionId)) for (const listener of [...this.#listeners]) listener();
  }
}

/** The window's one registry, connected to the host at start-up. */
export const liveSessions = new LiveSessions();
