// Collects streamed events and hands them to each subscriber in batches, at most
// one batch per interval (~30 a second), so a high-rate stream never floods a host.
import type { ApiEventEnvelope, ApiEventName, ApiEvents, Disposer } from '../../shared/api.js';

export type EventBatchListener = (batch: ApiEventEnvelope[]) => void;

export class ApiEventHub {
  readonly #intervalMs: number;
  readonly #listeners = new Set<EventBatchListener>();
  #pending: ApiEventEnvelope[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(intervalMs = 33) {
    this.#intervalMs = intervalMs;
  }

  emit<K extends ApiEventName>(event: K, payload: ApiEvents[K]): void {
    this.#pending.push({ event, payload } as ApiEventEnvelope);
    this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
  }

  subscribe(listener: EventBatchListener): Disposer {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(batch);
      } catch {
        // A host whose window went away must not stop the others.
      }
    }
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
    this.#listeners.clear();
  }
}
