import { describe, expect, it } from 'vitest';
import { nextSort, sortFallbackRows, type FallbackColumn, type FallbackRow } from './fallback-rows.js';

const row = (over: Partial<FallbackRow>): FallbackRow => ({ path: 'npu', opType: 'ADD', count: 1, ranOn: 'CPU', reason: null, timeShare: null, ...over });

const rows = [
  row({ path: 'gpu', opType: 'ARG_MAX', count: 1, reason: 'Not supported op ARG_MAX', timeShare: 0.02 }),
  row({ path: 'npu', opType: 'HARD_SWISH', count: 6, reason: 'unsupported', timeShare: 0.07 }),
  row({ path: 'npu', opType: 'RESIZE_BILINEAR', count: 4, reason: null, timeShare: null }),
];

describe('fallback rows', () => {
  it('sorts by each column both ways, keeping missing values last', () => {
    const by = (column: FallbackColumn, descending: boolean): string[] =>
      sortFallbackRows(rows, { column, descending }).map((r) => r.opType);
    expect(by('count', true)).toEqual(['HARD_SWISH', 'RESIZE_BILINEAR', 'ARG_MAX']);
    expect(by('count', false)).toEqual(['ARG_MAX', 'RESIZE_BILINEAR', 'HARD_SWISH']);
    expect(by('timeShare', true)).toEqual(['HARD_SWISH', 'ARG_MAX', 'RESIZE_BILINEAR']);
    expect(by('timeShare', false)).toEqual(['ARG_MAX', 'HARD_SWISH', 'RESIZE_BILINEAR']);
    expect(by('path', false)).toEqual(['HARD_SWISH', 'RESIZE_BILINEAR', 'ARG_MAX']);
    expect(by('opType', false)).toEqual(['ARG_MAX', 'HARD_SWISH', 'RESIZE_BILINEAR']);
    expect(by('reason', false)).toEqual(['ARG_MAX', 'HARD_SWISH', 'RESIZE_BILINEAR']);
  });

  it('turns the order round on a second click and starts numbers at the largest', () => {
    expect(nextSort({ column: 'count', descending: true }, 'count')).toEqual({ column: 'count', descending: false });
    expect(nextSort({ column: 'count', descending: true }, 'opType')).toEqual({ column: 'opType', descending: false });
    expect(nextSort({ column: 'opType', descending: false }, 'timeShare')).toEqual({ column: 'timeShare', descending: true });
  });
});
