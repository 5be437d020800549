import { PhoneFsError } from '../../fs/errno.js';
import { baseName, dirName, normalizePath } from '../../fs/path.js';
import { VfsNodeKind } from '../../fs/vfs-node.js';
import type { PhoneCommand, PhoneCommandContext } from '../command.js';
import { parseArgs } from './args.js';
import { forEachInput, tryFs } from './io.js';

const cat: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'uvte');
  return forEachInput(ctx, args.operands, async (file) => {
    for (;;) {
      const chunk = await file.read(65536, ctx.signal);
      if (chunk === null) return;
      await ctx.write(chunk);
    }
  });
};

const mkdir: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'pv', 'm');
  const mode = args.values.has('m') ? parseInt(args.values.get('m')!, 8) : 0o777 & ~0o077;
  let status = 0;
  for (const dir of args.operands) {
    const ok = await tryFs(ctx, dir, () => {
      if (args.flags.has('p') && ctx.kernel.vfs.tryLookup(dir, { cwd: ctx.cwd, cred: ctx.credentials })?.kind === VfsNodeKind.Directory) return;
      ctx.kernel.vfs.mkdir(dir, { cwd: ctx.cwd, cred: ctx.credentials, mode, parents: args.flags.has('p') });
    });
    if (!ok) status = 1;
  }
  return status;
};

const rmdir: PhoneCommand = async (ctx) => {
  let status = 0;
  for (const dir of parseArgs(ctx.argv.slice(1), 'p').operands) {
    if (!(await tryFs(ctx, dir, () => ctx.kernel.vfs.rmdir(dir, { cwd: ctx.cwd, cred: ctx.credentials })))) status = 1;
  }
  return status;
};

const rm: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'frRiv');
  const force = args.flags.has('f');
  const recursive = args.flags.has('r') || args.flags.has('R');
  let status = 0;
  const remove = async (path: string): Promise<boolean> => {
    const vfs = ctx.kernel.vfs;
    const node = vfs.tryLookup(path, { cwd: ctx.cwd, cred: ctx.credentials, follow: false });
    if (node === undefined) {
      if (force) return true;
      await ctx.error(`${path}: No such file or directory`);
      return false;
    }
    if (node.kind === VfsNodeKind.Directory) {
      if (!recursive) {
        await ctx.error(`${path}: Is a directory`);
        return false;
      }
      let ok = true;
      for (const name of [...node.entries.keys()]) {
        if (!(await remove(`${path.replace(/\/+$/, '')}/${name}`))) ok = false;
      }
      return ok && (await tryFs(ctx, path, () => vfs.rmdir(path, { cwd: ctx.cwd, cred: ctx.credentials })));
    }
    return tryFs(ctx, path, () => vfs.unlink(path, { cwd: ctx.cwd, cred: ctx.credentials }));
  };
  for (const path of args.operands) if (!(await remove(path))) status = 1;
  return status;
};

const chmod: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'Rfv');
  const [modeText, ...paths] = args.operands;
  if (modeText === undefined || paths.length === 0) {
    await ctx.error('Needs 2 arguments');
    return 1;
  }
  let status = 0;
  for (const path of paths) {
    const ok = await tryFs(ctx, path, () => {
      const node = ctx.kernel.vfs.lookup(path, { cwd: ctx.cwd, cred: ctx.credentials });
      const mode = applyMode(node.mode, modeText, node.kind === VfsNodeKind.Directory);
      if (mode === undefined) throw new PhoneFsError('EINVAL', path);
      ctx.kernel.vfs.chmod(path, mode, { cwd: ctx.cwd, cred: ctx.credentials });
    });
    if (!ok) status = 1;
  }
  return status;
};

/** Octal, or symbolic like `u+x`, `a-w`, `+x`, `go=r`. */
export function applyMode(current: number, spec: string, isDirectory: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (match === null) return undefined;
    const who = match[1] === '' || match[1]!.includes('a') ? 'ugo' : match[1]!;
    let bits = 0;
    for (const p of match[3]!) {
      const unit = p === 'r' ? 4 : p === 'w' ? 2 : p === 'x' || (p === 'X' && (isDirectory || (current & 0o111) !== 0)) ? 1 : 0;
      for (const w of who) bits |= unit << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      if (p === 's') bits |= (who.includes('u') ? 0o4000 : 0) | (who.includes('g') ? 0o2000 : 0);
      if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    for (const w of who) mask |= 7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
    if (match[2] === '+') mode |= bits;
    else if (match[2] === '-') mode &= ~bits;
    else mode = (mode & ~mask) | bits;
  }
  return mode;
}

