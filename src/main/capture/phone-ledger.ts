// The one list of what Tetherscope changed on a phone, kept on the phone itself so that a
// crash or an unplug leaves it behind for the next connection to undo. One JSON object
// per line, appended with a builtin echo before each change is made.
import { shQuote } from '../devices/android/shell.js';
import { PHONE_DIR, PHONE_LEDGER, PHONE_TRACES_DIR, TRACE_FILE_PREFIX } from './phone-layout.js';

export type LedgerEntry =
  | { kind: 'prop'; name: string; old: string }
  | { kind: 'setting'; namespace: 'global' | 'system' | 'secure'; name: string; old: string }
  | { kind: 'pidfile'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'package'; name: string }
  /** Which Tetherscope process is running on the phone now (host name and process id). */
  | { kind: 'owner'; host: string; pid: number };

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

export function validateLedgerEntry(entry: LedgerEntry): LedgerEntry {
  switch (entry.kind) {
    case 'prop':
    case 'setting':
    case 'package':
      if (!SAFE_NAME.test(entry.name)) throw new RangeError(`Unsafe name in the phone ledger: ${entry.name}`);
      return entry;
    case 'owner':
      if (!Number.isInteger(entry.pid) || !/^[A-Za-z0-9._-]{1,255}$/.test(entry.host)) throw new RangeError('Unsafe owner in the phone ledger');
      return entry;
    case 'pidfile':
    case 'file':
      if (!(entry.path.startsWith(`${PHONE_DIR}/`) || entry.path.startsWith(`${PHONE_TRACES_DIR}/${TRACE_FILE_PREFIX}`)) || entry.path.includes('..')) {
        throw new RangeError(`Tetherscope only touches its own files, not ${entry.path}`);
      }
      return entry;
  }
}

/** A script fragment that records an entry before the change it describes is made. */
export function ledgerAppendScript(entry: LedgerEntry): string {
  return `mkdir -p ${shQuote(PHONE_DIR)} && echo ${shQuote(JSON.stringify(validateLedgerEntry(entry)))} >>${shQuote(PHONE_LEDGER)}`;
}

/** The Tetherscope process that last claimed the phone, if the ledger names one. */
export function ledgerOwner(entries: readonly LedgerEntry[]): { host: string; pid: number } | null {
  const owners = entries.filter((e): e is Extract<LedgerEntry, { kind: 'owner' }> => e.kind === 'owner');
  const last = owners.at(-1);
  return last ? { host: last.host, pid: last.pid } : null;
}

/**
 * Records a property's current value, read on the phone, before it is changed. Values with a
 * double quote or a backslash make a damaged line that the restore skips: Android's own
 * properties never hold them.
 */
export function ledgerPropScript(name: string): string {
  if (!SAFE_NAME.test(name)) throw new RangeError(`Unsafe name in the phone ledger: ${name}`);
  return `mkdir -p ${shQuote(PHONE_DIR)} && old=$(getprop ${name}) && echo "{\\"kind\\":\\"prop\\",\\"name\\":\\"${name}\\",\\"old\\":\\"$old\\"}" >>${shQuote(PHONE_LEDGER)}`;
}

export function parseLedger(text: string): { entries: LedgerEntry[]; damaged: number } {
  const entries: LedgerEntry[] = [];
  let damaged = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      entries.push(validateLedgerEntry(JSON.parse(trimmed) as LedgerEntry));
    } catch {
      damaged++;
    }
  }
  return { entries, damaged };
}

/**
 * The script that undoes a ledger: stop our processes, then restore properties and settings
 * to what they were before the first change (the earliest entry per name wins), then remove
 * our files. Each step tolerates what is already gone.
 *
 * After a run (`full: false`) the pushed models, the runner and an installed benchmark APK
 * stay, so the next run skips pushing them; "Clean phone" (`full: true`) removes those too.
 */
export function restoreScript(entries: readonly LedgerEntry[], options: { full: boolean }): string {
  const lines: string[] = [];
  const firstOld = new Map<string, LedgerEntry>();
  for (const e of entries) {
    if (e.kind === 'owner') continue;
    const key = e.kind === 'prop' ? `prop:${e.name}` : e.kind === 'setting' ? `setting:${e.namespace}:${e.name}` : `${e.kind}:${'path' in e ? e.path : e.name}`;
    if (!firstOld.has(key)) firstOld.set(key, e);
  }
  const unique = [...firstOld.values()];
  for (const e of unique) {
    if (e.kind === 'pidfile') {
      const p = shQuote(e.path);
      lines.push(`if [ -r ${p} ]; then read -r pid <${p}; case "$pid" in *[!0-9]*|'') ;; *) kill "$pid" 2>/dev/null ;; esac; rm -f ${p}; fi`);
    }
  }
  for (const e of unique) {
    if (e.kind === 'prop') lines.push(`setprop ${e.name} ${shQuote(e.old)}`);
    if (e.kind === 'setting') {
      lines.push(e.old === 'null' || e.old === '' ? `settings delete ${e.namespace} ${e.name} >/dev/null 2>&1` : `settings put ${e.namespace} ${e.name} ${shQuote(e.old)}`);
    }
  }
  for (const e of unique) {
    if (e.kind === 'file') lines.push(`rm -f ${shQuote(e.path)}`);
    if (e.kind === 'package' && options.full) lines.push(`pm uninstall ${e.name} >/dev/null 2>&1`);
  }
  if (options.full) {
    lines.push(`rm -rf ${shQuote(PHONE_DIR)}`);
  } else {
    const kept = unique.filter((e) => e.kind === 'package');
    lines.push(`rm -f ${shQuote(PHONE_LEDGER)}`);
    for (const e of kept) lines.push(ledgerAppendScript(e));
  }
  lines.push('true');
  return lines.join('\n');
}
