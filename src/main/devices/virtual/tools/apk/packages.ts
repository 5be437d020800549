// The package manager's state: the system packages a phone ships with, the apps installed since, and which
// live processes belong to which app (so the ATrace gate can tell a debuggable app's process).
import type { ApkManifest } from './apk-file.js';

export interface InstalledPackage {
  readonly name: string;
  readonly uid: number;
  readonly system: boolean;
  readonly manifest: ApkManifest | null;
  readonly codePath: string;
  readonly firstInstallMs: number;
  readonly lastUpdateMs: number;
}

const SYSTEM_PACKAGES = [
  'android',
  'com.android.shell',
  'com.android.systemui',
  'com.android.settings',
  'com.android.providers.settings',
  'com.android.launcher3',
  'com.android.phone',
  'com.google.android.gms',
];

export class PackageRegistry {
  readonly #packages = new Map<string, InstalledPackage>();
  readonly #processes = new Map<number, string>();
  #nextUid = 10234;

  constructor(now: number) {
    SYSTEM_PACKAGES.forEach((name, i) => {
      this.#packages.set(name, { name, uid: i < 2 ? 1000 + i * 1000 : 10100 + i, system: true, manifest: null, codePath: `/system/app/${name}`, firstInstallMs: now, lastUpdateMs: now });
    });
  }

  get(name: string): InstalledPackage | undefined {
    return this.#packages.get(name);
  }

  list(): InstalledPackage[] {
    return [...this.#packages.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  install(manifest: ApkManifest, now: number): InstalledPackage {
    const existing = this.#packages.get(manifest.packageName);
    const installed: InstalledPackage = {
      name: manifest.packageName,
      uid: existing?.uid ?? this.#nextUid++,
      system: false,
      manifest,
      codePath: `/data/app/~~${Buffer.from(manifest.packageName).toString('base64url').slice(0, 22)}==/${manifest.packageName}-1`,
      firstInstallMs: existing?.firstInstallMs ?? now,
      lastUpdateMs: now,
    };
    this.#packages.set(installed.name, installed);
    return installed;
  }

  uninstall(name: string): boolean {
    const existing = this.#packages.get(name);
    if (existing === undefined || existing.system) return false;
    this.#packages.delete(name);
    return true;
  }

  /** A process started for an app. */
  attachProcess(pid: number, packageName: string): void {
    this.#processes.set(pid, packageName);
  }

  detachProcess(pid: number): void {
    this.#processes.delete(pid);
  }

  processesOf(packageName: string): number[] {
    return [...this.#processes].filter(([, name]) => name === packageName).map(([pid]) => pid);
  }

  /** The process runs an app whose manifest says android:debuggable="true". */
  isDebuggableProcess(pid: number): boolean {
    const name = this.#processes.get(pid);
    return name !== undefined && this.#packages.get(name)?.manifest?.debuggable === true;
  }
}