const touch: PhoneCommand = async (ctx) => {
  let status = 0;
  for (const path of parseArgs(ctx.argv.slice(1), 'acmh', 'dtr').operands) {
    const ok = await tryFs(ctx, path, () => {
      const vfs = ctx.kernel.vfs;
      const node = vfs.tryLookup(path, { cwd: ctx.cwd, cred: ctx.credentials });
      if (node === undefined) vfs.writeFile(path, '', { cwd: ctx.cwd, cred: ctx.credentials, mode: 0o666 & ~0o077 });
      else node.mtimeMs = node.atimeMs = vfs.now();
    });
    if (!ok) status = 1;
  }
  return status;
};

async function copyOrMove(ctx: PhoneCommandContext, move: boolean): Promise<number> {
  const args = parseArgs(ctx.argv.slice(1), 'fiprRaPdLHnv');
  const operands = args.operands;
  if (operands.length < 2) {
    await ctx.error('Needs 2 arguments');
    return 1;
  }
  const target = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  const vfs = ctx.kernel.vfs;
  const targetIsDir = vfs.tryLookup(target, { cwd: ctx.cwd, cred: ctx.credentials })?.kind === VfsNodeKind.Directory;
  let status = 0;
  for (const source of sources) {
    const dest = targetIsDir ? `${target.replace(/\/+$/, '')}/${baseName(source)}` : target;
    const ok = await tryFs(ctx, source, () => {
      if (move) {
        vfs.rename(source, dest, { cwd: ctx.cwd, cred: ctx.credentials });
        return;
      }
      const node = vfs.lookup(source, { cwd: ctx.cwd, cred: ctx.credentials });
      if (node.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', source);
      const data = vfs.readFile(source, { cwd: ctx.cwd, cred: ctx.credentials });
      vfs.writeFile(dest, data, { cwd: ctx.cwd, cred: ctx.credentials, mode: node.mode & 0o777 });
    });
    if (!ok) status = 1;
  }
  return status;
}

const mkfifo: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), '', 'mZ');
  const mode = args.values.has('m') ? parseInt(args.values.get('m')!, 8) : 0o666 & ~0o077;
  let status = 0;
  for (const path of args.operands) {
    if (!(await tryFs(ctx, path, () => ctx.kernel.vfs.mkfifo(path, { cwd: ctx.cwd, cred: ctx.credentials, mode })))) status = 1;
  }
  return status;
};

const ln: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'sfnvT');
  const [target, link] = args.operands;
  if (target === undefined || link === undefined || !args.flags.has('s')) {
    await ctx.error('only ln -s TARGET LINK is supported');
    return 1;
  }
  const ok = await tryFs(ctx, link, () => {
    if (args.flags.has('f')) {
      const existing = ctx.kernel.vfs.tryLookup(link, { cwd: ctx.cwd, cred: ctx.credentials, follow: false });
      if (existing !== undefined) ctx.kernel.vfs.unlink(link, { cwd: ctx.cwd, cred: ctx.credentials });
    }
    ctx.kernel.vfs.symlink(target, link, { cwd: ctx.cwd, cred: ctx.credentials });
  });
  return ok ? 0 : 1;
};

const readlink: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'fenqvm');
  let status = 0;
  for (const path of args.operands) {
    const node = ctx.kernel.vfs.tryLookup(path, { cwd: ctx.cwd, cred: ctx.credentials, follow: false });
    if (args.flags.has('f') || args.flags.has('e') || args.flags.has('m')) {
      await ctx.write(`${normalizePath(ctx.cwd, path)}\n`);
    } else if (node?.kind === VfsNodeKind.Symlink) {
      await ctx.write(`${node.target}\n`);
    } else status = 1;
  }
  return status;
};

const basename: PhoneCommand = async (ctx) => {
  const [path, suffix] = ctx.argv.slice(1);
  if (path === undefined) return 1;
  let name = baseName(path);
  if (suffix !== undefined && name.endsWith(suffix) && name !== suffix) name = name.slice(0, -suffix.length);
  await ctx.write(`${name}\n`);
  return 0;
};

const dirname: PhoneCommand = async (ctx) => {
  const path = ctx.argv[1];
  if (path === undefined) return 1;
  await ctx.write(`${dirName(path)}\n`);
  return 0;
};

export const fileCommands: [string, PhoneCommand][] = [
  ['cat', cat],
  ['mkdir', mkdir],
  ['rmdir', rmdir],
  ['rm', rm],
  ['chmod', chmod],
  ['touch', touch],
  ['cp', (ctx) => copyOrMove(ctx, false)],
  ['mv', (ctx) => copyOrMove(ctx, true)],
  ['mkfifo', mkfifo],
  ['ln', ln],
  ['readlink', readlink],
  ['basename', basename],
  ['dirname', dirname],
];
