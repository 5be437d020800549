import { PhoneFsError } from '../../fs/errno.js';
import { normalizePath } from '../../fs/path.js';
import type { VfsNode } from '../../fs/vfs-node.js';
import { VfsModeType, VfsNodeKind, vfsStat } from '../../fs/vfs-node.js';
import type { PhoneCommand, PhoneCommandContext } from '../command.js';
import { parseArgs } from './args.js';
import { idName } from './ids.js';

interface Entry {
  readonly name: string;
  readonly node: VfsNode;
}

/** toybox `ls`: one name per line when not on a terminal; `-l` in toybox's columns. */
export const lsCommand: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), '1aAdlRnstrFhCk');
  if (args.unknown !== undefined) {
    await ctx.error(`Unknown option '${args.unknown}'`);
    return 1;
  }
  const f = args.flags;
  const operands = args.operands.length === 0 ? ['.'] : args.operands;
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of operands) {
    let node: VfsNode;
    try {
      node = ctx.kernel.vfs.lookup(operand, { cwd: ctx.cwd, cred: ctx.credentials, follow: !f.has('l') || operand.endsWith('/') });
      if (node.kind === VfsNodeKind.Symlink && !f.has('d')) {
        const target = ctx.kernel.vfs.tryLookup(operand, { cwd: ctx.cwd, cred: ctx.credentials });
        if (target?.kind === VfsNodeKind.Directory && !f.has('l')) node = target;
      }
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await ctx.error(`${operand}: ${error.reason}`);
        status = 1;
        continue;
      }
      throw error;
    }
    if (node.kind === VfsNodeKind.Directory && !f.has('d')) dirs.push({ name: operand, node });
    else files.push({ name: operand, node });
  }
  let out = '';
  if (files.length > 0) out += format(ctx, sortEntries(files, f), f, undefined);
  const showHeaders = operands.length > 1 || f.has('R');
  for (const [index, dir] of sortEntries(dirs, f).entries()) {
    const listed = await listDirectory(ctx, dir, f, showHeaders, index > 0 || files.length > 0);
    if (listed === undefined) status = 1;
    else out += listed;
  }
  await ctx.write(out);
  return status;
};

async function listDirectory(
  ctx: PhoneCommandContext,
  dir: Entry,
  f: Set<string>,
  header: boolean,
  separate: boolean,
): Promise<string | undefined> {
  const path = normalizePath(ctx.cwd, dir.name);
  let entries: Entry[];
  try {
    entries = ctx.kernel.vfs
      .readdir(path, { cred: ctx.credentials })
      .filter(([name]) => f.has('a') || f.has('A') || !name.startsWith('.'))
      .map(([name, node]) => ({ name, node }));
  } catch (error) {
    if (error instanceof PhoneFsError) {
      await ctx.error(`${dir.name}: ${error.reason}`);
      return undefined;
    }
    throw error;
  }
  if (f.has('a') && !f.has('A')) {
    const parent = ctx.kernel.vfs.lookup(normalizePath(path, '..'));
    entries.unshift({ name: '.', node: dir.node }, { name: '..', node: parent });
  }
  let out = '';
  if (header) out += `${separate ? '\n' : ''}${dir.name}:\n`;
  out += format(ctx, sortEntries(entries, f), f, path);
  if (f.has('R')) {
    for (const entry of entries) {
      if (entry.node.kind !== VfsNodeKind.Directory || entry.name === '.' || entry.name === '..') continue;
      const child = `${dir.name.replace(/\/$/, '')}/${entry.name}`;
      out += (await listDirectory(ctx, { name: child, node: entry.node }, f, true, true)) ?? '';
    }
  }
  return out;
}

function sortEntries(entries: Entry[], f: Set<string>): Entry[] {
  const sorted = [...entries];
  if (f.has('t')) sorted.sort((a, b) => b.node.mtimeMs - a.node.mtimeMs || cmp(a.name, b.name));
  else if (f.has('S')) sorted.sort((a, b) => vfsStat(b.node).size - vfsStat(a.node).size || cmp(a.name, b.name));
  else sorted.sort((a, b) => cmp(a.name, b.name));
  if (f.has('r')) sorted.reverse();
  return sorted;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function format(ctx: PhoneCommandContext, entries: Entry[], f: Set<string>, dirPath: string | undefined): string {
  const suffix = (node: VfsNode): string => {
    if (!f.has('F')) return '';
    if (node.kind === VfsNodeKind.Directory) return '/';
    if (node.kind === VfsNodeKind.Symlink) return '@';
    if (node.kind === VfsNodeKind.Fifo) return '|';
    if ((node.mode & 0o111) !== 0) return '*';
    return '';
  };
  if (!f.has('l') && !f.has('n')) {
    return entries.map((e) => `${f.has('s') ? `${blocksOf(e.node)} ` : ''}${e.name}${suffix(e.node)}\n`).join('');
  }
  const rows = entries.map((e) => {
    const st = vfsStat(e.node);
    const user = f.has('n') ? String(st.uid) : idName(st.uid);
    const group = f.has('n') ? String(st.gid) : idName(st.gid);
    let name = e.name + suffix(e.node);
    if (e.node.kind === VfsNodeKind.Symlink) name += ` -> ${e.node.target}`;
    return {
      mode: modeString(st.mode),
      links: String(st.nlink),
      user,
      group,
      size: e.node.kind === VfsNodeKind.CharDevice ? '1,   3' : String(st.size),
      date: formatDate(st.mtimeMs),
      name,
    };
  });
  const width = (key: 'links' | 'user' | 'group' | 'size'): number => Math.max(0, ...rows.map((r) => r[key].length));
  const [wl, wu, wg, ws] = [width('links'), width('user'), width('group'), width('size')];
  let out = '';
  if (dirPath !== undefined) {
    out += `total ${entries.reduce((sum, e) => sum + blocksOf(e.node), 0)}\n`;
  }
  void ctx;
  for (const r of rows) {
    out += `${r.mode} ${r.links.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.name}\n`;
  }
  return out;
}

/** 1 KiB blocks on a 4 KiB-block file system. */
function blocksOf(node: VfsNode): number {
  if (node.kind === VfsNodeKind.Dynamic || node.kind === VfsNodeKind.CharDevice || node.kind === VfsNodeKind.Fifo) return 0;
  const size = vfsStat(node).size;
  return Math.ceil(size / 4096) * 4;
}

export function modeString(mode: number): string {
  const type = mode & 0o170000;
  const typeChar =
    type === VfsModeType.Directory
      ? 'd'
      : type === VfsModeType.Symlink
        ? 'l'
        : type === VfsModeType.Fifo
          ? 'p'
          : type === VfsModeType.CharDevice
            ? 'c'
            : '-';
  const bits = 'rwxrwxrwx';
  let perms = '';
  for (let i = 0; i < 9; i++) perms += mode & (1 << (8 - i)) ? bits[i] : '-';
  const chars = perms.split('');
  if (mode & 0o4000) chars[2] = chars[2] === 'x' ? 's' : 'S';
  if (mode & 0o2000) chars[5] = chars[5] === 'x' ? 's' : 'S';
  if (mode & 0o1000) chars[8] = chars[8] === 'x' ? 't' : 'T';
  return typeChar + chars.join('');
}

/** `YYYY-MM-DD HH:MM` in the phone's time zone (UTC). */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
