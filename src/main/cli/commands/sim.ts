import { VIRTUAL_IOS_PROFILES, isVirtualIosProfile } from '../../../shared/api-constants.js';
import { runSimCommand, virtualPhoneProfileNames, type StartVirtualPhoneOptions } from '../../devices/virtual/index.js';
import { MAX_THERMAL_TIME_SCALE } from '../../devices/virtual/model/thermal.js';
import type { StartVirtualIphoneOptions } from '../../devices/virtual-ios/virtual-iphone.js';
import { CliUsageError, flagInt, flagValue, parseArgs, type FlagSpec, type ParsedArgs } from '../args.js';

export const SIM_HELP = `tetherscope sim [--profile NAME] [--port N] [--adb-port N] [--unauthorized] [--battery usb|unplugged] [--thermal-speed N]
tetherscope sim --ios [--profile NAME] [--battery usb|unplugged] [--thermal-speed N] [--probe-closed] [--tcp-port N]

Starts a virtual phone: a simulated Android device that the real adb server drives like a
real one. Its figures are a model, never a measurement, and it always says it is virtual.
It connects through the adb server on --adb-port (default ANDROID_ADB_SERVER_PORT or 5037),
prints its serial, and disconnects on Ctrl-C.

  --battery usb|unplugged   charging over USB (the default: battery current is charger input
                            minus load, so energy cannot be measured from it; the pixel
                            profile's power rails still measure it) or on battery
  --thermal-speed N         heat and cool N times faster than real time (for quick tests),
                            up to ${MAX_THERMAL_TIME_SCALE}

With --ios it starts a virtual iPhone instead: a simulated usbmuxd (Unix socket and TCP),
lockdownd with TLS, diagnostics_relay, house_arrest/AFC, and Tetherscope Probe answering
from a Core ML device model. It prints a line USBMUXD_SOCKET_ADDRESS=... with the value that
libimobiledevice tools, appium-ios-device and Tetherscope itself need to reach it.

  --probe-closed            Tetherscope Probe is installed but not open (as after a reboot)
  --tcp-port N              also serve usbmuxd on this loopback TCP port (default: any free one)

Profiles: ${virtualPhoneProfileNames().join(', ')}; with --ios: ${VIRTUAL_IOS_PROFILES.join(', ')}`;

const SIM_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ios: { value: false },
  profile: { value: true },
  battery: { value: true },
  'thermal-speed': { value: true },
  port: { value: true },
  'adb-port': { value: true },
  unauthorized: { value: false },
  'probe-closed': { value: false },
  'tcp-port': { value: true },
};
const ANDROID_ONLY = ['port', 'adb-port', 'unauthorized'] as const;
const IOS_ONLY = ['probe-closed', 'tcp-port'] as const;

export type SimOptions = { readonly kind: 'android'; readonly options: StartVirtualPhoneOptions } | { readonly kind: 'ios'; readonly options: StartVirtualIphoneOptions };

/** Both simulators' flags, read once; a flag meant for the other kind of phone is refused by name. */
export function parseSimOptions(argv: readonly string[]): SimOptions {
  const args = parseArgs(argv, SIM_FLAGS);
  if (args.positionals.length > 0) throw new CliUsageError(`Unexpected argument "${args.positionals[0]}".`);
  const ios = args.flags.has('ios');
  for (const name of ios ? ANDROID_ONLY : IOS_ONLY) {
    if (args.flags.has(name)) throw new CliUsageError(ios ? `--${name} is for a virtual Android phone, not with --ios.` : `--${name} is for a virtual iPhone: add --ios.`);
  }
  const common = {
    ...optional('battery', battery(args)),
    ...optional('thermalSpeed', thermalSpeed(args)),
  };
  const profile = flagValue(args, 'profile');
  if (profile === '') throw new CliUsageError('--profile needs a name.');
  if (ios) {
    if (profile !== undefined && !isVirtualIosProfile(profile)) {
      throw new CliUsageError(`--profile with --ios takes one of ${VIRTUAL_IOS_PROFILES.join(', ')}, not "${profile}".`);
    }
    return {
      kind: 'ios',
      options: {
        ...common,
        ...optional('profile', profile),
        ...(args.flags.has('probe-closed') ? { probeOpen: false } : {}),
        ...optional('tcpPort', flagInt(args, 'tcp-port', 1, 65535)),
      },
    };
  }
  return {
    kind: 'android',
    options: {
      ...common,
      ...optional('profile', profile),
      ...optional('port', flagInt(args, 'port', 1, 65535)),
      ...optional('adbPort', flagInt(args, 'adb-port', 1, 65535)),
      ...(args.flags.has('unauthorized') ? { unauthorized: true } : {}),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function battery(args: ParsedArgs): 'usb' | 'unplugged' | undefined {
  const state = flagValue(args, 'battery');
  if (state === undefined || state === 'usb' || state === 'unplugged') return state;
  throw new CliUsageError(`--battery takes usb or unplugged, not "${state}".`);
}

function thermalSpeed(args: ParsedArgs): number | undefined {
  const text = flagValue(args, 'thermal-speed');
  if (text === undefined) return undefined;
  const speed = Number(text);
  if (!(speed > 0) || speed > MAX_THERMAL_TIME_SCALE) throw new CliUsageError(`--thermal-speed takes a number above 0 and up to ${MAX_THERMAL_TIME_SCALE}, not "${text}".`);
  return speed;
}

export async function runSim(argv: readonly string[]): Promise<number> {
  const sim = parseSimOptions(argv);
  // Loaded only when asked: the iPhone simulator brings a TLS and certificate stack along.
  if (sim.kind === 'ios') return (await import('../../devices/virtual-ios/ios-sim-command.js')).runIosSimCommand(sim.options);
  return runSimCommand(sim.options);
}
