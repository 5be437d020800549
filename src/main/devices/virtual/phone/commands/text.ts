import { createHash } from 'node:crypto';
import type { PhoneCommand } from '../command.js';
import { parseArgs } from './args.js';
import { forEachInput, readWhole } from './io.js';

function lines(text: string): string[] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const grep: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'cEFHhilnoqsvwx', 'em');
  const operands = [...args.operands];
  const pattern = args.values.get('e') ?? operands.shift();
  if (pattern === undefined) {
    await ctx.error('no pattern');
    return 2;
  }
  const f = args.flags;
  let source = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') ? pattern : basicToExtended(pattern);
  if (f.has('w')) source = `\\b(?:${source})\\b`;
  if (f.has('x')) source = `^(?:${source})$`;
  const regex = new RegExp(source, f.has('i') ? 'i' : '');
  let matched = false;
  const many = operands.length > 1 && !f.has('h');
  const status = await forEachInput(ctx, operands, async (file, name) => {
    const text = (await readWhole(ctx, file)).toString('utf8');
    let count = 0;
    let out = '';
    for (const [n, line] of lines(text).entries()) {
      if (regex.test(line) === f.has('v')) continue;
      count++;
      matched = true;
      if (f.has('q')) return;
      if (f.has('c')) continue;
      const prefix = `${many ? `${name}:` : ''}${f.has('n') ? `${n + 1}:` : ''}`;
      if (f.has('o')) {
        for (const m of line.matchAll(new RegExp(regex.source, `g${regex.flags}`))) out += `${prefix}${m[0]}\n`;
      } else out += `${prefix}${line}\n`;
    }
    if (f.has('c')) out += `${many ? `${name}:` : ''}${count}\n`;
    await ctx.write(out);
  });
  if (status !== 0 && !f.has('s')) return 2;
  return matched ? 0 : 1;
};

function basicToExtended(pattern: string): string {
  return pattern.replace(/\\([(){}|+?])|([(){}|+?])/g, (_m, escaped: string | undefined, plain: string | undefined) =>
    escaped !== undefined ? escaped : `\\${plain}`,
  );
}

/** `head -5` / `tail -5`: the obsolete count form toybox still accepts. */
function legacyCount(args: readonly string[]): string[] {
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

const head: PhoneCommand = async (ctx) => {
  const args = parseArgs(legacyCount(ctx.argv.slice(1)), 'qv', 'nc');
  const count = Number(args.values.get('n') ?? 10);
  const bytes = args.values.get('c');
  return forEachInput(ctx, args.operands, async (file) => {
    if (bytes !== undefined) {
      let left = Number(bytes);
      while (left > 0) {
        const chunk = await file.read(left, ctx.signal);
        if (chunk === null) break;
        left -= chunk.length;
        await ctx.write(chunk);
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      const line = await file.read(65536, ctx.signal, 0x0a);
      if (line === null) break;
      await ctx.write(line);
    }
  });
};

const tail: PhoneCommand = async (ctx) => {
  const args = parseArgs(legacyCount(ctx.argv.slice(1)), 'fF', 'nc');
  const count = Number((args.values.get('n') ?? '10').replace('+', ''));
  return forEachInput(ctx, args.operands, async (file) => {
    const all = lines((await readWhole(ctx, file)).toString('utf8'));
    const from = args.values.get('n')?.startsWith('+') === true ? count - 1 : Math.max(0, all.length - count);
    await ctx.write(all.slice(from).map((l) => `${l}\n`).join(''));
  });
};

const wc: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'lwcm');
  const f = args.flags;
  const all = f.size === 0;
  return forEachInput(ctx, args.operands, async (file, name) => {
    const data = await readWhole(ctx, file);
    const text = data.toString('utf8');
    const fields: number[] = [];
    if (all || f.has('l')) fields.push([...text].filter((c) => c === '\n').length);
    if (all || f.has('w')) fields.push(text.split(/\s+/).filter((w) => w !== '').length);
    if (all || f.has('c')) fields.push(data.length);
    if (f.has('m')) fields.push([...text].length);
    const suffix = args.operands.length > 0 ? ` ${name}` : '';
    const formatted = fields.length === 1 && suffix === '' ? String(fields[0]) : fields.map((n) => String(n).padStart(7)).join(' ');
    await ctx.write(`${formatted}${suffix}\n`);
  });
};

