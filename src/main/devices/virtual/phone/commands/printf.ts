import type { PhoneCommand } from '../command.js';
import { interpretEscapes } from '../../shell/builtins/escapes.js';

/** toybox printf: the format is reused until the arguments run out. */
export const printfCommand: PhoneCommand = async (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) {
    await ctx.error('Needs 1 argument');
    return 1;
  }
  let out = '';
  let status = 0;
  let index = 0;
  do {
    const start = index;
    const result = formatOnce(format, args, index);
    out += result.text;
    index = result.index;
    if (result.bad) status = 1;
    if (result.stop || index === start) break;
  } while (index < args.length);
  await ctx.write(out);
  return status;
};

function formatOnce(format: string, args: string[], start: number): { text: string; index: number; bad: boolean; stop: boolean } {
  let text = '';
  let index = start;
  let bad = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '\\') {
      const rest = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/.exec(format.slice(i))![0];
      const escaped = /^\\[0-7]/.test(rest) && !rest.startsWith('\\0') ? `\\0${rest.slice(1)}` : rest;
      const result = interpretEscapes(escaped);
      if (result.noNewline) return { text, index, bad, stop: true };
      text += result.text;
      i += rest.length - 1;
      continue;
    }
    if (c !== '%') {
      text += c;
      continue;
    }
    const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXcsbfeEgG%])/.exec(format.slice(i));
    if (spec === null) {
      text += c;
      continue;
    }
    i += spec[0].length - 1;
    const conversion = spec[4]!;
    if (conversion === '%') {
      text += '%';
      continue;
    }
    const flags = spec[1]!;
    const width = spec[2] === '*' ? Number(args[index++] ?? 0) : spec[2] === undefined ? undefined : Number(spec[2]);
    const precision = spec[3] === '*' ? Number(args[index++] ?? 0) : spec[3] === undefined ? undefined : Number(spec[3]);
    const arg = args[index++];
    let body: string;
    switch (conversion) {
      case 's':
        body = arg ?? '';
        if (precision !== undefined) body = body.slice(0, precision);
        break;
      case 'b': {
        const result = interpretEscapes(arg ?? '');
        body = result.text;
        break;
      }
      case 'c':
        body = (arg ?? '').slice(0, 1);
        break;
      case 'f':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const n = Number(arg ?? 0);
        if (arg !== undefined && Number.isNaN(n)) bad = true;
        const p = precision ?? 6;
        body =
          conversion === 'f'
            ? n.toFixed(p)
            : conversion === 'e' || conversion === 'E'
              ? n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2')
              : String(Number(n.toPrecision(p || 1)));
        if (conversion === 'E' || conversion === 'G') body = body.toUpperCase();
        if (flags.includes('+') && n >= 0) body = `+${body}`;
        break;
      }
      default: {
        const parsed = parseInteger(arg ?? '0');
        if (parsed === undefined) {
          bad = true;
        }
        const n = parsed ?? 0n;
        const unsigned = n < 0n && 'ouxX'.includes(conversion) ? BigInt.asUintN(64, n) : n;
        body =
          conversion === 'x'
            ? unsigned.toString(16)
            : conversion === 'X'
              ? unsigned.toString(16).toUpperCase()
              : conversion === 'o'
                ? unsigned.toString(8)
                : unsigned.toString();
        if (precision !== undefined) body = body.replace(/^(-?)(\d*)$/, (_m, sign: string, digits: string) => sign + digits.padStart(precision, '0'));
        if (flags.includes('+') && n >= 0n && 'di'.includes(conversion)) body = `+${body}`;
        if (flags.includes(' ') && n >= 0n && 'di'.includes(conversion)) body = ` ${body}`;
      }
    }
    if (width !== undefined && body.length < width) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && !'sbc'.includes(conversion)) {
        const sign = /^[-+ ]/.test(body) ? body[0]! : '';
        body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
      } else body = body.padStart(width);
    }
    text += body;
  }
  return { text, index, bad, stop: false };
}

function parseInteger(text: string): bigint | undefined {
  const t = text.trim();
  if (/^'./.test(t) || /^"./.test(t)) return BigInt(t.codePointAt(1)!);
  try {
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return BigInt(t.replace(/^([-+]?)0[xX]/, '$10x').replace('+', ''));
    if (/^[-+]?0[0-7]+$/.test(t)) {
      const negative = t.startsWith('-');
      const value = BigInt(`0o${t.replace(/^[-+]?0/, '')}`);
      return negative ? -value : value;
    }
    if (/^[-+]?\d+$/.test(t)) return BigInt(t.replace('+', ''));
  } catch {
    return undefined;
  }
  return undefined;
}
