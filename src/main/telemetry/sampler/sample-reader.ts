// The telemetry's hot path: reads `S` lines into one reused record, scanning characters
// instead of matching a regular expression and splitting, so a sample costs no objects.
// It accepts and yields exactly what parseSamplerLine does for a sample line.

const SPACE = 32;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
/** Beyond 15 digits an accumulated integer may round differently from Number(). */
const EXACT_DIGITS = 15;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/** What `\s` matches in a JavaScript regular expression. */
function isRegExpSpace(c: number): boolean {
  if (c <= SPACE) return c === SPACE || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** Number() of the digits line[from, to), which hold at least one digit and nothing else. */
function digitsValue(line: string, from: number, to: number): number {
  if (to - from > EXACT_DIGITS) return Number(line.slice(from, to));
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (line.charCodeAt(i) - ZERO);
  return value;
}

/** A sampler value, as `/^-?\d+(\.\d+)?$/` then Number() read it: null for NA or anything else. */
function valueOf(line: string, from: number, to: number): number | null {
  const negative = line.charCodeAt(from) === MINUS;
  const start = negative ? from + 1 : from;
  let i = start;
  while (i < to && isDigit(line.charCodeAt(i))) i++;
  if (i === start) return null;
  if (i === to) {
    const magnitude = digitsValue(line, start, to);
    return negative ? -magnitude : magnitude;
  }
  if (line.charCodeAt(i) !== DOT || i + 1 === to) return null;
  for (let k = i + 1; k < to; k++) if (!isDigit(line.charCodeAt(k))) return null;
  return Number(line.slice(from, to));
}

export class SampleReader {
  seq = 0;
  /** Phone wall clock, µs since the epoch ($EPOCHREALTIME). */
  realtimeUs = 0;
  /** Phone uptime (≈ BOOTTIME) in µs; null when unreadable. */
  uptimeUs: number | null = null;
  /** The values of the last line read (its first `valueCount` entries); null where a read failed. */
  readonly values: (number | null)[] = [];
  valueCount = 0;

  /** Reads `line` when it is a whole sample line; false (fields unchanged but values) otherwise. */
  read(line: string): boolean {
    let end = line.length;
    if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
    if (end < 2 || line.charCodeAt(0) !== 83 /* S */ || line.charCodeAt(1) !== SPACE) return false;
    // Tokens: seq, seconds.micros, uptime, then the values; single spaces between, none empty.
    let token = 0;
    let from = 2;
    let seq = 0;
    let realtimeUs = 0;
    let uptimeUs: number | null = null;
    let count = 0;
    while (from < end) {
      let to = from;
      while (to < end && line.charCodeAt(to) !== SPACE) {
        if (isRegExpSpace(line.charCodeAt(to))) return false;
        to++;
      }
      if (to === from) return false;
      if (token === 0) {
        for (let i = from; i < to; i++) if (!isDigit(line.charCodeAt(i))) return false;
        seq = digitsValue(line, from, to);
      } else if (token === 1) {
        const dot = to - 7;
        if (dot <= from || line.charCodeAt(dot) !== DOT) return false;
        for (let i = from; i < to; i++) if (i !== dot && !isDigit(line.charCodeAt(i))) return false;
        realtimeUs = digitsValue(line, from, dot) * 1_000_000 + digitsValue(line, dot + 1, to);
      } else if (token === 2) {
        const uptime = Number(line.slice(from, to));
        uptimeUs = Number.isFinite(uptime) ? Math.round(uptime * 1_000_000) : null;
      } else {
        this.values[count++] = valueOf(line, from, to);
      }
      token++;
      if (to === end) break;
      from = to + 1;
      if (from === end) return false;
    }
    if (token < 3) return false;
    this.seq = seq;
    this.realtimeUs = realtimeUs;
    this.uptimeUs = uptimeUs;
    this.valueCount = count;
    return true;
  }
}
