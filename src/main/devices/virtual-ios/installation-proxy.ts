// com.apple.mobile.installation_proxy: Browse / Lookup of installed apps, minimal Install / Uninstall.
import type { Duplex } from 'node:stream';
import type { AfcStore } from './afc-store.js';
import type { IosAppRegistry } from './installed-apps.js';
import { decodePlistDict, isPlistDict, type PlistObject, type PlistValue } from '../ios/wire/plist-codec.js';
import { servePlistService, type PlistServiceStep } from './plist-service.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export const INSTALLATION_PROXY_SERVICE = 'com.apple.mobile.installation_proxy';

export interface InstallationProxyOptions {
  readonly apps: IosAppRegistry;
  /** The media partition, where hosts upload packages (PublicStaging/…). */
  readonly media: AfcStore;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

export function serveInstallationProxy(stream: Duplex, options: InstallationProxyOptions): void {
  servePlistService(stream, { protocol: 'installation_proxy', log: options.log, stalledMessageMs: options.stalledMessageMs }, (request) =>
    handleInstallationRequest(request, options),
  );
}

function handleInstallationRequest(request: PlistObject, options: InstallationProxyOptions): PlistServiceStep {
  const clientOptions = isPlistDict(request['ClientOptions']) ? request['ClientOptions'] : {};
  const attributes = Array.isArray(clientOptions['ReturnAttributes']) ? clientOptions['ReturnAttributes'].filter((a): a is string => typeof a === 'string') : null;
  const pick = (app: PlistObject): PlistObject => (attributes === null ? app : Object.fromEntries(Object.entries(app).filter(([key]) => attributes.includes(key))));
  switch (request['Command']) {
    case 'Browse': {
      const type = clientOptions['ApplicationType'];
      const apps = type === 'System' ? [] : options.apps
              .list()
              .map((app) => options.apps.describe(app.bundleId))
              .filter((app): app is PlistObject => app !== undefined);
      const list = apps.map(pick);
      return {
        replies: [
          { Status: 'BrowsingApplications', CurrentIndex: 0, CurrentAmount: list.length, Total: list.length, CurrentList: list },
          { Status: 'Complete' },
        ],
      };
    }
    case 'Lookup': {
      const wanted = Array.isArray(clientOptions['BundleIDs']) ? clientOptions['BundleIDs'].filter((id): id is string => typeof id === 'string') : options.apps.list().map((a) => a.bundleId);
      const result: Record<string, PlistValue> = {};
      for (const id of wanted) {
        const app = options.apps.describe(id);
        if (app !== undefined) result[id] = pick(app);
      }
      return { replies: [{ LookupResult: result, Status: 'Complete' }] };
    }
    case 'Install':
    case 'Upgrade':
      return install(request, clientOptions, options);
    case 'Uninstall': {
      const id = request['ApplicationIdentifier'];
      if (typeof id === 'string') options.apps.uninstall(id);
      return { replies: [{ PercentComplete: 50, Status: 'RemovingApplication' }, { Status: 'Complete' }] };
    }
    default:
      return { replies: [{ Error: 'UnknownCommand', ErrorDescription: 'Unknown command' }] };
  }
}

/** Installs an unpacked `.app` uploaded to the media partition (its Info.plist names the app). */
function install(request: PlistObject, clientOptions: PlistObject, options: InstallationProxyOptions): PlistServiceStep {
  const fail = (description: string): PlistServiceStep => ({ replies: [{ Error: 'PackageInspectionFailed', ErrorDescription: description }] });
  const packagePath = request['PackagePath'];
  if (typeof packagePath !== 'string') return fail('PackagePath missing');
  const infoBytes = options.media.readFile(`${packagePath}/Info.plist`);
  if (infoBytes === null) return fail(`no Info.plist in ${packagePath} (only unpacked .app directories are supported)`);
  let info: PlistObject;
  try {
    info = decodePlistDict(infoBytes);
  } catch {
    return fail('Info.plist is not a property list');
  }
  const bundleId = info['CFBundleIdentifier'];
  if (typeof bundleId !== 'string') return fail('Info.plist has no CFBundleIdentifier');
  const name = info['CFBundleName'];
  const version = info['CFBundleShortVersionString'];
  options.apps.install({
    bundleId,
    development: clientOptions['PackageType'] === 'Developer',
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof version === 'string' ? { version } : {}),
  });
  return {
    replies: [
      { PercentComplete: 10, Status: 'CreatingStagingDirectory' },
      { PercentComplete: 40, Status: 'VerifyingApplication' },
      { PercentComplete: 90, Status: 'GeneratingApplicationMap' },
      { Status: 'Complete' },
    ],
  };
}
