import { runSimCommand } from '../../devices/virtual/index.js';
import { virtualPhoneProfileNames } from '../../devices/virtual/index.js';

export const SIM_HELP = `tetherscope sim [--profile NAME] [--port N] [--adb-port N] [--unauthorized] [--battery usb|unplugged] [--thermal-speed N]

Starts a virtual phone: a simulated Android device that the real adb server drives like a
real one. Its figures are a model, never a measurement, and it always says it is virtual.
It connects through the adb server on --adb-port (default ANDROID_ADB_SERVER_PORT or 5037),
prints its serial, and disconnects on Ctrl-C.

  --battery usb|unplugged   charging over USB (the default: battery current is charger input
                            minus load, so energy cannot be measured) or on battery
  --thermal-speed N         heat and cool N times faster than real time (for quick tests)

Profiles: ${virtualPhoneProfileNames().join(', ')}`;

export async function runSim(argv: readonly string[]): Promise<number> {
  return runSimCommand([...argv]);
}
