import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateIosPairRecord, iosPairRecordPlist } from './pair-record.js';
import { loadOrCreateIosPairRecord } from './pair-record-cache.js';
import { decodePlistDict, encodeBinaryPlist } from '../ios/wire/plist-codec.js';

describe('pair record', () => {
  const record = generateIosPairRecord();

  it('has a root CA that signed the host and device certificates, each matching its key', () => {
    const root = new X509Certificate(record.rootCertificate);
    const host = new X509Certificate(record.hostCertificate);
    const device = new X509Certificate(record.deviceCertificate);
    expect(root.ca).toBe(true);
    expect(host.ca).toBe(false);
    expect(host.verify(root.publicKey)).toBe(true);
    expect(device.verify(root.publicKey)).toBe(true);
    expect(device.checkPrivateKey(createPrivateKey(record.devicePrivateKey))).toBe(true);
    expect(host.checkPrivateKey(createPrivateKey(record.hostPrivateKey))).toBe(true);
    expect(createPublicKey(record.rootPrivateKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    // PKCS#1, which libimobiledevice reads with PEM_read_bio_RSAPrivateKey.
    expect(record.hostPrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
  });

  it('encodes as usbmuxd stores it: PEM as data, ids as strings, a 32-byte EscrowBag', () => {
    const dict = decodePlistDict(encodeBinaryPlist(iosPairRecordPlist(record)));
    expect(dict['HostID']).toBe(record.hostId);
    expect(dict['SystemBUID']).toBe(record.systemBuid);
    expect(Buffer.isBuffer(dict['HostCertificate'])).toBe(true);
    expect((dict['EscrowBag'] as Buffer).length).toBe(32);
    expect(dict).not.toHaveProperty('DevicePrivateKey');
  });

  it('is cached by UDID and regenerated when the cache is unreadable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ts-pair-'));
    try {
      const first = loadOrCreateIosPairRecord('00008130-0000000000000001', dir);
      const again = loadOrCreateIosPairRecord('00008130-0000000000000001', dir);
      const other = loadOrCreateIosPairRecord('00008130-0000000000000002', dir);
      expect(again).toEqual(first);
      expect(other.hostId).not.toBe(first.hostId);
      for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), '{"version":1,"hostId":');
      const regenerated = loadOrCreateIosPairRecord('00008130-0000000000000001', dir);
      expect(regenerated.hostId).not.toBe(first.hostId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
