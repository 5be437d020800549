// ATrace text as it reaches ftrace/print (perfetto.md §1.5; systrace_parser.cc). TFLite writes only B and E,
// via ATrace_beginSection / ATrace_endSection.

export type PerfettoAtraceEvent =
  | { readonly phase: 'B'; readonly tgid: number; readonly name: string }
  | { readonly phase: 'E'; readonly tgid: number | null }
  | { readonly phase: 'C'; readonly tgid: number; readonly name: string; readonly value: number }
  | { readonly phase: 'S' | 'F'; readonly tgid: number; readonly name: string; readonly cookie: number }
  | { readonly phase: 'I'; readonly tgid: number; readonly name: string }
  | { readonly phase: 'N'; readonly tgid: number; readonly track: string; readonly name: string };

const EMPTY_NAME = '[empty slice name]';

export function formatAtraceBegin(tgid: number, name: string): string {
  return `B|${tgid}|${name}`;
}

export function formatAtraceEnd(tgid: number): string {
  return `E|${tgid}`;
}

/** Parses one print buffer; null for text that is not ATrace (`trace_event_clock_sync:`, free text). */
export function parseAtrace(buf: string): PerfettoAtraceEvent | null {
  const text = buf.replace(/[\n\0]+$/, '');
  const phase = text[0];
  if (text.length > 1 && text[1] !== '|') return null;
  const rest = text.slice(2);
  const bar = rest.indexOf('|');
  const tgidText = bar < 0 ? rest : rest.slice(0, bar);
  const tgid = /^-?\d+$/.test(tgidText) ? Number(tgidText) : null;
  const after = bar < 0 ? '' : rest.slice(bar + 1);
  switch (phase) {
    case 'E':
      return { phase, tgid: text.length === 1 ? null : tgid };
    case 'B':
      return tgid === null ? null : { phase, tgid, name: after === '' ? EMPTY_NAME : after };
    case 'I':
      return tgid === null ? null : { phase, tgid, name: after };
    case 'C': {
      const [name = '', value = ''] = after.split('|');
      return tgid === null || !/^-?\d+$/.test(value) ? null : { phase, tgid, name, value: Number(value) };
    }
    case 'S':
    case 'F': {
      const cut = after.lastIndexOf('|');
      const cookie = Number(after.slice(cut + 1));
      return tgid === null || cut < 0 || !Number.isInteger(cookie)
        ? null
        : { phase, tgid, name: after.slice(0, cut), cookie };
    }
    case 'N': {
      const cut = after.indexOf('|');
      return tgid === null || cut < 0 ? null : { phase, tgid, track: after.slice(0, cut), name: after.slice(cut + 1) };
    }
    default:
      return null;
  }
}
