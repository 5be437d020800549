import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatEnergyJ, formatEta, formatLatencyUs, formatShare } from './units.js';

describe('unit formatting', () => {
  it('shows latencies in ms, and tiny ones in µs', () => {
    expect(formatLatencyUs(8333.3)).toBe('8.33 ms');
    expect(formatLatencyUs(42)).toBe('42 µs');
    expect(formatLatencyUs(190.4)).toBe('190 µs');
    expect(formatLatencyUs(1000)).toBe('1.00 ms');
    expect(formatLatencyUs(61_200)).toBe('61.20 ms');
    expect(formatLatencyUs(412_000)).toBe('412.0 ms');
    expect(formatLatencyUs(1_380_000)).toBe('1380 ms');
    expect(formatLatencyUs(null)).toBe('–');
    expect(formatLatencyUs(Number.NaN)).toBe('–');
  });

  it('shows shares as percentages with a space before the sign', () => {
    expect(formatShare(0.9734)).toBe('97.3 %');
    expect(formatShare(1)).toBe('100.0 %');
    expect(formatShare(null)).toBe('–');
    expect(formatShare(0.99996)).toBe('99.9 %');
    expect(formatShare(0.00004)).toBe('under 0.1 %');
    expect(formatShare(0)).toBe('0.0 %');
  });

  it('picks an energy unit that keeps digits readable', () => {
    expect(formatEnergyJ(0.0032)).toBe('3.20 mJ');
    expect(formatEnergyJ(0.00021)).toBe('210 µJ');
    expect(formatEnergyJ(0.25)).toBe('250 mJ');
  });

  it('groups thousands', () => {
    expect(formatCount(30001)).toBe('30,001');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567.5)).toBe('1,234,567.5');
    expect(formatCount(-4000)).toBe('−4,000');
  });

  it('names sizes and remaining time in plain units', () => {
    expect(formatBytes(3_500_000)).toBe('3.3 MiB');
    expect(formatEta(125_000)).toBe('about 2 min 5 s left');
    expect(formatEta(null)).toBe('time left unknown');
  });
});
