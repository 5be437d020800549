// `pm install [-r] [-d] [-g] FILE`, `pm uninstall PKG`, `pm list packages [-3] [FILTER]`, `pm path PKG`: the
// package manager over the registry. A file installs when it is the benchmark APK stand-in.
import { PhoneFsError } from '../../fs/errno.js';
import type { PhoneCommand, PhoneCommandContext } from '../../phone/command.js';
import { PhoneSignal } from '../../process/signals.js';
import type { PhoneServices } from '../services.js';
import { readApkManifest } from './apk-file.js';

/** Android 14 refuses apps targeting below API 23 (INSTALL_FAILED_DEPRECATED_SDK_VERSION). */
const MIN_TARGET_SDK_34 = 23;

async function install(ctx: PhoneCommandContext, s: PhoneServices, args: readonly string[]): Promise<number> {
  const options = new Set(args.filter((a) => a.startsWith('-')));
  const file = args.find((a) => !a.startsWith('-'));
  if (file === undefined) {
    await ctx.write('Error: APK content must be streamed\n');
    return 1;
  }
  let data: Buffer;
  try {
    data = ctx.kernel.vfs.readFile(file, { cwd: ctx.cwd, cred: ctx.credentials });
  } catch (error) {
    if (!(error instanceof PhoneFsError)) throw error;
    await ctx.write(`Error: Can't open file: ${file}\n`);
    return 1;
  }
  await ctx.sleep(250);
  const manifest = readApkManifest(data);
  if (manifest === null) {
    await ctx.write(`Failure [INSTALL_PARSE_FAILED_NOT_APK: Failed parse during installPackageLI: Failed to parse ${file}]\n`);
    return 1;
  }
  if (s.profile.sdk >= 34 && manifest.targetSdk < MIN_TARGET_SDK_34) {
    await ctx.write(`Failure [INSTALL_FAILED_DEPRECATED_SDK_VERSION: App package must target at least SDK version ${MIN_TARGET_SDK_34}, but found ${manifest.targetSdk}]\n`);
    return 1;
  }
  if (s.packages.get(manifest.packageName) !== undefined && !options.has('-r')) {
    await ctx.write(`Failure [INSTALL_FAILED_ALREADY_EXISTS: Attempt to re-install ${manifest.packageName} without first uninstalling.]\n`);
    return 1;
  }
  stopApp(s, manifest.packageName);
  s.packages.install(manifest, ctx.kernel.clock.nowMs());
  await ctx.write('Success\n');
  return 0;
}

/** Kills an app's processes (force-stop, uninstall, reinstall). */
export function stopApp(s: PhoneServices, packageName: string): void {
  for (const pid of s.packages.processesOf(packageName)) {
    s.kernel.processes.get(pid)?.deliver(PhoneSignal.KILL);
    s.packages.detachProcess(pid);
  }
}

export function pmCommand(s: PhoneServices): PhoneCommand {
  return async (ctx) => {
    const [verb, ...args] = ctx.argv.slice(1);
    switch (verb) {
      case 'install':
        return install(ctx, s, args);
      case 'uninstall': {
        const name = args.find((a) => !a.startsWith('-'));
        if (name !== undefined) stopApp(s, name);
        const removed = name !== undefined && s.packages.uninstall(name);
        await ctx.write(removed ? 'Success\n' : 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n');
        return removed ? 0 : 1;
      }
      case 'list': {
        if (args[0] !== 'packages') break;
        const thirdParty = args.includes('-3');
        const showPath = args.includes('-f');
        const filter = args.slice(1).find((a) => !a.startsWith('-')) ?? '';
        const lines = s.packages
          .list()
          .filter((p) => (!thirdParty || !p.system) && p.name.includes(filter))
          .map((p) => `package:${showPath ? `${p.codePath}/base.apk=` : ''}${p.name}\n`);
        await ctx.write(lines.join(''));
        return 0;
      }
      case 'path': {
        const pkg = args[0] === undefined ? undefined : s.packages.get(args[0]);
        if (pkg === undefined) return 1;
        await ctx.write(`package:${pkg.codePath}/base.apk\n`);
        return 0;
      }
      default:
        break;
    }
    await ctx.error(`Unknown command: ${verb ?? ''}`);
    return 1;
  };
}
