// `logcat`: prints the log buffer in a format, filtered by `tag:priority` specs (`-s` makes the default
// silent), from a time (`-T`) or the last N entries, then keeps streaming new entries until killed; `-d` dumps
// and exits, `-c` clears.
import { waitUntil } from '../../fs/open-file.js';
import type { PhoneCommand } from '../../phone/command.js';
import type { LogBuffer, LogEntry } from './log-buffer.js';
import { LogcatFormat, formatLogEntry, parseLogcatTime } from './logcat-format.js';

const PRIORITY_ORDER = 'VDIWEFS';

interface LogcatOptions {
  format: LogcatFormat;
  dump: boolean;
  clear: boolean;
  silentDefault: boolean;
  sinceMs: number | null;
  lastCount: number | null;
  maxCount: number | null;
  pid: number | null;
  regex: RegExp | null;
  specs: string[];
}

function parseOptions(args: readonly string[], nowMs: number): LogcatOptions | string {
  const o: LogcatOptions = { format: LogcatFormat.Threadtime, dump: false, clear: false, silentDefault: false, sinceMs: null, lastCount: null, maxCount: null, pid: null, regex: null, specs: [] };
  const formats = Object.values(LogcatFormat) as string[];
  const since = (value: string | undefined, dump: boolean): string | null => {
    if (value === undefined) return 'option requires an argument';
    if (dump) o.dump = true;
    if (/^\d+$/.test(value)) o.lastCount = Number(value);
    else {
      const t = parseLogcatTime(value, nowMs);
      if (t === null) return `unknown time format '${value}'`;
      o.sinceMs = t;
    }
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = (flag: string): string | undefined => (arg.length > flag.length ? arg.slice(flag.length) : args[++i]);
    let problem: string | null = null;
    if (arg.startsWith('--pid=')) o.pid = Number(arg.slice(6));
    else if (arg === '-d') o.dump = true;
    else if (arg === '-c') o.clear = true;
    else if (arg === '-s') o.silentDefault = true;
    else if (arg.startsWith('-v')) {
      const format = value('-v') ?? '';
      if (formats.includes(format)) o.format = format as LogcatFormat;
    } else if (arg.startsWith('-T')) problem = since(value('-T'), false);
    else if (arg.startsWith('-t')) problem = since(value('-t'), true);
    else if (arg.startsWith('-m')) o.maxCount = Number(value('-m'));
    else if (arg.startsWith('-b')) value('-b');
    else if (arg.startsWith('-e')) o.regex = new RegExp(value('-e') ?? '');
    else if (arg.startsWith('-')) problem = `invalid option -- '${arg.slice(1)}'`;
    else o.specs.push(arg);
    if (problem !== null) return problem;
  }
  return o;
}

function filterOf(o: LogcatOptions): (entry: LogEntry) => boolean {
  const levels = new Map<string, number>();
  let fallback = o.silentDefault ? PRIORITY_ORDER.indexOf('S') : 0;
  for (const spec of o.specs) {
    const [tag = '', level = 'V'] = spec.split(':');
    const rank = PRIORITY_ORDER.indexOf(level.toUpperCase()[0] ?? 'V');
    if (tag === '*') fallback = rank < 0 ? 0 : rank;
    else levels.set(tag, rank < 0 ? 0 : rank);
  }
  return (entry) => {
    if (o.pid !== null && entry.pid !== o.pid) return false;
    if (o.regex !== null && !o.regex.test(entry.message)) return false;
    const min = levels.get(entry.tag) ?? fallback;
    return PRIORITY_ORDER.indexOf(entry.priority) >= min;
  };
}

export function logcatCommand(logs: LogBuffer): PhoneCommand {
  return async (ctx) => {
    const o = parseOptions(ctx.argv.slice(1), ctx.kernel.clock.nowMs());
    if (typeof o === 'string') {
      await ctx.error(o);
      return 1;
    }
    if (o.clear) {
      logs.clear();
      return 0;
    }
    const shown = filterOf(o);
    const queue: LogEntry[] = [];
    let wake: (() => void) | undefined;
    const dispose = o.dump ? undefined : logs.onEntry((entry) => {
      if (!shown(entry)) return;
      queue.push(entry);
      wake?.();
    });
    let printed = 0;
    let header = false;
    const print = async (entries: readonly LogEntry[]): Promise<boolean> => {
      let text = '';
      for (const entry of entries) {
        if (o.maxCount !== null && printed >= o.maxCount) break;
        if (!header) {
          text += '--------- beginning of main\n';
          header = true;
        }
        text += `${formatLogEntry(entry, o.format)}\n`;
        printed++;
      }
      if (text !== '') await ctx.write(text);
      return o.maxCount === null || printed < o.maxCount;
    };
    try {
      let backlog = logs.entries().filter((e) => shown(e) && (o.sinceMs === null || e.timeMs >= o.sinceMs));
      if (o.lastCount !== null) backlog = backlog.slice(-o.lastCount);
      if (!(await print(backlog)) || o.dump) return 0;
      for (;;) {
        if (queue.length === 0) {
          await waitUntil((w) => {
            wake = w;
            return () => (wake = undefined);
          }, ctx.signal);
        }
        if (!(await print(queue.splice(0)))) return 0;
      }
    } finally {
      dispose?.();
    }
  };
}
