import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue.js';

describe('ByteQueue', () => {
  it('takes across chunk boundaries and finds delimiters', () => {
    const q = new ByteQueue();
    q.push(Buffer.from('ab'));
    q.push(Buffer.from('c\nde'));
    q.push(Buffer.from('f\n'));
    expect(q.length).toBe(8);
    expect(q.indexOf(0x0a)).toBe(3);
    expect(q.takeUpTo(100, 0x0a).toString()).toBe('abc\n');
    expect(q.peek(2).toString()).toBe('de');
    expect(q.takeUpTo(2).toString()).toBe('de');
    expect(q.take(2).toString()).toBe('f\n');
    expect(q.length).toBe(0);
    expect(() => q.take(1)).toThrow(RangeError);
  });

  it('hands over everything queued, across chunks and after a partial take', () => {
    const q = new ByteQueue();
    q.push(Buffer.from('head'));
    q.push(Buffer.from('-rest'));
    q.push(new Uint8Array([0x21]));
    expect(q.take(3).toString()).toBe('hea');
    expect(q.takeAll().toString()).toBe('d-rest!');
    expect(q.length).toBe(0);
    expect(q.takeAll().length).toBe(0);
  });
});
