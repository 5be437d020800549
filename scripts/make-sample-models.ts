// Writes the sample models to resources/models/ with their manifest, models.json.
//   npx tsx scripts/make-sample-models.ts           write every model and the manifest
//   npx tsx scripts/make-sample-models.ts --check   exit 1 if a committed model or the manifest is out of date
// The builders live in src/shared/formats/tflite/samples.ts; this script only writes files. Models marked
// generatedOnDemand (large-push) are written here for local use but kept out of git (resources/models/.gitignore).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTfliteModel } from '../src/shared/formats/tflite/reader.js';
import { TFLITE_SAMPLE_MODELS } from '../src/shared/formats/tflite/samples.js';

const dir = join(import.meta.dirname, '..', 'resources', 'models');
const manifestPath = join(dir, 'models.json');
const check = process.argv.includes('--check');

interface ManifestEntry {
  readonly id: string;
  readonly file: string;
  readonly description: string;
  readonly generatedOnDemand: boolean;
  readonly bytes: number;
  readonly sha256?: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const entries: ManifestEntry[] = [];
const stale: string[] = [];
mkdirSync(dir, { recursive: true });
for (const sample of TFLITE_SAMPLE_MODELS) {
  const bytes = sample.build();
  const path = join(dir, sample.fileName);
  const { summary } = readTfliteModel(bytes);
  entries.push({
    id: sample.id,
    file: sample.fileName,
    description: sample.description,
    generatedOnDemand: sample.generatedOnDemand,
    bytes: bytes.length,
    ...(sample.generatedOnDemand ? {} : { sha256: sha256(bytes) }),
  });
  const ops = Object.entries(summary.opCounts)
    .map(([op, n]) => (n > 1 ? `${op}×${n}` : op))
    .join(' ');
  console.log(`${sample.fileName.padEnd(24)} ${bytes.length.toLocaleString('en-US').padStart(12)} B  ${ops}`);
  if (check) {
    if (!sample.generatedOnDemand && (!existsSync(path) || sha256(readFileSync(path)) !== sha256(bytes))) {
      stale.push(sample.fileName);
    }
  } else {
    writeFileSync(path, bytes);
  }
}

const manifestObject = { $comment: 'Written by scripts/make-sample-models.ts; do not edit.', models: entries };
const manifest = `${JSON.stringify(manifestObject, null, 2)}\n`;
if (check) {
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifest) stale.push('models.json');
  if (stale.length > 0) {
    console.error(`Out of date: ${stale.join(', ')}. Run: npx tsx scripts/make-sample-models.ts`);
    process.exit(1);
  }
  console.log('Sample models are up to date.');
} else {
  writeFileSync(manifestPath, manifest);
  console.log(`Wrote ${entries.length} models and models.json to ${dir}`);
}
