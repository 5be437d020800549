// One line of `adb logcat` text output in the `threadtime` (default), `brief`/`time` and
// `tag` formats. Any runner whose tool logs to logcat reads its lines through this.
import { MAX_LINE_LENGTH } from './lines.js';

export const LogPriority = {
  Verbose: 'V',
  Debug: 'D',
  Info: 'I',
  Warning: 'W',
  Error: 'E',
  Fatal: 'F',
  Silent: 'S',
} as const;
export type LogPriority = (typeof LogPriority)[keyof typeof LogPriority];

export interface LogcatEntry {
  /** Null in `-v tag` format, which prints no pid. */
  readonly pid: number | null;
  readonly tid: number | null;
  readonly priority: LogPriority;
  readonly tag: string;
  readonly message: string;
}

const DATE_TIME = String.raw`(?:\d{4}-)?\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\.\d{3,9}\s+`;
/** `MM-DD hh:mm:ss.mmm  PID  TID L tag     : msg`, optionally with a year or a uid column. */
const THREADTIME_HEAD = new RegExp(String.raw`^${DATE_TIME}(?:\S+\s+)?(\d{1,15})\s+(\d{1,15})\s+([VDIWEFS])\s`);
/** `L/tag( PID): msg`, optionally after a date and time (`-v time`). */
const BRIEF_HEAD = new RegExp(String.raw`^(?:${DATE_TIME})?([VDIWEFS])/([^(:]*)\(\s*(\d{1,15})\): ?`);
/** `L/tag: msg` (`-v tag`). */
const TAG_HEAD = /^([VDIWEFS])\/([^(:]*): ?/;

const MAX_TAG_LENGTH = 256;

export function parseLogcatLine(line: string): LogcatEntry | null {
  if (line.length > MAX_LINE_LENGTH) return null;
  const text = line.replace(/[\r\n]+$/, '');
  const threadtime = THREADTIME_HEAD.exec(text);
  if (threadtime) {
    const rest = text.slice(threadtime[0].length);
    const colon = rest.indexOf(':');
    if (colon < 0 || colon > MAX_TAG_LENGTH) return null;
    return {
      pid: Number(threadtime[1]),
      tid: Number(threadtime[2]),
      priority: threadtime[3] as LogPriority,
      tag: rest.slice(0, colon).trim(),
      message: rest.slice(colon + 1).replace(/^ /, ''),
    };
  }
  const brief = BRIEF_HEAD.exec(text);
  if (brief) {
    return {
      pid: Number(brief[3]),
      tid: null,
      priority: brief[1] as LogPriority,
      tag: (brief[2] ?? '').trim(),
      message: text.slice(brief[0].length),
    };
  }
  const tagged = TAG_HEAD.exec(text);
  if (tagged) {
    return {
      pid: null,
      tid: null,
      priority: tagged[1] as LogPriority,
      tag: (tagged[2] ?? '').trim(),
      message: text.slice(tagged[0].length),
    };
  }
  return null;
}

/** Share of non-blank lines that carry a logcat header. */
export function logcatShare(lines: readonly string[]): number {
  let logcat = 0;
  let nonBlank = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonBlank++;
    if (parseLogcatLine(line) !== null) logcat++;
  }
  return nonBlank === 0 ? 0 : logcat / nonBlank;
}
