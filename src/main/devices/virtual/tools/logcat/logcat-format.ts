// logcat's output formats (AOSP liblog logprint.cpp) and its time arguments. The phone's time zone is UTC.
import type { LogEntry } from './log-buffer.js';

export const LogcatFormat = { Threadtime: 'threadtime', Brief: 'brief', Time: 'time', Tag: 'tag', Process: 'process' } as const;
export type LogcatFormat = (typeof LogcatFormat)[keyof typeof LogcatFormat];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `MM-DD HH:MM:SS.mmm` in UTC. */
export function logcatTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

export function formatLogEntry(entry: LogEntry, format: LogcatFormat): string {
  const pid = String(entry.pid).padStart(5);
  switch (format) {
    case LogcatFormat.Threadtime:
      return `${logcatTime(entry.timeMs)} ${pid} ${String(entry.tid).padStart(5)} ${entry.priority} ${entry.tag.padEnd(8)}: ${entry.message}`;
    case LogcatFormat.Time:
      return `${logcatTime(entry.timeMs)} ${entry.priority}/${entry.tag.padEnd(8)}(${pid}): ${entry.message}`;
    case LogcatFormat.Tag:
      return `${entry.priority}/${entry.tag.padEnd(8)}: ${entry.message}`;
    case LogcatFormat.Process:
      return `${entry.priority}(${pid}) ${entry.message}  (${entry.tag})`;
    case LogcatFormat.Brief:
      return `${entry.priority}/${entry.tag.padEnd(8)}(${pid}): ${entry.message}`;
  }
}

/**
 * A `-T`/`-t` time: `MM-DD hh:mm:ss.mmm` (this year), `YYYY-MM-DD hh:mm:ss.mmm`, or `seconds.fraction` since the
 * epoch; null when it is none of these.
 */
export function parseLogcatTime(text: string, nowMs: number): number | null {
  const full = /^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (full !== null) {
    const [, year, month, day, h, m, s, fraction = '0'] = full;
    const y = year === undefined ? new Date(nowMs).getUTCFullYear() : Number(year);
    const ms = Number(`0.${fraction}`) * 1000;
    return Date.UTC(y, Number(month) - 1, Number(day), Number(h), Number(m), Number(s)) + ms;
  }
  const epoch = /^(\d+)\.(\d+)$/.exec(text.trim());
  if (epoch !== null) return Number(epoch[1]) * 1000 + Number(`0.${epoch[2]}`) * 1000;
  return null;
}
