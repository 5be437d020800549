// Reads the sampler's stream as it arrives: lines may be split across chunks, and a line
// cut off by an unplugged phone is dropped rather than misread.

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

/** Splits a byte stream into whole lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  #tail = '';

  push(chunk: string): string[] {
    const text = this.#tail + chunk;
    const lines = text.split('\n');
    this.#tail = lines.pop() ?? '';
    return lines;
  }

  /** The unfinished last line, if any (dropped: it may be cut short). */
  get pending(): string {
    return this.#tail;
  }
}
