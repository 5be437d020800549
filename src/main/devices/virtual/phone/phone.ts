import type { Disposer } from '../adb/disposable.js';
import { FdTable } from '../fs/fd-table.js';
import { Pipe } from '../fs/pipe.js';
import type { PhoneCredentials } from '../fs/vfs.js';
import { Vfs } from '../fs/vfs.js';
import type { PhoneProcess } from '../process/process-table.js';
import { PhoneProcessTable } from '../process/process-table.js';
import { bootFileSystem } from './boot-fs.js';
import { PhoneClock } from './clock.js';
import type { PhoneCommand } from './command.js';
import { PhoneCommandRegistry } from './command-registry.js';
import { fileCommands } from './commands/files.js';
import { lsCommand } from './commands/ls.js';
import { printfCommand } from './commands/printf.js';
import { shCommand } from './commands/sh.js';
import { systemCommands } from './commands/system.js';
import { textCommands } from './commands/text.js';
import { VirtualPhoneKernel } from './phone-kernel.js';
import type { ChargerState } from '../model/battery.js';
import { DeviceModel } from '../model/device-model.js';
import { seedFrom } from '../model/rng.js';
import { installModelSysfs } from '../model/sysfs.js';
import { PackageRegistry } from '../tools/apk/packages.js';
import { installTools } from '../tools/install.js';
import { LogBuffer } from '../tools/logcat/log-buffer.js';
import { TracingService } from '../tools/perfetto/tracing-service.js';
import { SYSTEM_PIDS, type PhoneServices } from '../tools/services.js';
import { SettingsStore } from '../tools/system/settings.js';
import { installProcPids } from './proc-pids.js';
import { profileProperties } from './profiles.js';
import type { VirtualPhoneProfile } from './profiles.js';
import { PhoneProperties } from './properties.js';

/** The adb shell user on a user build: uid shell plus its supplementary groups. */
export const SHELL_CREDENTIALS: PhoneCredentials = {
  uid: 2000,
  gids: [2000, 1004, 1007, 1011, 1015, 1028, 3001, 3002, 3003, 3006, 3009, 3011, 9997],
};

const SHELL = '/system/bin/sh';
const ADBD_PID = 901;

/** What adbd puts in the environment of `adb shell` (Android 14). */
function adbShellEnvironment(term: string | undefined): Map<string, string> {
  const env = new Map<string, string>([
    ['ANDROID_ASSETS', '/system/app'],
    ['ANDROID_DATA', '/data'],
    ['ANDROID_ROOT', '/system'],
    ['ANDROID_STORAGE', '/storage'],
    ['EXTERNAL_STORAGE', '/sdcard'],
    ['HOME', '/'],
    ['HOSTNAME', 'localhost'],
    ['LOGNAME', 'shell'],
    ['PATH', '/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin'],
    ['SHELL', '/bin/sh'],
    ['TMPDIR', '/data/local/tmp'],
    ['USER', 'shell'],
  ]);
  if (term !== undefined) env.set('TERM', term);
  return env;
}

/**
 * One simulated phone: file system, properties, processes and programs, the framework tools Tetherscope
 * drives (logcat, dumpsys, am, pm, perfetto, …) and the device model behind its numbers.
 * Protocol-free; the adb transport and services drive it.
 */
export class VirtualPhone {
  readonly vfs: Vfs;
  readonly processes: PhoneProcessTable;
  readonly properties: PhoneProperties;
  readonly clock: PhoneClock;
  readonly commands: PhoneCommandRegistry;
  readonly kernel: VirtualPhoneKernel;
  /** The physical model: loads, power, heat, throttling, battery, latencies; its `groundTruth` is for tests. */
  readonly model: DeviceModel;
  readonly logs: LogBuffer;
  readonly packages: PackageRegistry;
  readonly tracing: TracingService;
  readonly settings: SettingsStore;
  readonly services: PhoneServices;

