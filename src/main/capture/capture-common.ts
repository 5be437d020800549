// What every capture shares, whatever the phone: progress over the plan's steps, cancelling,
// and the session file with its live copy (each record goes to both).
import type { ProfileProgress } from '../../shared/api.js';
import type { PathId } from '../../shared/api-constants.js';
import type { SessionHeader, SessionRecord } from '../../shared/session/records.js';
import { hostNow } from '../../shared/units.js';
import { SessionWriter } from '../sessions/session-writer.js';

export class CaptureCancelled extends Error {}

export type CaptureEventKind = 'path-start' | 'path-end' | 'throttling' | 'disconnect' | 'error' | 'cancelled' | 'note';
export type CaptureEventFn = (kind: CaptureEventKind, message: string, path?: PathId | null, tUs?: number | null) => void;
export type CaptureProgressFn = (path: PathId | null, phase: ProfileProgress['phase'], message: string, within?: number) => void;

export { hostNow };

/** Progress as a fraction of the plan's path runs, with an estimate of the time left. */
export class CaptureProgress {
  stepsDone = 0;
  readonly #steps: number;
  readonly #startedAt = Date.now();
  readonly #sessionId: string;
  readonly #onProgress: (progress: ProfileProgress) => void;

  constructor(sessionId: string, steps: number, onProgress: (progress: ProfileProgress) => void) {
    this.#sessionId = sessionId;
    this.#steps = Math.max(1, steps);
    this.#onProgress = onProgress;
  }

  readonly report: CaptureProgressFn = (path, phase, message, within = 0) => {
    const fraction = Math.min(1, (this.stepsDone + within) / this.#steps);
    const elapsed = Date.now() - this.#startedAt;
    this.#onProgress({ sessionId: this.#sessionId, path, phase, fraction, etaMs: fraction > 0.02 ? Math.round((elapsed / fraction) * (1 - fraction)) : null, message });
  };
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CaptureCancelled();
}

/** Waits, or stops waiting as soon as the run is cancelled. */
/** Waits `ms`, or less when the signal aborts; the abort listener goes when the wait ends (captures sleep often). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface SessionRecorder {
  readonly path: string;
  emit(record: SessionRecord): void;
  event: CaptureEventFn;
  /** Writes what was emitted so far now, rather than within the writer's quarter second. */
  flush(): void;
  /** Writes the end record to the file and the live copy. */
  end(status: 'complete' | 'cancelled' | 'failed' | 'interrupted', message: string | null): Promise<void>;
}

export async function openSessionRecorder(sessionsDir: string, header: SessionHeader, onRecord: (record: SessionRecord) => void): Promise<SessionRecorder> {
  const writer = await SessionWriter.create(sessionsDir, header);
  onRecord(header);
  const emit = (record: SessionRecord): void => {
    writer.append(record);
    onRecord(record);
  };
  return {
    path: writer.path,
    emit,
    event: (kind, message, path = null, tUs = null) => emit({ r: 'event', kind, at: hostNow(), tUs, path, message }),
    flush: () => void writer.flush(),
    end: async (status, message) => {
      await writer.close({ r: 'end', at: hostNow(), status, message });
      onRecord({ r: 'end', at: hostNow(), status, message });
    },
  };
}
