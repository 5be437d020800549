// Generating a pair record costs ~0.3–1 s (three RSA 2048 keys), so each virtual iPhone's
// record is kept in the temp dir under its UDID and reused by the next start.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateIosPairRecord, type IosPairRecord } from './pair-record.js';

const CACHE_VERSION = 1;

export function defaultPairRecordCacheDir(): string {
  return path.join(tmpdir(), 'tetherscope-virtual-iphone-pairing');
}

/** The cached record for `udid`, or a new one (then cached). `cacheDir: null` never touches disk. */
export function loadOrCreateIosPairRecord(udid: string, cacheDir: string | null): IosPairRecord {
  if (cacheDir === null) return generateIosPairRecord();
  const file = path.join(cacheDir, `${udid.replace(/[^0-9A-Za-z-]/g, '_')}.json`);
  const cached = readCached(file);
  if (cached !== null) return cached;
  const record = generateIosPairRecord();
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: CACHE_VERSION, ...record, escrowBag: record.escrowBag.toString('base64') }), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A cache we cannot write only costs time on the next start.
  }
  return record;
}

const STRING_FIELDS = [
  'hostId',
  'systemBuid',
  'wifiMacAddress',
  'rootCertificate',
  'rootPrivateKey',
  'hostCertificate',
  'hostPrivateKey',
  'deviceCertificate',
  'devicePrivateKey',
] as const;

function readCached(file: string): IosPairRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  if (record['version'] !== CACHE_VERSION || typeof record['escrowBag'] !== 'string') return null;
  for (const field of STRING_FIELDS) if (typeof record[field] !== 'string') return null;
  const s = (field: (typeof STRING_FIELDS)[number]): string => record[field] as string;
  return {
    hostId: s('hostId'),
    systemBuid: s('systemBuid'),
    escrowBag: Buffer.from(record['escrowBag'], 'base64'),
    wifiMacAddress: s('wifiMacAddress'),
    rootCertificate: s('rootCertificate'),
    rootPrivateKey: s('rootPrivateKey'),
    hostCertificate: s('hostCertificate'),
    hostPrivateKey: s('hostPrivateKey'),
    deviceCertificate: s('deviceCertificate'),
    devicePrivateKey: s('devicePrivateKey'),
  };
}
