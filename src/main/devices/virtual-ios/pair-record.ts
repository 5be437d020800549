// A pair record as usbmuxd stores it after `idevicepair pair`: the host's root CA and host
// certificate, the device certificate the root CA signed, and the ids lockdownd checks.
// Keys are RSA 2048 made by node:crypto (native, ~50 ms each; node-forge's pure-JS keygen
// takes seconds) and certificates are built and signed with node-forge.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import forge from 'node-forge';
import type { PlistObject } from '../ios/wire/plist-codec.js';

export interface IosPairRecord {
  readonly hostId: string;
  readonly systemBuid: string;
  readonly escrowBag: Buffer;
  readonly wifiMacAddress: string;
  /** PEM. */
  readonly rootCertificate: string;
  readonly rootPrivateKey: string;
  readonly hostCertificate: string;
  readonly hostPrivateKey: string;
  readonly deviceCertificate: string;
  /** Kept by the phone only (lockdownd's TLS server key); never part of the host's record. */
  readonly devicePrivateKey: string;
}

const RSA_BITS = 2048;
const VALIDITY_YEARS = 10;
const ROOT_NAME = 'Tetherscope virtual iPhone root CA';

export function generateIosPairRecord(): IosPairRecord {
  const root = newKeyPair();
  const host = newKeyPair();
  const device = newKeyPair();
  const rootCert = makeCertificate({ serial: '00', name: ROOT_NAME, publicKey: root.publicKey, signer: root.privateKey, ca: true });
  const hostCert = makeCertificate({ serial: '01', name: 'Tetherscope host', publicKey: host.publicKey, signer: root.privateKey, ca: false });
  const deviceCert = makeCertificate({ serial: '02', name: 'Tetherscope virtual iPhone', publicKey: device.publicKey, signer: root.privateKey, ca: false });
  return {
    hostId: randomUUID().toUpperCase(),
    systemBuid: randomUUID().toUpperCase(),
    escrowBag: randomBytes(32),
    wifiMacAddress: randomMac(),
    rootCertificate: forge.pki.certificateToPem(rootCert),
    rootPrivateKey: root.privateKeyPem,
    hostCertificate: forge.pki.certificateToPem(hostCert),
    hostPrivateKey: host.privateKeyPem,
    deviceCertificate: forge.pki.certificateToPem(deviceCert),
    devicePrivateKey: device.privateKeyPem,
  };
}

/** The dictionary usbmuxd's ReadPairRecord returns (binary-encoded) as PairRecordData. */
export function iosPairRecordPlist(record: IosPairRecord): PlistObject {
  return {
    DeviceCertificate: Buffer.from(record.deviceCertificate, 'utf8'),
    EscrowBag: record.escrowBag,
    HostCertificate: Buffer.from(record.hostCertificate, 'utf8'),
    HostID: record.hostId,
    HostPrivateKey: Buffer.from(record.hostPrivateKey, 'utf8'),
    RootCertificate: Buffer.from(record.rootCertificate, 'utf8'),
    RootPrivateKey: Buffer.from(record.rootPrivateKey, 'utf8'),
    SystemBUID: record.systemBuid,
    WiFiMACAddress: record.wifiMacAddress,
  };
}

interface KeyPair {
  readonly publicKey: forge.pki.rsa.PublicKey;
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly privateKeyPem: string;
}

function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // PKCS#1 "RSA PRIVATE KEY", as libimobiledevice writes and reads (PEM_read_bio_RSAPrivateKey).
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    privateKeyPem: privateKey,
  };
}

function makeCertificate(spec: {
  serial: string;
  name: string;
  publicKey: forge.pki.rsa.PublicKey;
  signer: forge.pki.rsa.PrivateKey;
  ca: boolean;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.publicKey;
  cert.serialNumber = spec.serial;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + VALIDITY_YEARS * 365 * 24 * 3600 * 1000);
  // libimobiledevice leaves names empty; we name them so the chain verifies with `openssl verify`.
  cert.setSubject([{ name: 'commonName', value: spec.name }]);
  cert.setIssuer([{ name: 'commonName', value: ROOT_NAME }]);
  cert.setExtensions(
    spec.ca
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [
          { name: 'basicConstraints', cA: false, critical: true },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ],
  );
  cert.sign(spec.signer, forge.md.sha256.create());
  return cert;
}

function randomMac(): string {
  const bytes = randomBytes(6);
  // Locally administered, unicast.
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
