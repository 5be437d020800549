import { describe, expect, it } from 'vitest';
import { readSessionText } from '../../../shared/session/read-session.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import { sampleRecords, toJsonLines } from '../testing/sample-session.js';
import { LIGHT_CHART_THEME } from './chart-theme.js';
import { buildTimelineFigure, type TimelineOptions } from './timeline-figure.js';

function sample(): SessionData {
  const read = readSessionText(toJsonLines(sampleRecords()));
  if (!read.ok) throw new Error(read.error);
  return read.session;
}

const options: TimelineOptions = { viewUs: null, columns: 800, gl: true, theme: LIGHT_CHART_THEME, budget: { modelBudgetMs: 8.33, label: 'phone (120 Hz)' }, uirevision: 's1' };

describe('buildTimelineFigure', () => {
  it('stacks lanes on one shared time axis, in seconds', () => {
    const { data, layout, empty } = buildTimelineFigure(sample(), options);
    expect(empty).toBe(false);
    expect(data.map((t) => t.name)).toEqual(['NPU warm-up', 'NPU', 'GPU', 'Battery power drawn (mW)', 'Battery current (mA)', 'Battery voltage (mV)']);
    expect(data.every((t) => t.type === 'scattergl')).toBe(true);
    // Every lane's y axis hangs off the one x axis.
    const axes = [layout.yaxis, layout.yaxis2, layout.yaxis3, layout.yaxis4];
    expect(axes.every((a) => a?.anchor === 'x')).toBe(true);
    expect(layout.yaxis4?.overlaying).toBe('y3');
    expect(layout.xaxis?.anchor).toBe('y3');
    expect(layout.uirevision).toBe('s1');
    const npu = data[1]!;
    expect(Array.from(npu.x).slice(0, 3)).toEqual([0, 1, 2]);
    expect(Array.from(npu.y).slice(0, 3)).toEqual([5, 6, 7]);
    expect(npu.hovertemplate).toContain('ms');
    expect(data[3]!.hovertemplate).toContain('mW');
    expect(data[4]!.hovertemplate).toContain('mA');
  });

  it('marks the budget, the paths and the events', () => {
    const { layout } = buildTimelineFigure(sample(), options);
    const shapes = layout.shapes ?? [];
    expect(shapes.some((s) => s.type === 'line' && s.yref === 'y' && s.y0 === 8.33)).toBe(true);
    expect(shapes.some((s) => s.type === 'rect' && s.fillcolor === '#0072b2')).toBe(true);
    expect(shapes.some((s) => s.type === 'line' && s.x0 === 5 && s.line?.dash === 'dash')).toBe(true);
    expect((layout.annotations ?? []).map((a) => a.text)).toContain('Throttling');
  });

  it('falls back to SVG traces without WebGL', () => {
    const { data } = buildTimelineFigure(sample(), { ...options, gl: false });
    expect(data.every((t) => t.type === 'scatter')).toBe(true);
  });

  it('draws at most two points per pixel column, all of them real', () => {
    const session = sample();
    const n = 100_000;
    session.points.cpu = { tUs: Array.from({ length: n }, (_, i) => i * 100), latUs: Array.from({ length: n }, (_, i) => 5000 + (i % 97) * 10), repeat: new Array<number>(n).fill(0) };
    const { data } = buildTimelineFigure(session, { ...options, columns: 600 });
    const cpu = data.find((t) => t.name === 'CPU')!;
    expect(cpu.x.length).toBeLessThanOrEqual(2 * 536 + 2);
    const real = new Set(session.points.cpu.latUs.map((v) => v / 1000));
    expect(Array.from(cpu.y).every((v) => real.has(v))).toBe(true);
    expect(Math.max(...Array.from(cpu.y))).toBe(5 + 96 * 0.01);
  });

  it('says when there is nothing to draw', () => {
    const session = sample();
    session.points = {};
    session.warmupPoints = {};
    session.series = [];
    session.events = [];
    expect(buildTimelineFigure(session, options).empty).toBe(true);
  });
});
