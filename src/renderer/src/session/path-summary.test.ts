import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../../../shared/analysis/session-analysis.js';
import { readSessionText } from '../../../shared/session/read-session.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import { sampleRecords, toJsonLines } from '../testing/sample-session.js';
import { chooseBudget } from './budget.js';
import { analysePaths, shareFor } from './path-summary.js';

function sample(): SessionData {
  const read = readSessionText(toJsonLines(sampleRecords()));
  if (!read.ok) throw new Error(read.error);
  return read.session;
}

describe('analysePaths', () => {
  it('is the shared analysis, in NPU, GPU, CPU order', () => {
    const session = sample();
    session.header.plan.paths.reverse();
    const choice = { budget: { kind: 'hz', hz: 120 } as const, appOverheadMs: 1 };
    const paths = analysePaths(session, choice);
    expect(paths.map((p) => p.path)).toEqual(['npu', 'gpu']);
    const shared = analyzeSession(session, choice).paths;
    expect(paths).toEqual([shared.find((p) => p.path === 'npu'), shared.find((p) => p.path === 'gpu')]);
    // 8.33 − 1 = 7.33 ms: 5, 6 and 7 ms of the NPU's ten fit.
    expect(shareFor(paths[0]!, '120 Hz')).toBe(0.3);
    expect(shareFor(paths[1]!, '120 Hz')).toBe(1);
    expect(shareFor(paths[0]!, '45 Hz')).toBeNull();
  });

  it('names the budget the way the analysis labels it', () => {
    const session = sample();
    const [npu] = analysePaths(session, { budget: { kind: 'device' }, appOverheadMs: 0 });
    const chosen = chooseBudget({ budget: { kind: 'device' }, appOverheadMs: 0 }, 120)!;
    expect(npu!.chosenBudget?.label).toBe(chosen.label);
    expect(chooseBudget({ budget: { kind: 'ms', ms: 10 }, appOverheadMs: 0 }, null)?.label).toBe('10 ms');
    expect(chooseBudget({ budget: { kind: 'device' }, appOverheadMs: 0 }, null)).toBeNull();
    expect(chooseBudget({ budget: { kind: 'device' }, appOverheadMs: 2 }, 90)).toMatchObject({ label: 'phone (90 Hz)', modelBudgetMs: 1000 / 90 - 2 });
  });
});
