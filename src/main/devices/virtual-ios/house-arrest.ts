// com.apple.mobile.house_arrest: VendContainer / VendDocuments, then AFC on the same stream.
import type { Duplex } from 'node:stream';
import { serveAfc } from './afc-session.js';
import type { IosAppRegistry } from './installed-apps.js';
import { servePlistService, type PlistServiceStep } from './plist-service.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export const HOUSE_ARREST_SERVICE = 'com.apple.mobile.house_arrest';

export interface HouseArrestOptions {
  readonly apps: IosAppRegistry;
  readonly model: string;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

export function serveHouseArrest(stream: Duplex, options: HouseArrestOptions): void {
  servePlistService(stream, { protocol: 'house_arrest', log: options.log, stalledMessageMs: options.stalledMessageMs }, (request): PlistServiceStep => {
    const command = request['Command'];
    const bundleId = request['Identifier'];
    if (command !== 'VendContainer' && command !== 'VendDocuments') return { replies: [{ Error: 'UnknownCommand' }] };
    const app = typeof bundleId === 'string' ? options.apps.get(bundleId) : undefined;
    // VendContainer needs a development build (App Store apps answer InstallationLookupFailed, go-ios PR #794).
    if (app === undefined || (command === 'VendContainer' && !app.development)) {
      return { replies: [{ Error: 'InstallationLookupFailed' }] };
    }
    const store = options.apps.container(app.bundleId);
    return {
      replies: [{ Status: 'Complete' }],
      then: {
        handOff: (afcStream) =>
          serveAfc(afcStream, {
            store,
            root: command === 'VendDocuments' ? '/Documents' : '/',
            model: options.model,
            log: options.log,
            stalledMessageMs: options.stalledMessageMs,
          }),
      },
    };
  });
}
