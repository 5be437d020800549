// Which flavour of the benchmark tool can give per-inference points on this phone, and why
// (DESIGN.md, "Runners"; perfetto.md §3.4): ATrace slices come only from a process allowed
// to trace — a debuggable app, or any process on a debuggable build — and only when the
// trace config's atrace_apps names it.
import { BENCHMARK_APK_PACKAGE, PHONE_RUNNER } from './phone-layout.js';

export type RunnerFlavour = 'apk' | 'cli';

export interface FlavourChoice {
  flavour: RunnerFlavour;
  /** Whether this flavour's traced run can yield per-inference slices here. */
  tracedPoints: boolean;
  /** The atrace_apps value: the package, or argv[0] exactly as our command line types it. */
  atraceApp: string;
  /** In plain words: why this flavour, and why no points when there are none. */
  reason: string;
}

export interface FlavourInputs {
  buildDebuggable: boolean;
  apkInstalled: boolean;
  apkDebuggable: boolean;
  cliAvailable: boolean;
  /** Op profiling and external delegates need the CLI. */
  needsCli: boolean;
}

export function chooseFlavour(inputs: FlavourInputs): FlavourChoice | { error: string } {
  const cli = (tracedPoints: boolean, reason: string): FlavourChoice => ({ flavour: 'cli', tracedPoints, atraceApp: PHONE_RUNNER, reason });
  if (inputs.needsCli && !inputs.cliAvailable) {
    return { error: "This plan needs the benchmark_model command-line tool (for op profiling or an external delegate), and none is set. Give its path under Benchmark tool in the window's run setup, or with --runner." };
  }
  if (inputs.buildDebuggable && inputs.cliAvailable) {
    return cli(true, 'This phone runs a debuggable build (ro.debuggable=1), so the command-line tool may emit per-inference trace slices.');
  }
  if (inputs.apkInstalled && inputs.apkDebuggable && !inputs.needsCli) {
    return {
      flavour: 'apk',
      tracedPoints: true,
      atraceApp: BENCHMARK_APK_PACKAGE,
      reason: 'The benchmark app is debuggable, so Android lets it emit per-inference trace slices on this user build.',
    };
  }
  const why = inputs.apkInstalled
    ? 'the installed benchmark app is not debuggable'
    : 'the benchmark app is not installed';
  if (inputs.cliAvailable) {
    return cli(
      false,
      `This phone is a user build (ro.debuggable=0), where Android lets no shell-started tool emit trace slices, and ${why}. Only the tool's averages can be recorded; per-inference points need the benchmark app (a debuggable build of it) or a userdebug phone.`,
    );
  }
  if (inputs.apkInstalled) {
    return {
      flavour: 'apk',
      tracedPoints: false,
      atraceApp: BENCHMARK_APK_PACKAGE,
      reason: "The installed benchmark app is not debuggable, so Android does not let it emit trace slices; only the tool's averages can be recorded.",
    };
  }
  return { error: "No benchmark tool is available for this phone: give the path of the benchmark app (.apk) or of the benchmark_model binary under Benchmark tool in the window's run setup, or with --runner." };
}

/** `dumpsys package <pkg>` lists `pkgFlags=[ ... DEBUGGABLE ... ]` for a debuggable app. */
export function apkStateFromDumpsys(text: string): { installed: boolean; debuggable: boolean; targetSdk: number | null } {
  const installed = /Package \[org\.tensorflow\.lite\.benchmark\]/.test(text);
  const flags = /pkgFlags=\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  const target = /targetSdk=(\d+)/.exec(text)?.[1];
  return { installed, debuggable: installed && /\bDEBUGGABLE\b/.test(flags), targetSdk: target ? Number(target) : null };
}
