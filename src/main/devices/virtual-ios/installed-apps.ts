// Which apps the virtual iPhone has, and each one's container store.
import { randomUUID } from 'node:crypto';
import { AfcStore } from './afc-store.js';
import type { PlistObject } from '../ios/wire/plist-codec.js';

/** Tetherscope's probe app. */
export const PROBE_APP_BUNDLE_ID = 'dev.tetherscope.probe';

export interface IosInstalledApp {
  readonly bundleId: string;
  readonly name?: string;
  readonly version?: string;
  /** Installed as a development build (get-task-allow): house_arrest VendContainer works only then. */
  readonly development: boolean;
}

interface AppRecord {
  readonly app: IosInstalledApp;
  readonly bundleUuid: string;
  readonly dataUuid: string;
}

const CONTAINER_DIRECTORIES = ['/Documents', '/Library', '/Library/Caches', '/Library/Preferences', '/tmp'] as const;

export class IosAppRegistry {
  private readonly apps = new Map<string, AppRecord>();
  private readonly containers = new Map<string, AfcStore>();

  constructor(
    apps: readonly IosInstalledApp[],
    private readonly storeLimitBytes: number,
  ) {
    for (const app of apps) this.install(app);
  }

  install(app: IosInstalledApp): void {
    const previous = this.apps.get(app.bundleId);
    this.apps.set(app.bundleId, {
      app,
      bundleUuid: previous?.bundleUuid ?? randomUUID().toUpperCase(),
      dataUuid: previous?.dataUuid ?? randomUUID().toUpperCase(),
    });
  }

  uninstall(bundleId: string): void {
    this.apps.delete(bundleId);
    this.containers.delete(bundleId);
  }

  get(bundleId: string): IosInstalledApp | undefined {
    return this.apps.get(bundleId)?.app;
  }

  list(): readonly IosInstalledApp[] {
    return [...this.apps.values()].map((record) => record.app);
  }

  /** The app's data container (made on first use; kept until uninstall). */
  container(bundleId: string): AfcStore {
    let store = this.containers.get(bundleId);
    if (store === undefined) {
      store = new AfcStore(bundleId, this.storeLimitBytes, CONTAINER_DIRECTORIES);
      this.containers.set(bundleId, store);
    }
    return store;
  }

  usedBytes(): number {
    let total = 0;
    for (const store of this.containers.values()) total += store.usedBytes;
    return total;
  }

  /** installation_proxy's dictionary for one app. */
  describe(bundleId: string): PlistObject | undefined {
    const record = this.apps.get(bundleId);
    if (record === undefined) return undefined;
    const { app } = record;
    const name = app.name ?? app.bundleId.split('.').pop() ?? app.bundleId;
    return {
      ApplicationType: 'User',
      CFBundleDisplayName: name,
      CFBundleExecutable: name,
      CFBundleIdentifier: app.bundleId,
      CFBundleName: name,
      CFBundleShortVersionString: app.version ?? '1.0',
      CFBundleVersion: app.version ?? '1',
      Container: `/private/var/mobile/Containers/Data/Application/${record.dataUuid}`,
      Entitlements: { 'application-identifier': `TEAMID.${app.bundleId}`, 'get-task-allow': app.development },
      IsAppClip: false,
      Path: `/private/var/containers/Bundle/Application/${record.bundleUuid}/${name}.app`,
      ProfileValidated: app.development,
      SignerIdentity: app.development ? 'Apple Development: Tetherscope (TEAMID)' : 'Apple iPhone OS Application Signing',
    };
  }
}
