import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readSessionText } from '../../../../shared/session/read-session.js';
import { chooseBudget } from '../../session/budget.js';
import { analysePaths } from '../../session/path-summary.js';
import { sampleRecords, toJsonLines } from '../../testing/sample-session.js';
import { PathTable } from './PathTable.js';

function render(charging: boolean, platform: 'android' | 'ios' = 'android'): string {
  const read = readSessionText(toJsonLines(sampleRecords()));
  if (!read.ok) throw new Error(read.error);
  if (charging) read.session.conditions = { ...read.session.conditions!, charging: true };
  const choice = { budget: { kind: 'device' } as const, appOverheadMs: 0 };
  return renderToStaticMarkup(<PathTable paths={analysePaths(read.session, choice)} chosen={chooseBudget(choice, 120)} appOverheadMs={0} platform={platform} />);
}

describe('PathTable', () => {
  it('gives every figure its unit and names the delegate coverage in words', () => {
    const html = render(false);
    expect(html).toContain('9.50 ms'); // NPU median of 5..14 ms
    expect(html).toContain('8 of 10 ops on the NPU');
    expect(html).toContain('10 of 10 ops on the GPU');
    expect(html).toContain('40.0 %'); // 5, 6, 7 and 8 ms fit 8.33 ms
    expect(html).toContain('mJ');
    expect(html).toContain('data-share="0.4"');
    expect(html).not.toMatch(/NaN|undefined|null/);
  });

  it('says energy is unavailable on a charging phone, with the way out in a note', () => {
    const html = render(true);
    expect(html).toContain('unavailable');
    expect(html).toContain('adb tcpip 5555');
  });

  it('leaves out the tracing-overhead row on an iPhone, where predictions are timed by the probe, not traced', () => {
    expect(render(false, 'android')).toContain('Tracing overhead');
    expect(render(false, 'ios')).not.toContain('Tracing overhead');
    expect(render(false, 'ios')).toContain('8 of 10 ops on the Neural Engine');
  });
});
