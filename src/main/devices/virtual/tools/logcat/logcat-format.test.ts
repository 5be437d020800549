import { describe, expect, it } from 'vitest';
import { parseLogcatLine } from '../../../../parsing/logcat-line.js';
import { LogcatFormat, formatLogEntry, logcatTime, parseLogcatTime } from './logcat-format.js';

const at = Date.UTC(2026, 10, 28, 9, 5, 7, 42);
const entry = { timeMs: at, pid: 4123, tid: 4125, priority: 'I' as const, tag: 'tflite', message: 'STARTING!', seq: 0 };

describe('logcat formats', () => {
  it('prints threadtime as liblog does and the project parser reads it back', () => {
    const line = formatLogEntry(entry, LogcatFormat.Threadtime);
    expect(line).toBe('11-28 09:05:07.042  4123  4125 I tflite  : STARTING!');
    expect(parseLogcatLine(line)).toEqual({ pid: 4123, tid: 4125, priority: 'I', tag: 'tflite', message: 'STARTING!' });
    expect(formatLogEntry(entry, LogcatFormat.Brief)).toBe('I/tflite  ( 4123): STARTING!');
  });

  it('reads -T times: MM-DD (this year), with a year, or epoch seconds', () => {
    expect(parseLogcatTime(logcatTime(at), at + 5000)).toBe(at);
    expect(parseLogcatTime('2026-11-28 09:05:07.042', 0)).toBe(at);
    expect(parseLogcatTime(`${at / 1000}`, 0)).toBe(at);
    expect(parseLogcatTime('yesterday', at)).toBeNull();
  });
});
