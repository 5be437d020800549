// lockdownd and services with EnableServiceSSL switch the same byte stream to TLS, the phone
// being the server with its DeviceCertificate. libimobiledevice 1.3.0 on Debian links
// OpenSSL 3 and offers TLS 1.0–1.3 (1.0 only for iOS < 10); it sends the pair record's
// certificate as client certificate, which the phone does not verify.
import { createSecureContext, TLSSocket } from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { IosPairRecord } from './pair-record.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

/** Handshakes that take longer than this are dropped. */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

export function createDeviceTlsContext(record: IosPairRecord): SecureContext {
  return createSecureContext({
    key: record.devicePrivateKey,
    cert: record.deviceCertificate,
    ca: record.rootCertificate,
    minVersion: 'TLSv1',
    // SECLEVEL=0 lets old clients that offer only TLS 1.0 + SHA-1 suites in, as iOS does.
    ciphers: 'DEFAULT:@SECLEVEL=0',
  });
}

/** Wraps `stream` as a TLS server; `onSecure` runs once the handshake is done. */
export function upgradeToDeviceTls(
  stream: Duplex,
  context: SecureContext,
  where: string,
  log: VirtualIphoneLog,
  onSecure: (tls: TLSSocket) => void,
): void {
  const tls = new TLSSocket(stream, { isServer: true, requestCert: true, rejectUnauthorized: false, secureContext: context });
  const timer = setTimeout(() => tls.destroy(), TLS_HANDSHAKE_TIMEOUT_MS);
  tls.on('error', (error) => {
    clearTimeout(timer);
    log({ kind: 'protocol-error', protocol: `tls:${where}`, message: error.message });
    tls.destroy();
    stream.destroy();
  });
  tls.once('secure', () => {
    clearTimeout(timer);
    log({ kind: 'tls', where, protocol: tls.getProtocol(), cipher: tls.getCipher().name });
    onSecure(tls);
  });
  tls.on('close', () => {
    clearTimeout(timer);
    stream.destroy();
  });
}
