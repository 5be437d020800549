import { readFile } from 'node:fs/promises';
import { KINDS, isKind, parseToolOutputBytes } from '../../runners/parse-any.js';
import { CliUsageError, flagValue, parseArgs } from '../args.js';

export const PARSE_HELP = `tetherscope parse FILE [--kind KIND] [--json]

Reads the output of an on-device tool, as pasted into an issue or saved from a CI log,
and prints what it says. The kind is detected unless given.

Kinds: ${KINDS.join(', ')}
Use - as FILE to read standard input.`;

function describe(result: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'properties') continue;
    lines.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return lines.join('\n');
}

export async function runParse(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { kind: { value: true }, json: { value: false } });
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new CliUsageError('parse takes exactly one FILE.');
  const kind = flagValue(args, 'kind');
  if (kind !== undefined && !isKind(kind)) throw new CliUsageError(`--kind must be one of ${KINDS.join(', ')}, not "${kind}".`);
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readStdin() : await readFile(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { cause: error });
  }
  // Bytes, not text: a log saved by PowerShell is UTF-16.
  const result = parseToolOutputBytes(bytes, kind) as unknown as Record<string, unknown>;
  console.log(args.flags.has('json') ? JSON.stringify(result, null, 2) : describe(result));
  return result['kind'] === 'unknown' ? 1 : 0;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
