// Writes the Core ML sample models to resources/models/ with their own manifest, coreml-models.json (kept apart
// from models.json, which lists what the Android paths can run).
//   npx tsx scripts/make-coreml-sample-models.ts           write every model and the manifest
//   npx tsx scripts/make-coreml-sample-models.ts --check   exit 1 if a committed model or the manifest is out of date
// The builders live in src/shared/formats/coreml/samples.ts; this script only writes files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCoremlModel } from '../src/shared/formats/coreml/reader.js';
import { COREML_SAMPLE_MODELS } from '../src/shared/formats/coreml/samples.js';

const dir = join(import.meta.dirname, '..', 'resources', 'models');
const manifestPath = join(dir, 'coreml-models.json');
const check = process.argv.includes('--check');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const entries: { id: string; file: string; description: string; bytes: number; sha256: string }[] = [];
const stale: string[] = [];
mkdirSync(dir, { recursive: true });
for (const sample of COREML_SAMPLE_MODELS) {
  const bytes = sample.build();
  const path = join(dir, sample.fileName);
  const { ops } = readCoremlModel(bytes);
  entries.push({ id: sample.id, file: sample.fileName, description: sample.description, bytes: bytes.length, sha256: sha256(bytes) });
  const list = ops.map(({ opType, count }) => (count > 1 ? `${opType}×${count}` : opType)).join(' ');
  console.log(`${sample.fileName.padEnd(24)} ${bytes.length.toLocaleString('en-US').padStart(12)} B  ${list}`);
  if (check) {
    if (!existsSync(path) || sha256(readFileSync(path)) !== sha256(bytes)) stale.push(sample.fileName);
  } else {
    writeFileSync(path, bytes);
  }
}

const manifest = `${JSON.stringify({ $comment: 'Written by scripts/make-coreml-sample-models.ts; do not edit.', models: entries }, null, 2)}\n`;
if (check) {
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifest) stale.push('coreml-models.json');
  if (stale.length > 0) {
    console.error(`Out of date: ${stale.join(', ')}. Run: npx tsx scripts/make-coreml-sample-models.ts`);
    process.exit(1);
  }
  console.log('Core ML sample models are up to date.');
} else {
  writeFileSync(manifestPath, manifest);
  console.log(`Wrote ${entries.length} models and coreml-models.json to ${dir}`);
}
