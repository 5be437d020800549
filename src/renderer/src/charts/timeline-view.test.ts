import { describe, expect, it } from 'vitest';
import { needsNewDecimation, viewFromRelayout, zoomView } from './timeline-view.js';

describe('viewFromRelayout', () => {
  it('reads zooms, pans and resets of the time axis, in µs', () => {
    expect(viewFromRelayout({ 'xaxis.range[0]': 1.5, 'xaxis.range[1]': 2 }, null)).toEqual([1.5e6, 2e6]);
    expect(viewFromRelayout({ 'xaxis.range': [3, 4] }, null)).toEqual([3e6, 4e6]);
    expect(viewFromRelayout({ 'xaxis.autorange': true }, [1, 2])).toBeNull();
    expect(viewFromRelayout({ 'xaxis.range[1]': 9 }, [1e6, 2e6])).toEqual([1e6, 9e6]);
  });

  it('ignores events that leave the time axis alone', () => {
    expect(viewFromRelayout({ 'legend.x': 1 }, null)).toBeUndefined();
    expect(viewFromRelayout({ 'xaxis.range[1]': 9 }, null)).toBeUndefined();
  });
});

describe('zoomView', () => {
  it('zooms about the middle and pans by a share of the span', () => {
    expect(zoomView([0, 100], 0.5)).toEqual([25, 75]);
    expect(zoomView([0, 100], 1, 0.25)).toEqual([25, 125]);
  });
});

describe('needsNewDecimation', () => {
  it('keeps the drawn data while the view stays inside it at about the same zoom', () => {
    const drawn = { windowUs: [0, 150] as [number, number], view: [25, 125] as [number, number] };
    expect(needsNewDecimation(drawn, [40, 140], null)).toBe(false);
    expect(needsNewDecimation(drawn, [60, 160], null)).toBe(true);
    expect(needsNewDecimation(drawn, [60, 90], null)).toBe(true);
    expect(needsNewDecimation(drawn, null, null)).toBe(true);
    expect(needsNewDecimation({ windowUs: [0, 100], view: null }, null, [0, 100])).toBe(false);
    expect(needsNewDecimation({ windowUs: [0, 100], view: null }, [10, 90], [0, 100])).toBe(false);
    expect(needsNewDecimation(null, null, null)).toBe(true);
  });
});
