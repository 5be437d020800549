import { runSimCommand } from '../../devices/virtual/index.js';
import { virtualPhoneProfileNames } from '../../devices/virtual/index.js';
import { VIRTUAL_IOS_PROFILES } from '../../../shared/api-constants.js';

export const SIM_HELP = `tetherscope sim [--profile NAME] [--port N] [--adb-port N] [--unauthorized] [--battery usb|unplugged] [--thermal-speed N]
tetherscope sim --ios [--profile NAME] [--battery usb|unplugged] [--thermal-speed N] [--probe-closed] [--tcp-port N]

Starts a virtual phone: a simulated Android device that the real adb server drives like a
real one. Its figures are a model, never a measurement, and it always says it is virtual.
It connects through the adb server on --adb-port (default ANDROID_ADB_SERVER_PORT or 5037),
prints its serial, and disconnects on Ctrl-C.

  --battery usb|unplugged   charging over USB (the default: battery current is charger input
                            minus load, so energy cannot be measured) or on battery
  --thermal-speed N         heat and cool N times faster than real time (for quick tests)

With --ios it starts a virtual iPhone instead: a simulated usbmuxd (Unix socket and TCP),
lockdownd with TLS, diagnostics_relay, house_arrest/AFC, and Tetherscope Probe answering
from a Core ML device model. It prints a line USBMUXD_SOCKET_ADDRESS=... with the value that
libimobiledevice tools, appium-ios-device and Tetherscope itself need to reach it.

  --probe-closed            Tetherscope Probe is installed but not open (as after a reboot)

Profiles: ${virtualPhoneProfileNames().join(', ')}; with --ios: ${VIRTUAL_IOS_PROFILES.join(', ')}`;

export async function runSim(argv: readonly string[]): Promise<number> {
  // Loaded only when asked: the iPhone simulator brings a TLS and certificate stack along.
  if (argv.includes('--ios')) return (await import('../../devices/virtual-ios/ios-sim-command.js')).runIosSimCommand(argv);
  return runSimCommand([...argv]);
}
