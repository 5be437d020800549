// The sampler's lines, read into objects: the header, and samples as the tests and the
// integration tests read them. The capture reads samples with SampleReader (the same result,
// without an object per sample).

export interface SamplerHeader {
  sources: string[];
}

export interface SamplerSample {
  seq: number;
  /** Phone wall clock, µs since the epoch ($EPOCHREALTIME). */
  realtimeUs: number;
  /** Phone uptime (≈ BOOTTIME) in µs, 10 ms resolution; null when unreadable. */
  uptimeUs: number | null;
  values: (number | null)[];
}

export type SamplerLine = { type: 'header'; header: SamplerHeader } | { type: 'sample'; sample: SamplerSample } | { type: 'other'; text: string };

const SAMPLE = /^S (\d+) (\d+)\.(\d{6}) (\S+)((?: \S+)*)$/;

export function parseSamplerLine(line: string): SamplerLine {
  const text = line.replace(/\r$/, '');
  if (text.startsWith('H ')) {
    const [, count, ...paths] = text.split(' ');
    if (Number(count) === paths.length) return { type: 'header', header: { sources: paths } };
    return { type: 'other', text };
  }
  const m = SAMPLE.exec(text);
  if (!m) return { type: 'other', text };
  const uptime = Number(m[4]);
  const values = (m[5] ?? '')
    .trim()
    .split(' ')
    .filter((v) => v !== '')
    .map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null));
  return {
    type: 'sample',
    sample: {
      seq: Number(m[1]),
      realtimeUs: Number(m[2]) * 1_000_000 + Number(m[3]),
      uptimeUs: Number.isFinite(uptime) ? Math.round(uptime * 1_000_000) : null,
      values,
    },
  };
}
