// `am start [-S] [-W] -n PKG/.Activity [--es KEY VALUE]…` and `am force-stop PKG`. Starting the benchmark
// activity forks a new app process from zygote (its own pid, uid and cmdline = the package name) whose
// BenchmarkModelActivity.onCreate runs the benchmark on the UI thread and logs to logcat only. `-W` waits
// for the launch to complete, which for this activity is when onCreate returns.
import { FdTable } from '../../fs/fd-table.js';
import type { PhoneCommand, PhoneCommandContext } from '../../phone/command.js';
import { runBenchmarkModel } from '../benchmark/benchmark-run.js';
import { apkBenchmarkLog } from '../benchmark/tool-log.js';
import { SYSTEM_PIDS, type PhoneServices } from '../services.js';
import type { InstalledPackage } from './packages.js';
import { stopApp } from './pm-command.js';

const ACTIVITY_TAG = 'tflite_BenchmarkModelActivity';
/** Process fork, Application and Activity creation before onCreate's body, ms. */
const COLD_START_MS = 180;

interface StartRequest {
  stop: boolean;
  wait: boolean;
  component: string | null;
  extras: Map<string, string>;
}

function parseStart(args: readonly string[]): StartRequest {
  const r: StartRequest = { stop: false, wait: false, component: null, extras: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-S') r.stop = true;
    else if (arg === '-W') r.wait = true;
    else if (arg === '-n') r.component = args[++i] ?? null;
    else if (['--es', '--ei', '--ez', '--el', '--ef'].includes(arg)) {
      const key = args[++i];
      const value = args[++i];
      if (key !== undefined && value !== undefined) r.extras.set(key, value);
    } else if (['-a', '-c', '-d', '-t', '-f', '--user', '--display'].includes(arg)) i++;
  }
  return r;
}

/** `pkg/.Act` → its full class name. */
function activityClass(packageName: string, activity: string): string {
  return activity.startsWith('.') ? `${packageName}${activity}` : activity;
}

async function start(ctx: PhoneCommandContext, s: PhoneServices, args: readonly string[]): Promise<number> {
  const r = parseStart(args);
  const [packageName = '', activity = ''] = (r.component ?? '').split('/');
  const pkg = s.packages.get(packageName);
  if (r.stop && pkg !== undefined) {
    await ctx.write(`Stopping: ${packageName}\n`);
    stopApp(s, packageName);
  }
  await ctx.write(`Starting: Intent { cmp=${r.component ?? ''}${r.extras.size > 0 ? ' (has extras)' : ''} }\n`);
  const manifest = pkg?.manifest ?? null;
  if (pkg === undefined || manifest === null || activityClass(packageName, activity) !== activityClass(packageName, manifest.activity)) {
    await ctx.write(`Error type 3\nError: Activity class {${packageName}/${activityClass(packageName, activity)}} does not exist.\n`);
    return 1;
  }
  const startedAt = ctx.kernel.clock.nowMs();
  const created = launch(s, pkg, r.extras.get('args') ?? r.extras.get('--args') ?? '');
  if (!r.wait) return 0;
  await created;
  const total = Math.round(ctx.kernel.clock.nowMs() - startedAt);
  await ctx.write(`Status: ok\nLaunchState: COLD\nActivity: ${r.component ?? ''}\nTotalTime: ${total}\nWaitTime: ${total + 4}\nComplete\n`);
  return 0;
}

/** Forks the app process; resolves when its activity's onCreate has returned (or the process died). */
function launch(s: PhoneServices, pkg: InstalledPackage, args: string): Promise<void> {
  let created!: () => void;
  const done = new Promise<void>((resolve) => (created = resolve));
  const fds = new FdTable();
  const program: PhoneCommand = async (app) => {
    const pid = app.process.pid;
    s.packages.attachProcess(pid, pkg.name);
    try {
      s.logs.log({ pid: SYSTEM_PIDS.systemServer, priority: 'I', tag: 'ActivityManager', message: `Start proc ${pid}:${pkg.name}/u0a${pkg.uid - 10000} for top-activity {${pkg.name}/${activityClass(pkg.name, pkg.manifest?.activity ?? '')}}` });
      await app.sleep(COLD_START_MS);
      s.logs.log({ pid, priority: 'I', tag: ACTIVITY_TAG, message: `Running TensorFlow Lite benchmark with args: ${args}` });
      await runBenchmarkModel(
        { model: s.model, tracing: s.tracing, properties: s.kernel.properties, vfs: s.kernel.vfs, sdk: s.profile.sdk },
        {
          args: args.split(/\s+/).filter((a) => a !== ''),
          log: apkBenchmarkLog(s.logs, pid),
          process: app.process,
          credentials: app.credentials,
          cwd: '/',
          sleep: app.sleep,
          foregroundApp: true,
        },
      );
      created();
      // The finished activity's process stays cached until something stops it.
      await new Promise<never>((_, reject) => app.signal.addEventListener('abort', () => reject(app.signal.reason as Error), { once: true }));
      return 0;
    } finally {
      created();
      s.packages.detachProcess(pid);
    }
  };
  void (async () => {
    const devNull = await s.kernel.vfs.open('/dev/null', { read: true, write: true }, { signal: new AbortController().signal });
    fds.set(0, devNull);
    fds.set(1, devNull.retain());
    fds.set(2, devNull.retain());
    s.kernel.spawn(SYSTEM_PIDS.zygote, {
      program,
      argv: [pkg.name],
      env: new Map([['ANDROID_DATA', '/data'], ['ANDROID_ROOT', '/system']]),
      cwd: '/',
      fds,
      credentials: { uid: pkg.uid, gids: [pkg.uid, 3003, 9997] },
    });
  })().catch(() => created());
  return done;
}

export function amCommand(s: PhoneServices): PhoneCommand {
  return async (ctx) => {
    const [verb, ...args] = ctx.argv.slice(1);
    await ctx.sleep(40);
    switch (verb) {
      case 'start':
      case 'start-activity':
        return start(ctx, s, args);
      case 'force-stop': {
        const name = args.find((a) => !a.startsWith('-'));
        if (name !== undefined) stopApp(s, name);
        return 0;
      }
      default:
        await ctx.error(`Unknown command: ${verb ?? ''}`);
        return 1;
    }
  };
}
