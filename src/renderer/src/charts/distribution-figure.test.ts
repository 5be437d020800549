import { describe, expect, it } from 'vitest';
import { shareAtOrBelow, sortedFinite } from '../../../shared/analysis/quantiles.js';
import { LIGHT_CHART_THEME } from './chart-theme.js';
import { buildDistributionFigure, cdfPoints } from './distribution-figure.js';

describe('cumulative latency curves', () => {
  it('run from the fastest to the slowest inference, 0 to 100 %', () => {
    const lat = Array.from({ length: 1000 }, (_, i) => 1000 + i * 10);
    const { ms, percent } = cdfPoints(lat, 100);
    expect(ms[0]).toBe(1);
    expect(ms.at(-1)).toBe(10.99);
    expect(percent[0]).toBe(0);
    expect(percent.at(-1)).toBe(100);
    // Where a curve is, the share at or below agrees with the analysis to within one step.
    const sorted = sortedFinite(lat);
    for (let k = 0; k < ms.length; k += 10) expect(Math.abs(shareAtOrBelow(sorted, ms[k]! * 1000)! * 100 - percent[k]!)).toBeLessThanOrEqual(1.01);
  });

  it('draws each path in its colour with the budget line', () => {
    const figure = buildDistributionFigure(
      [
        { path: 'gpu', latUs: [6000, 7000] },
        { path: 'cpu', latUs: [] },
      ],
      LIGHT_CHART_THEME,
      { modelBudgetMs: 8.33, label: '120 Hz' },
    );
    expect(figure.data.map((t) => [t.name, t.line?.color])).toEqual([['GPU', '#e69f00']]);
    expect(figure.layout.shapes?.[0]).toMatchObject({ x0: 8.33, x1: 8.33 });
  });
});
