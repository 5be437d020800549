import { describe, expect, it } from 'vitest';
import { ProbeLineSplitter } from './probe-line-splitter.js';

describe('probe line splitter', () => {
  it('joins lines split across chunks and drops a trailing CR', () => {
    const s = new ProbeLineSplitter(100);
    expect(s.push(Buffer.from('{"a":'))).toEqual([]);
    expect(s.push(Buffer.from('1}\r\n{"b":2}\n{"c"'))).toEqual([
      { kind: 'line', text: '{"a":1}' },
      { kind: 'line', text: '{"b":2}' },
    ]);
    expect(s.push(Buffer.from(':3}\n'))).toEqual([{ kind: 'line', text: '{"c":3}' }]);
  });

  it('reports an overlong line once, skips it to its newline, and carries on', () => {
    const s = new ProbeLineSplitter(10);
    expect(s.push(Buffer.from('0123456789abc'))).toEqual([{ kind: 'too-long', bytes: 13 }]);
    expect(s.push(Buffer.from('more of the same line'))).toEqual([]);
    expect(s.push(Buffer.from('end\nok\n'))).toEqual([{ kind: 'line', text: 'ok' }]);
    expect(s.push(Buffer.from('0123456789ab\nfine\n'))).toEqual([{ kind: 'too-long', bytes: 12 }, { kind: 'line', text: 'fine' }]);
  });
});
