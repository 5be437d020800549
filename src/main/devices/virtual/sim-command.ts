import { VirtualPhoneError } from './errors.js';
import { MAX_THERMAL_TIME_SCALE } from './model/thermal.js';
import { startVirtualPhone } from './virtual-phone.js';
import type { StartVirtualPhoneOptions } from './virtual-phone.js';

const USAGE = 'usage: tetherscope sim [--profile NAME] [--port N] [--adb-port N] [--unauthorized] [--battery usb|unplugged] [--thermal-speed N]';

export interface SimCommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the simulator should stop (default: SIGINT or SIGTERM). */
  readonly untilStopped?: Promise<void>;
}

/** `--battery usb|unplugged`, shared by the Android and iPhone simulators. */
export function parseBatteryFlag(state: string | undefined): 'usb' | 'unplugged' {
  if (state !== 'usb' && state !== 'unplugged') throw new Error(`--battery takes usb or unplugged, got '${state ?? ''}'`);
  return state;
}

function parsePort(flag: string, value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${flag} needs a port number, got '${value ?? ''}'`);
  }
  return port;
}

export function parseSimArgs(args: readonly string[]): StartVirtualPhoneOptions {
  let options: { -readonly [K in keyof StartVirtualPhoneOptions]: StartVirtualPhoneOptions[K] } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--profile': {
        const name = value();
        if (name === undefined || name === '') throw new Error('--profile needs a name');
        options = { ...options, profile: name };
        break;
      }
      case '--port':
        options = { ...options, port: parsePort('--port', value()) };
        break;
      case '--adb-port':
        options = { ...options, adbPort: parsePort('--adb-port', value()) };
        break;
      case '--unauthorized':
        options = { ...options, unauthorized: true };
        break;
      case '--battery':
        options = { ...options, battery: parseBatteryFlag(value()) };
        break;
      case '--thermal-speed': {
        const text = value();
        const speed = Number(text);
        if (text === undefined || !(speed > 0) || speed > MAX_THERMAL_TIME_SCALE) {
          throw new Error(`--thermal-speed needs a positive number up to ${MAX_THERMAL_TIME_SCALE}, got '${text ?? ''}'`);
        }
        options = { ...options, thermalSpeed: speed };
        break;
      }
      default:
        throw new Error(`unknown option '${arg}'`);
    }
  }
  return options;
}

function signals(): { promise: Promise<void>; dispose: () => void } {
  let dispose = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    const onSignal = (): void => resolve();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
  return { promise, dispose };
}

/**
 * `tetherscope sim`: starts a virtual phone, prints its serial, runs until
 * SIGINT/SIGTERM, then disconnects and stops. Returns the exit code.
 */
export async function runSimCommand(args: string[], io: SimCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  let options: StartVirtualPhoneOptions;
  try {
    options = parseSimArgs(args);
  } catch (error) {
    io.err(`tetherscope sim: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  const stopSignal = io.untilStopped === undefined ? signals() : undefined;
  try {
    const running = await startVirtualPhone(options);
    io.out(running.serial);
    await (io.untilStopped ?? stopSignal!.promise);
    await running.stop();
    return 0;
  } catch (error) {
    if (error instanceof VirtualPhoneError) {
      io.err(`tetherscope sim: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    stopSignal?.dispose();
  }
}
