/**
 * An open file description, shared by every fd that dup()s it (the offset and
 * the end-of-file of a pipe depend on all holders closing).
 */
export interface OpenFile {
  readonly readable: boolean;
  readonly writable: boolean;
  /** A label for /proc-like listings and error messages. */
  readonly label: string;
  /**
   * Up to `max` bytes, stopping after the first `until` byte if given; null at
   * end of file. Nothing is consumed when `signal` aborts first.
   */
  read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null>;
  /** Throws BrokenPipeError when nobody can read any more. */
  write(data: Uint8Array, signal: AbortSignal): Promise<void>;
  retain(): OpenFile;
  release(): void;
}

/** Reference counting shared by every OpenFile implementation. */
export abstract class RefCountedFile implements OpenFile {
  #refs = 1;
  abstract readonly readable: boolean;
  abstract readonly writable: boolean;
  abstract readonly label: string;
  abstract read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null>;
  abstract write(data: Uint8Array, signal: AbortSignal): Promise<void>;

  get isOpen(): boolean {
    return this.#refs > 0;
  }

  retain(): OpenFile {
    this.#refs++;
    return this;
  }

  release(): void {
    if (this.#refs <= 0) return;
    this.#refs--;
    if (this.#refs === 0) this.onLastRelease();
  }

  protected onLastRelease(): void {}
}

/** Resolves when `register`'s callback fires; rejects with the abort reason. */
export function waitUntil(register: (wake: () => void) => () => void, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      unregister();
      reject(signal.reason as Error);
    };
    const unregister = register(() => {
      signal.removeEventListener('abort', onAbort);
      unregister();
      resolve();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
