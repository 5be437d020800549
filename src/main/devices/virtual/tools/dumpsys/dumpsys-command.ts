// `dumpsys [-l] SERVICE [ARGS]` for the services the profiler reads: battery, thermalservice, display,
// package, and the PowerStats HAL on phones with ODPM rails. Others are listed but dump nothing; unknown names say so on stderr, as dumpsys does.
import type { PhoneCommand } from '../../phone/command.js';
import type { PhoneServices } from '../services.js';
import { batteryCommand, batteryDump } from './battery-dump.js';
import { displayDump } from './display-dump.js';
import { packageDump } from './package-dump.js';
import { POWER_STATS_SERVICE, PowerStatsHalView } from './power-stats-dump.js';
import { ThermalHalView } from './thermal-dump.js';

/** The binder service names `service list` and `dumpsys -l` show. */
export function serviceNames(s: PhoneServices): string[] {
  const nnapi = s.model.hardware.nnapiDevices.map((d) => `android.hardware.neuralnetworks.IDevice/${d.name}`);
  const powerStats = s.model.powerRails === null ? [] : [POWER_STATS_SERVICE];
  return [
    'SurfaceFlinger', 'activity', 'alarm', 'android.hardware.health.IHealth/default', 'android.hardware.thermal.IThermal/default',
    ...nnapi, ...powerStats, 'battery', 'batteryproperties', 'batterystats', 'cpuinfo', 'display', 'gfxinfo', 'input', 'meminfo', 'package',
    'power', 'settings', 'thermalservice', 'window',
  ].sort();
}

/** The interface descriptor `service list` prints for a service. */
export function serviceInterface(name: string): string {
  const slash = name.indexOf('/');
  if (slash > 0) return name.slice(0, slash);
  const known: Record<string, string> = {
    SurfaceFlinger: 'android.ui.ISurfaceComposer',
    activity: 'android.app.IActivityManager',
    battery: '',
    display: 'android.hardware.display.IDisplayManager',
    package: 'android.content.pm.IPackageManager',
    thermalservice: 'android.os.IThermalService',
    power: 'android.os.IPowerManager',
    window: 'android.view.IWindowManager',
  };
  return known[name] ?? '';
}

export function dumpsysCommand(s: PhoneServices): PhoneCommand {
  const thermal = new ThermalHalView(s.model);
  const powerStats = new PowerStatsHalView(s.model);
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => a !== '-a');
    if (args[0] === '-l') {
      await ctx.write(`Currently running services:\n${serviceNames(s).map((n) => `  ${n}\n`).join('')}`);
      return 0;
    }
    const [service, ...rest] = args;
    await ctx.sleep(15);
    switch (service) {
      case 'battery': {
        if (rest.length > 0) {
          const problem = batteryCommand(s, rest);
          if (problem !== null) await ctx.error(problem);
          return problem === null ? 0 : 1;
        }
        await ctx.write(batteryDump(s));
        return 0;
      }
      case 'thermalservice':
        await ctx.write(thermal.dump());
        return 0;
      case 'display':
        await ctx.write(displayDump(s.profile));
        return 0;
      case 'package':
        await ctx.write(packageDump(s.packages, rest.find((a) => !a.startsWith('-'))));
        return 0;
      case POWER_STATS_SERVICE:
        // Without ODPM the HAL is not registered: dumpsys says it cannot find the service, as below.
        if (!powerStats.present) break;
        // The HAL takes `delta` only as its sole argument (`numArgs == 1`).
        await ctx.write(powerStats.dump(rest.length === 1 && rest[0] === 'delta'));
        return 0;
      case undefined:
        await ctx.write(serviceNames(s).map((n) => `DUMP OF SERVICE ${n}:\n`).join(''));
        return 0;
      default:
        if (serviceNames(s).includes(service)) return 0;
    }
    await ctx.stderr.write(Buffer.from(`Can't find service: ${service}\n`), ctx.signal);
    return 0;
  };
}
