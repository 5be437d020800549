// Puts the simulated tools on a virtual phone: the framework commands under /system/bin, the benchmark binary
// resolver for pushed stand-in files, and the model's sysfs nodes.
import type { Disposer } from '../adb/disposable.js';
import type { PhoneCommand } from '../phone/command.js';
import type { PhoneCommandRegistry } from '../phone/command-registry.js';
import { amCommand } from './apk/am-command.js';
import { pmCommand } from './apk/pm-command.js';
import { benchmarkBinaryResolver } from './benchmark/benchmark-binary.js';
import { batteryCommand } from './dumpsys/battery-dump.js';
import { dumpsysCommand } from './dumpsys/dumpsys-command.js';
import { logcatCommand } from './logcat/logcat-command.js';
import { perfettoCommand } from './perfetto/perfetto-command.js';
import type { PhoneServices } from './services.js';
import { cmdCommand } from './system/cmd-command.js';
import { inputCommand } from './system/input-command.js';
import { serviceCommand } from './system/service-command.js';
import { settingsCommand } from './system/settings.js';

export function installTools(register: (name: string, program: PhoneCommand) => Disposer, commands: PhoneCommandRegistry, s: PhoneServices): void {
  const pm = pmCommand(s);
  const am = amCommand(s);
  const settings = settingsCommand(s.settings);
  const battery: PhoneCommand = async (ctx) => {
    const problem = batteryCommand(s, ctx.argv.slice(1));
    if (problem !== null) await ctx.error(problem);
    return problem === null ? 0 : 1;
  };
  register('logcat', logcatCommand(s.logs));
  register('dumpsys', dumpsysCommand(s));
  register('service', serviceCommand(s));
  register('settings', settings);
  register('input', inputCommand);
  register('pm', pm);
  register('am', am);
  register('cmd', cmdCommand({ package: pm, activity: am, settings, battery }));
  register(
    'perfetto',
    perfettoCommand({
      tracing: s.tracing,
      vfs: s.kernel.vfs,
      cpuCount: s.model.hardware.cpu.clusters.reduce((n, c) => n + c.cpus.length, 0),
      bootNs: () => s.kernel.clock.uptimeMs() * 1e6,
      realtimeNs: () => s.kernel.clock.nowMs() * 1e6,
    }),
  );
  commands.addResolver(benchmarkBinaryResolver(s));
}
