// `tetherscope sim --ios`: a virtual iPhone in the foreground until Ctrl-C, with the
// USBMUXD_SOCKET_ADDRESS value that libimobiledevice tools, appium-ios-device and another
// Tetherscope need to reach it. The flags are read by the CLI (cli/commands/sim.ts).
import { waitForStopSignal, type SimCommandIo } from '../virtual/sim-command.js';
import { VirtualIphoneError } from './errors.js';
import { startVirtualIphone, type StartVirtualIphoneOptions } from './virtual-iphone.js';

export async function runIosSimCommand(options: StartVirtualIphoneOptions, io: SimCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const stopSignal = io.untilStopped === undefined ? waitForStopSignal() : undefined;
  try {
    const phone = await startVirtualIphone(options);
    io.out(`Virtual iPhone ${phone.profile} (${phone.phone.identity.productType}, iOS ${phone.phone.identity.productVersion}) is attached as ${phone.udid}.`);
    io.out('It is a model, never a measurement, and says it is virtual.');
    io.out(`Tetherscope Probe is ${options.probeOpen === false ? 'installed but not open' : 'installed and open'}.`);
    io.out('Point libimobiledevice tools, appium-ios-device or another Tetherscope at it with:');
    io.out(`USBMUXD_SOCKET_ADDRESS=${phone.unixAddress}`);
    io.out(`(or over TCP: USBMUXD_SOCKET_ADDRESS=${phone.tcpAddress})`);
    io.out('Press Ctrl-C to stop it.');
    await (io.untilStopped ?? stopSignal!.promise);
    await phone.stop();
    io.out('The virtual iPhone stopped.');
    return 0;
  } catch (error) {
    if (error instanceof VirtualIphoneError) {
      io.err(`tetherscope sim --ios: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    stopSignal?.dispose();
  }
}