const seq: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'w', 'sf');
  const nums = args.operands.map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if ([first, step, last].some((n) => Number.isNaN(n)) || step === 0) {
    await ctx.error('Not a number');
    return 1;
  }
  const separator = args.values.get('s') ?? '\n';
  const out: string[] = [];
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) out.push(String(n));
  if (out.length > 0) await ctx.write(out.join(separator) + '\n');
  return 0;
};

const tee: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'ai');
  const files = [];
  for (const path of args.operands) {
    files.push(
      await ctx.kernel.vfs.open(path, { write: true, create: true, truncate: !args.flags.has('a'), append: args.flags.has('a') }, {
        cwd: ctx.cwd,
        cred: ctx.credentials,
        signal: ctx.signal,
      }),
    );
  }
  try {
    for await (const chunk of ctx.chunks()) {
      for (const file of files) await file.write(chunk, ctx.signal);
      await ctx.write(chunk);
    }
  } finally {
    for (const file of files) file.release();
  }
  return 0;
};

const sort: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'nru');
  const collected: string[] = [];
  const status = await forEachInput(ctx, args.operands, async (file) => {
    collected.push(...lines((await readWhole(ctx, file)).toString('utf8')));
  });
  let sorted = args.flags.has('n')
    ? collected.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0))
    : collected.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (args.flags.has('r')) sorted.reverse();
  if (args.flags.has('u')) sorted = sorted.filter((line, i) => i === 0 || line !== sorted[i - 1]);
  await ctx.write(sorted.map((l) => `${l}\n`).join(''));
  return status;
};

function digest(algorithm: 'sha256' | 'md5' | 'sha1'): PhoneCommand {
  return async (ctx) => {
    const args = parseArgs(ctx.argv.slice(1), 'bc');
    return forEachInput(ctx, args.operands, async (file, name) => {
      const hash = createHash(algorithm);
      for (;;) {
        const chunk = await file.read(65536, ctx.signal);
        if (chunk === null) break;
        hash.update(chunk);
      }
      await ctx.write(`${hash.digest('hex')}  ${name}\n`);
    });
  };
}

const tr: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'ds');
  const expand = (set: string): string =>
    set.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/(.)-(.)/g, (_m, a: string, b: string) => {
      let out = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out += String.fromCharCode(c);
      return out;
    });
  const from = expand(args.operands[0] ?? '');
  const to = expand(args.operands[1] ?? '');
  const input = (await ctx.readAll()).toString('utf8');
  let out = '';
  for (const c of input) {
    const at = from.indexOf(c);
    if (at < 0) out += c;
    else if (args.flags.has('d')) continue;
    else out += to[Math.min(at, to.length - 1)] ?? c;
  }
  await ctx.write(out);
  return 0;
};

const cut: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 's', 'dfc');
  const delimiter = args.values.get('d') ?? '\t';
  const fieldSpec = args.values.get('f');
  const charSpec = args.values.get('c');
  const ranges = (spec: string): [number, number][] =>
    spec.split(',').map((part) => {
      const [a, b] = part.split('-');
      const start = a === '' || a === undefined ? 1 : Number(a);
      const end = b === undefined ? start : b === '' ? Infinity : Number(b);
      return [start, end];
    });
  return forEachInput(ctx, args.operands, async (file) => {
    let out = '';
    for (const line of lines((await readWhole(ctx, file)).toString('utf8'))) {
      if (fieldSpec !== undefined) {
        if (!line.includes(delimiter)) {
          if (!args.flags.has('s')) out += `${line}\n`;
          continue;
        }
        const parts = line.split(delimiter);
        const picked = parts.filter((_p, i) => ranges(fieldSpec).some(([s, e]) => i + 1 >= s && i + 1 <= e));
        out += `${picked.join(delimiter)}\n`;
      } else if (charSpec !== undefined) {
        out += `${[...line].filter((_c, i) => ranges(charSpec).some(([s, e]) => i + 1 >= s && i + 1 <= e)).join('')}\n`;
      }
    }
    await ctx.write(out);
  });
};

export const textCommands: [string, PhoneCommand][] = [
  ['grep', grep],
  ['head', head],
  ['tail', tail],
  ['wc', wc],
  ['seq', seq],
  ['tee', tee],
  ['sort', sort],
  ['sha256sum', digest('sha256')],
  ['sha1sum', digest('sha1')],
  ['md5sum', digest('md5')],
  ['tr', tr],
  ['cut', cut],
];
