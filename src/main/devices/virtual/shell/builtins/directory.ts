import { PhoneFsError } from '../../fs/errno.js';
import { normalizePath } from '../../fs/path.js';
import { VfsAccess } from '../../fs/vfs.js';
import { VfsNodeKind } from '../../fs/vfs-node.js';
import type { ShellBuiltin } from './index.js';

const cd: ShellBuiltin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let target = args[0] ?? sh.state.vars.get('HOME') ?? '/';
  if (target === '-') target = sh.state.vars.get('OLDPWD') ?? sh.state.cwd;
  const path = normalizePath(sh.state.cwd, target);
  const node = sh.kernel.vfs.tryLookup(path, { cred: sh.credentials });
  if (node === undefined) {
    let reason = 'No such file or directory';
    try {
      sh.kernel.vfs.lookup(path, { cred: sh.credentials });
    } catch (error) {
      if (error instanceof PhoneFsError) reason = error.reason;
    }
    await sh.diagnose(`cd: ${target}: ${reason}`);
    return 2;
  }
  if (node.kind !== VfsNodeKind.Directory) {
    await sh.diagnose(`cd: ${target}: Not a directory`);
    return 2;
  }
  if (!sh.kernel.vfs.access(node, sh.credentials, VfsAccess.Execute)) {
    await sh.diagnose(`cd: ${target}: Permission denied`);
    return 2;
  }
  sh.state.vars.set('OLDPWD', sh.state.cwd);
  sh.state.cwd = path;
  sh.state.vars.set('PWD', path);
  if (argv[1] === '-') await sh.writeFd(1, `${path}\n`);
  return 0;
};

const pwd: ShellBuiltin = async (sh) => {
  await sh.writeFd(1, `${sh.state.cwd}\n`);
  return 0;
};

const umask: ShellBuiltin = async (sh, argv) => {
  const arg = argv[1];
  if (arg === undefined) {
    await sh.writeFd(1, `${sh.state.umask.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  if (!/^[0-7]+$/.test(arg)) {
    await sh.diagnose(`umask: ${arg}: bad number`);
    return 1;
  }
  sh.state.umask = parseInt(arg, 8) & 0o777;
  return 0;
};

const ulimit: ShellBuiltin = async (sh, argv) => {
  if (argv.length <= 2) await sh.writeFd(1, 'unlimited\n');
  return 0;
};

const realpath: ShellBuiltin = async (sh, argv) => {
  const name = argv[argv[1] === '--' ? 2 : 1];
  if (name === undefined) {
    await sh.diagnose('realpath: missing argument');
    return 1;
  }
  const path = normalizePath(sh.state.cwd, name);
  await sh.writeFd(1, `${path}\n`);
  return 0;
};

export const directoryBuiltins: [string, ShellBuiltin][] = [
  ['cd', cd],
  ['pwd', pwd],
  ['umask', umask],
  ['ulimit', ulimit],
  ['realpath', realpath],
];
