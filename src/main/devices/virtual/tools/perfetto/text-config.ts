// perfetto's `--txt` config: protobuf text format, parsed for real (nested messages, repeated fields, strings
// with escapes, enums, `[ … ]` lists, comments), then read into the TraceConfig fields the virtual traced uses
// (perfetto.md §3.3): buffers, duration_ms, and per data source its name, target buffer and ftrace_config.

export type TextProtoValue = string | number | boolean | TextProtoMessage;
export type TextProtoMessage = ReadonlyMap<string, readonly TextProtoValue[]>;

export class TextProtoError extends Error {
  override readonly name = 'TextProtoError';
}

type Token = { kind: 'ident' | 'number' | 'string' | 'punct'; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if ('{}[]:;,<>'.includes(c)) tokens.push({ kind: 'punct', text: c, at: i++ });
    else if (c === '"' || c === "'") {
      let value = '';
      const start = i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const next = text[++i] ?? '';
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else value += text[i];
        i++;
      }
      if (i >= text.length) throw new TextProtoError(`unterminated string at offset ${start}`);
      i++;
      tokens.push({ kind: 'string', text: value, at: start });
    } else {
      const m = /^(?:-?(?:0x[0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|[A-Za-z_][\w.]*)/.exec(text.slice(i));
      if (m === null) throw new TextProtoError(`unexpected '${c}' at offset ${i}`);
      tokens.push({ kind: /^[-\d]/.test(m[0]) ? 'number' : 'ident', text: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseTextProto(text: string): TextProtoMessage {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (punct: string): void => {
    const t = tokens[pos++];
    if (t?.kind !== 'punct' || t.text !== punct) throw new TextProtoError(`expected '${punct}' at offset ${t?.at ?? text.length}`);
  };
  const scalar = (): TextProtoValue => {
    const t = tokens[pos++];
    if (t === undefined) throw new TextProtoError('unexpected end of config');
    if (t.kind === 'string') {
      let value = t.text;
      while (peek()?.kind === 'string') value += tokens[pos++]?.text ?? '';
      return value;
    }
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'ident') return t.text === 'true' ? true : t.text === 'false' ? false : t.text;
    throw new TextProtoError(`unexpected '${t.text}' at offset ${t.at}`);
  };
  const message = (close: string | null): TextProtoMessage => {
    const fields = new Map<string, TextProtoValue[]>();
    for (;;) {
      const t = peek();
      if (t === undefined) {
        if (close !== null) throw new TextProtoError(`missing '${close}' at the end of the config`);
        return fields;
      }
      if (t.kind === 'punct' && t.text === close) {
        pos++;
        return fields;
      }
      if (t.kind === 'punct' && (t.text === ';' || t.text === ',')) {
        pos++;
        continue;
      }
      if (t.kind !== 'ident') throw new TextProtoError(`expected a field name at offset ${t.at}, found '${t.text}'`);
      pos++;
      const values = fields.get(t.text) ?? [];
      fields.set(t.text, values);
      if (peek()?.text === ':') pos++;
      const open = peek();
      if (open?.kind === 'punct' && (open.text === '{' || open.text === '<')) {
        pos++;
        values.push(message(open.text === '{' ? '}' : '>'));
      } else if (open?.kind === 'punct' && open.text === '[') {
        pos++;
        while (peek()?.text !== ']') {
          if (peek() === undefined) throw new TextProtoError("missing ']'");
          if (peek()?.text === ',') pos++;
          else if (peek()?.text === '{') {
            pos++;
            values.push(message('}'));
          } else values.push(scalar());
        }
        expect(']');
      } else values.push(scalar());
    }
  };
  return message(null);
}

export interface TraceBufferConfig {
  readonly sizeKb: number;
  readonly fillPolicy: 'RING_BUFFER' | 'DISCARD';
}

export interface TraceDataSourceConfig {
  readonly name: string;
  readonly targetBuffer: number;
  readonly ftraceEvents: readonly string[];
  readonly atraceApps: readonly string[];
  readonly atraceCategories: readonly string[];
}

export interface TraceConfig {
  readonly buffers: readonly TraceBufferConfig[];
  readonly dataSources: readonly TraceDataSourceConfig[];
  /** 0 or absent: until stopped. */
  readonly durationMs: number;
  readonly writeIntoFile: boolean;
}

const strings = (m: TextProtoMessage | undefined, name: string): string[] =>
  (m?.get(name) ?? []).filter((v): v is string => typeof v === 'string');
const number = (m: TextProtoMessage | undefined, name: string, fallback: number): number => {
  const v = m?.get(name)?.at(-1);
  return typeof v === 'number' ? v : fallback;
};
const messages = (m: TextProtoMessage | undefined, name: string): TextProtoMessage[] =>
  (m?.get(name) ?? []).filter((v): v is TextProtoMessage => v instanceof Map);

export function readTraceConfig(proto: TextProtoMessage): TraceConfig {
  const buffers = messages(proto, 'buffers').map((b): TraceBufferConfig => {
    const policy = b.get('fill_policy')?.at(-1);
    return { sizeKb: number(b, 'size_kb', 0), fillPolicy: policy === 'DISCARD' || policy === 2 ? 'DISCARD' : 'RING_BUFFER' };
  });
  const dataSources = messages(proto, 'data_sources').flatMap((ds) =>
    messages(ds, 'config').map((c): TraceDataSourceConfig => {
      const ftrace = messages(c, 'ftrace_config')[0];
      const name = c.get('name')?.at(-1);
      return {
        name: typeof name === 'string' ? name : '',
        targetBuffer: number(c, 'target_buffer', 0),
        ftraceEvents: strings(ftrace, 'ftrace_events'),
        atraceApps: strings(ftrace, 'atrace_apps'),
        atraceCategories: strings(ftrace, 'atrace_categories'),
      };
    }),
  );
  return { buffers, dataSources, durationMs: number(proto, 'duration_ms', 0), writeIntoFile: proto.get('write_into_file')?.at(-1) === true };
}
