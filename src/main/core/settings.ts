// Settings kept between runs in <data dir>/settings.json. A broken file is reported and
// replaced by defaults rather than stopping Tetherscope.
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppSettings } from '../../shared/api.js';
import { SettingsSchema } from '../../shared/api-schemas.js';

export const DEFAULT_SETTINGS: AppSettings = {
  runnerCliPath: null,
  runnerApkPath: null,
  adbServerPort: null,
  telemetryRateHz: 20,
  baselineWaitMaxS: 60,
  idleBaselineS: 3,
  probeWaitS: 120,
  usbmuxdAddress: null,
};

export class SettingsFile {
  readonly path: string;
  #current: AppSettings = DEFAULT_SETTINGS;
  #problem: string | null = null;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  get current(): AppSettings {
    return this.#current;
  }

  /** What was wrong with the file on disk, if anything. */
  get problem(): string | null {
    return this.#problem;
  }

  async load(): Promise<AppSettings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      this.#current = DEFAULT_SETTINGS;
      return this.#current;
    }
    try {
      const parsed = SettingsSchema.partial().safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
      this.#current = { ...DEFAULT_SETTINGS, ...stripUndefined(parsed.data) };
      this.#problem = null;
    } catch (error) {
      this.#problem = `The settings file ${this.path} could not be read (${error instanceof Error ? error.message : String(error)}); defaults are used.`;
      this.#current = DEFAULT_SETTINGS;
    }
    return this.#current;
  }

  async update(change: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...this.#current, ...stripUndefined(change) };
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`);
    await rename(tmp, this.path);
    this.#current = next;
    this.#problem = null;
    return next;
  }
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
