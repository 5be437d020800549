// lockdownd on device port 62078: identity (GetValue), the TLS session, StartService.
import { randomUUID } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { PlistObject } from '../ios/wire/plist-codec.js';
import { isPlistDict } from '../ios/wire/plist-codec.js';
import { servePlistService, type PlistServiceStep } from './plist-service.js';
import { upgradeToDeviceTls } from './tls-upgrade.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export const LOCKDOWN_PORT = 62078;

/** lockdownd's `Error` strings, as libimobiledevice maps them. */
export const LockdownError = {
  InvalidRequest: 'InvalidRequest',
  InvalidHostID: 'InvalidHostID',
  InvalidService: 'InvalidService',
  MissingValue: 'MissingValue',
  SessionInactive: 'SessionInactive',
  PairingFailed: 'PairingFailed',
} as const;
export type LockdownError = (typeof LockdownError)[keyof typeof LockdownError];

export interface LockdownStartedService {
  readonly port: number;
  readonly enableServiceSsl: boolean;
}

export interface LockdownDevice {
  /** Domain (null = none) → its whole dictionary, computed now. */
  domains(): Map<string | null, PlistObject>;
  /** The HostID of the pair record usbmuxd holds, or null when the phone is not paired. */
  pairedHostId(): string | null;
  /** Accepts a Pair request's record; returns the EscrowBag to send back. */
  pair(record: PlistObject): Buffer | null;
  /** Opens a port for `service`, or null when this phone does not offer it over lockdown. */
  startService(service: string): LockdownStartedService | null;
  tlsContext(): SecureContext;
}

export interface LockdownOptions {
  readonly device: LockdownDevice;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

/** Serves one lockdownd connection (plaintext; TLS after StartSession). */
export function serveLockdown(stream: Duplex, options: LockdownOptions): void {
  const session: { id: string | null } = { id: null };
  const serve = (s: Duplex): void => {
    servePlistService(s, { protocol: 'lockdown', log: options.log, stalledMessageMs: options.stalledMessageMs }, (request) =>
      handleLockdownRequest(request, session, options),
    );
  };
  serve(stream);
}

function handleLockdownRequest(request: PlistObject, session: { id: string | null }, options: LockdownOptions): PlistServiceStep {
  const { device } = options;
  const name = request['Request'];
  const answer = (fields: PlistObject): PlistServiceStep => ({ replies: [{ Request: typeof name === 'string' ? name : '', ...fields }] });
  const error = (code: LockdownError): PlistServiceStep => answer({ Error: code });
  switch (name) {
    case 'QueryType':
      return answer({ Type: 'com.apple.mobile.lockdown' });
    case 'GetValue':
      return getValue(request, device, answer, error);
    case 'SetValue':
    case 'RemoveValue':
      // The virtual phone's identity is the caller's; accept and ignore, as lockdownd does for many keys.
      return answer({});
    case 'StartSession': {
      const hostId = request['HostID'];
      if (typeof hostId !== 'string' || hostId !== device.pairedHostId()) return error(LockdownError.InvalidHostID);
      const id = randomUUID().toUpperCase();
      session.id = id;
      return {
        replies: [{ Request: 'StartSession', SessionID: id, EnableSessionSSL: true }],
        then: {
          handOff: (plain) =>
            upgradeToDeviceTls(plain, device.tlsContext(), 'lockdown', options.log, (tls) =>
              servePlistService(tls, { protocol: 'lockdown', log: options.log, stalledMessageMs: options.stalledMessageMs }, (next) =>
                handleLockdownRequest(next, session, options),
              ),
            ),
        },
      };
    }
    case 'StopSession':
      session.id = null;
      // The host now sends a TLS close_notify and usually hangs up; we do not fall back to plaintext.
      return answer({});
    case 'StartService': {
      if (session.id === null) return error(LockdownError.SessionInactive);
      const service = request['Service'];
      if (typeof service !== 'string') return error(LockdownError.InvalidService);
      const started = device.startService(service);
      if (started === null) return error(LockdownError.InvalidService);
      return answer({ Service: service, Port: started.port, ...(started.enableServiceSsl ? { EnableServiceSSL: true } : {}) });
    }
    case 'Pair': {
      const record = request['PairRecord'];
      const escrow = isPlistDict(record) ? device.pair(record) : null;
      return escrow === null ? error(LockdownError.PairingFailed) : answer({ EscrowBag: escrow });
    }
    case 'ValidatePair': {
      const record = request['PairRecord'];
      const hostId = isPlistDict(record) ? record['HostID'] : undefined;
      return hostId === device.pairedHostId() ? answer({}) : error(LockdownError.InvalidHostID);
    }
    case 'Unpair':
      return answer({});
    case 'Goodbye':
      return { replies: [{ Request: 'Goodbye', Result: 'Success' }], then: 'close' };
    default:
      return error(LockdownError.InvalidRequest);
  }
}

function getValue(
  request: PlistObject,
  device: LockdownDevice,
  answer: (fields: PlistObject) => PlistServiceStep,
  error: (code: LockdownError) => PlistServiceStep,
): PlistServiceStep {
  const domain = request['Domain'];
  const key = request['Key'];
  if ((domain !== undefined && typeof domain !== 'string') || (key !== undefined && typeof key !== 'string')) {
    return error(LockdownError.InvalidRequest);
  }
  const values = device.domains().get(domain ?? null);
  const echo: PlistObject = { ...(domain === undefined ? {} : { Domain: domain }), ...(key === undefined ? {} : { Key: key }) };
  if (values === undefined) return answer({ ...echo, Error: LockdownError.MissingValue });
  if (key === undefined) return answer({ ...echo, Value: values });
  const value = values[key];
  if (value === undefined) return answer({ ...echo, Error: LockdownError.MissingValue });
  return answer({ ...echo, Value: value });
}