  constructor(
    readonly profile: VirtualPhoneProfile,
    readonly serial: string,
  ) {
    this.clock = new PhoneClock(profile.uptimeAtStartSec * 1000);
    this.vfs = new Vfs(() => this.clock.nowMs());
    this.processes = new PhoneProcessTable(() => this.clock.nowMs());
    this.properties = new PhoneProperties(profileProperties(profile, serial));
    this.commands = new PhoneCommandRegistry(this.vfs);
    this.kernel = new VirtualPhoneKernel(this.vfs, this.processes, this.commands, this.properties, this.clock, SHELL_CREDENTIALS);
    this.model = new DeviceModel(profile.spec, this.clock, seedFrom(`${profile.name}:${serial}`));
    this.logs = new LogBuffer(() => this.clock.nowMs());
    this.packages = new PackageRegistry(this.clock.nowMs());
    this.tracing = new TracingService(this.properties, (pid) => this.packages.isDebuggableProcess(pid));
    this.settings = new SettingsStore({ global: { low_power: '0', adb_enabled: '1', development_settings_enabled: '1' }, system: { screen_off_timeout: '60000' } });
    this.services = {
      profile,
      kernel: this.kernel,
      model: this.model,
      logs: this.logs,
      packages: this.packages,
      tracing: this.tracing,
      settings: this.settings,
      batteryOverrides: { updatesStopped: false, unplugged: false, level: null, status: null },
    };
    for (const [pid, ppid, uid, name] of [
      [1, 0, 0, '/system/bin/init'],
      [2, 0, 0, 'kthreadd'],
      [312, 1, 1036, '/system/bin/logd'],
      [420, 1, 1000, '/system/bin/servicemanager'],
      [640, 1, 1000, '/system/bin/surfaceflinger'],
      [SYSTEM_PIDS.zygote, 1, 0, 'zygote64'],
      [812, 1, 9999, '/system/bin/traced'],
      [815, 1, 9999, '/system/bin/traced_probes'],
      [ADBD_PID, 1, 2000, '/apex/com.android.adbd/bin/adbd'],
      [SYSTEM_PIDS.systemServer, SYSTEM_PIDS.zygote, 1000, 'system_server'],
    ] as const) {
      this.processes.addSystemProcess({ pid, ppid, uid, name: name.slice(name.lastIndexOf('/') + 1), argv: [name] });
    }
    // Install the tools before /system turns read-only.
    this.vfs.mkdir('/system/bin', { parents: true });
    this.registerCommand('sh', shCommand);
    this.registerCommand('ls', lsCommand);
    this.registerCommand('printf', printfCommand);
    for (const [name, program] of [...fileCommands, ...textCommands, ...systemCommands]) this.registerCommand(name, program);
    installTools((name, program) => this.registerCommand(name, program), this.commands, this.services);
    installModelSysfs(this.vfs, this.model);
    installProcPids(this.vfs, this.processes);
    bootFileSystem(this.vfs, profile, this.clock);
    this.logs.log({ pid: SYSTEM_PIDS.systemServer, priority: 'I', tag: 'ActivityManager', message: 'System now ready' });
  }

  /** Plugs the phone into the desk's USB port (the default) or pulls the cable: the battery then only drains. */
  setCharger(state: ChargerState): void {
    this.model.setCharger(state);
  }

  /** Thermal time runs `scale` times faster than the clock, so a test can heat the phone in seconds. */
  setThermalTimeScale(scale: number): void {
    this.model.setThermalTimeScale(scale);
  }

  /** Adds a program under /system/bin. */
  registerCommand(name: string, program: PhoneCommand, directory = '/system/bin'): Disposer {
    return this.commands.register(name, program, directory);
  }

  /** Processes the phone started (forks and execs as new processes) since boot. */
  get spawnCount(): number {
    return this.processes.spawnCount;
  }

  /**
   * Starts `sh -c command` (or an interactive `sh`) as adbd does for a shell
   * stream. The process takes over `fds`.
   */
  /** Every command line adbd was asked to run, in order: tests check each under the real mksh. */
  readonly shellCommands: string[] = [];

  startShell(command: string | undefined, fds: FdTable, term?: string): PhoneProcess {
    if (command !== undefined && this.shellCommands.length < 100_000) this.shellCommands.push(command);
    const argv = command === undefined ? [SHELL, '-'] : [SHELL, '-c', command];
    return this.kernel.spawn(ADBD_PID, {
      program: shCommand,
      argv,
      env: adbShellEnvironment(term),
      cwd: '/',
      fds,
      credentials: SHELL_CREDENTIALS,
    });
  }

  /**
   * Runs `sh -c script` in-process (no adb) and collects its output, for tests.
   * Started like adbd starts a shell (uid shell).
   */
  async run(
    script: string,
    options: { cwd?: string; stdin?: string | Uint8Array; signal?: AbortSignal } = {},
  ): Promise<{ stdout: string; stderr: string; status: number }> {
    const stdin = new Pipe('stdin');
    const stdout = new Pipe('stdout');
    const stderr = new Pipe('stderr');
    const fds = new FdTable();
    fds.set(0, stdin.openRead());
    fds.set(1, stdout.openWrite());
    fds.set(2, stderr.openWrite());
    const stdinWriter = stdin.openWrite();
    const outReader = stdout.openRead();
    const errReader = stderr.openRead();
    const process = this.kernel.spawn(ADBD_PID, {
      program: shCommand,
      argv: [SHELL, '-c', script],
      env: adbShellEnvironment(undefined),
      cwd: options.cwd ?? '/',
      fds,
      credentials: SHELL_CREDENTIALS,
    });
    const never = options.signal ?? new AbortController().signal;
    const feed = (async () => {
      try {
        if (options.stdin !== undefined) await stdinWriter.write(typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin, never);
      } catch {
        // the script stopped reading
      } finally {
        stdinWriter.release();
      }
    })();
    const drain = async (reader: typeof outReader): Promise<string> => {
      const chunks: Buffer[] = [];
      try {
        for (;;) {
          const chunk = await reader.read(65536, never);
          if (chunk === null) break;
          chunks.push(chunk);
        }
      } finally {
        reader.release();
      }
      return Buffer.concat(chunks).toString('utf8');
    };
    const [out, err] = await Promise.all([drain(outReader), drain(errReader), feed]);
    return { stdout: out, stderr: err, status: await process.exited };
  }

  /** Live processes started on the phone (not the fixed system daemons). */
  liveProcesses(): PhoneProcess[] {
    return this.processes.live();
  }

  /** Kills every process we started. */
  shutdown(): void {
    this.processes.killAll();
  }
}
