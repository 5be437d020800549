/** Shell patterns (case, `${x#pat}`, `[[ == ]]`, globbing) as regular expressions. */

/** A piece of expanded text; quoted characters never act as pattern characters. */
export interface PatternSegment {
  readonly text: string;
  readonly quoted: boolean;
}

export function hasGlobChars(segments: readonly PatternSegment[]): boolean {
  return segments.some((s) => !s.quoted && /[*?[]/.test(s.text));
}

/**
 * The regex source for a pattern. With `pathname`, `*` and `?` do not match
 * `/` (globbing); otherwise they match anything (case, parameter patterns).
 */
export function patternToRegexSource(segments: readonly PatternSegment[], pathname: boolean): string {
  const any = pathname ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (const segment of segments) {
    if (segment.quoted) {
      out += escapeRegex(segment.text);
      continue;
    }
    const text = segment.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '*') out += `${any}*`;
      else if (c === '?') out += any;
      else if (c === '\\' && i + 1 < text.length) out += escapeRegex(text[++i]!);
      else if (c === '[') {
        const bracket = parseBracket(text, i);
        if (bracket === undefined) out += '\\[';
        else {
          out += bracket.source;
          i = bracket.end;
        }
      } else out += escapeRegex(c);
    }
  }
  return out;
}

export function patternToRegex(segments: readonly PatternSegment[], pathname = false): RegExp {
  return new RegExp(`^${patternToRegexSource(segments, pathname)}$`);
}

/** Pattern text written in a script (all unquoted). */
export function matchPattern(pattern: string, text: string): boolean {
  return patternToRegex([{ text: pattern, quoted: false }]).test(text);
}

const CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

function parseBracket(text: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (text[i] === '!' || text[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && text[i + 1] === ':') {
      const close = text.indexOf(':]', i + 2);
      if (close > 0) {
        const name = text.slice(i + 2, close);
        body += CLASSES[name] ?? '';
        i = close + 2;
        continue;
      }
    }
    if (c === '\\' || c === ']' || c === '[' || c === '^') body += `\\${c}`;
    else body += c;
    i++;
  }
  return undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`);
}
