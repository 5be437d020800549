import type { Disposer } from '../adb/disposable.js';
import { Emitter } from '../adb/disposable.js';

export interface PhonePropertyChange {
  readonly name: string;
  readonly value: string;
}

export type SetPropertyResult = 'ok' | 'read-only' | 'invalid';

/** The phone's system properties, as `getprop` and `setprop` see them. */
export class PhoneProperties {
  readonly #values = new Map<string, string>();
  readonly #onChange = new Emitter<PhonePropertyChange>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [name, value] of Object.entries(initial)) this.#values.set(name, value);
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  /** Sorted by name, as `getprop` prints them. */
  entries(): [string, string][] {
    return [...this.#values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** As property_service does: `ro.*` can be set once, names and values are bounded. */
  set(name: string, value: string): SetPropertyResult {
    if (!/^[A-Za-z0-9_.\-@:]+$/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
      return 'invalid';
    }
    if (name.startsWith('ro.')) {
      if (this.#values.has(name)) return 'read-only';
    } else if (Buffer.byteLength(value) >= 92) {
      return 'invalid';
    }
    this.#values.set(name, value);
    this.#onChange.emit({ name, value });
    return 'ok';
  }

  onChange(listener: (change: PhonePropertyChange) => void): Disposer {
    return this.#onChange.on(listener);
  }
}
