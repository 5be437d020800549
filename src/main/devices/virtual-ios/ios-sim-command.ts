// `tetherscope sim --ios`: a virtual iPhone in the foreground until Ctrl-C, with the
// USBMUXD_SOCKET_ADDRESS value that libimobiledevice tools, appium-ios-device and another
// Tetherscope need to reach it.
import { isVirtualIosProfile, VIRTUAL_IOS_PROFILES } from '../../../shared/api-constants.js';
import { parseBatteryFlag } from '../virtual/sim-command.js';
import { startVirtualIphone, type StartVirtualIphoneOptions } from './virtual-iphone.js';

export const IOS_SIM_USAGE = 'usage: tetherscope sim --ios [--profile NAME] [--battery usb|unplugged] [--thermal-speed N] [--probe-closed] [--tcp-port N]';

export function parseIosSimArgs(args: readonly string[]): StartVirtualIphoneOptions {
  let options: { -readonly [K in keyof StartVirtualIphoneOptions]: StartVirtualIphoneOptions[K] } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--ios':
        break;
      case '--profile': {
        const name = value() ?? '';
        if (!isVirtualIosProfile(name)) throw new Error(`--profile takes one of ${VIRTUAL_IOS_PROFILES.join(', ')}, got '${name}'`);
        options = { ...options, profile: name };
        break;
      }
      case '--battery':
        options = { ...options, battery: parseBatteryFlag(value()) };
        break;
      case '--thermal-speed': {
        const text = value();
        const speed = Number(text);
        if (text === undefined || !(speed > 0) || speed > 10_000) throw new Error(`--thermal-speed needs a positive number up to 10000, got '${text ?? ''}'`);
        options = { ...options, thermalSpeed: speed };
        break;
      }
      case '--probe-closed':
        options = { ...options, probeOpen: false };
        break;
      case '--tcp-port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error('--tcp-port needs a port number');
        options = { ...options, tcpPort: port };
        break;
      }
      default:
        throw new Error(`unknown option '${arg}'`);
    }
  }
  return options;
}

export async function runIosSimCommand(args: readonly string[], io: { out: (l: string) => void; err: (l: string) => void; untilStopped?: Promise<void> } = { out: console.log, err: console.error }): Promise<number> {
  let options: StartVirtualIphoneOptions;
  try {
    options = parseIosSimArgs(args);
  } catch (error) {
    io.err(`tetherscope sim --ios: ${error instanceof Error ? error.message : String(error)}`);
    io.err(IOS_SIM_USAGE);
    return 2;
  }
  const phone = await startVirtualIphone(options);
  io.out(`Virtual iPhone ${phone.profile} (${phone.phone.identity.productType}, iOS ${phone.phone.identity.productVersion}) is attached as ${phone.udid}.`);
  io.out('It is a model, never a measurement, and says it is virtual.');
  io.out(`Tetherscope Probe is ${options.probeOpen === false ? 'installed but not open' : 'installed and open'}.`);
  io.out('Point libimobiledevice tools, appium-ios-device or another Tetherscope at it with:');
  io.out(`USBMUXD_SOCKET_ADDRESS=${phone.unixAddress}`);
  io.out(`(or over TCP: USBMUXD_SOCKET_ADDRESS=${phone.tcpAddress})`);
  io.out('Press Ctrl-C to stop it.');
  const stopped =
    io.untilStopped ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  await stopped;
  await phone.stop();
  io.out('The virtual iPhone stopped.');
  return 0;
}
