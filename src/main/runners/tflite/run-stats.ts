import type { RunStats } from '../../../shared/tool-output/benchmark-model.js';
import { parseInteger, parseNumber } from '../../parsing/numbers.js';

// `count=50 first=… curr=… min=… max=… avg=… std=…[ p5=… median=… p95=…]`, and the short
// forms `count=1 curr=X`, `count=N curr=X(all same)`, `count=0` (tsl StatWithPercentiles).
const COUNT_LINE = /^count=(\d{1,15})((?:\s+[a-z0-9]+=[-+.\w]+(?:\(all same\))?)*)\s*$/;
const FIELD = /([a-z0-9]+)=([-+.\w]+)(\(all same\))?/g;

export function parseCountLine(text: string): RunStats | null {
  const match = COUNT_LINE.exec(text);
  if (!match) return null;
  const count = parseInteger(match[1]);
  if (count === null) return null;
  const fields = new Map<string, number | null>();
  let allSame = false;
  for (const field of (match[2] ?? '').matchAll(FIELD)) {
    const [, key, value, sameMark] = field;
    if (key === undefined) continue;
    fields.set(key, parseNumber(value));
    if (sameMark !== undefined) allSame = true;
  }
  const get = (key: string): number | null => fields.get(key) ?? null;
  return {
    count,
    first_us: get('first'),
    curr_us: get('curr'),
    min_us: get('min'),
    max_us: get('max'),
    avg_us: get('avg'),
    std_us: get('std'),
    p5_us: get('p5'),
    median_us: get('median'),
    p95_us: get('p95'),
    all_same: allSame,
  };
}

/** The mean the line implies: `avg`, or `curr` when there was one run or all runs were equal. */
export function averageOf(stats: RunStats | null): number | null {
  if (stats === null) return null;
  if (stats.avg_us !== null) return stats.avg_us;
  return stats.count === 1 || stats.all_same ? stats.curr_us : null;
}

/** The first run's time: `first`, or `curr` when there was only one run. */
export function firstOf(stats: RunStats | null): number | null {
  if (stats === null) return null;
  if (stats.first_us !== null) return stats.first_us;
  return stats.count === 1 ? stats.curr_us : null;
}
