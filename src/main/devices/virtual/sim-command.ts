import { VirtualPhoneError } from './errors.js';
import { startVirtualPhone } from './virtual-phone.js';
import type { StartVirtualPhoneOptions } from './virtual-phone.js';

export interface SimCommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the simulator should stop (default: SIGINT or SIGTERM). */
  readonly untilStopped?: Promise<void>;
}

/** Resolves on the first SIGINT or SIGTERM; `dispose` removes both listeners. */
export function waitForStopSignal(): { promise: Promise<void>; dispose: () => void } {
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
 * SIGINT/SIGTERM, then disconnects and stops. Returns the exit code. The flags
 * are read by the CLI (cli/commands/sim.ts).
 */
export async function runSimCommand(options: StartVirtualPhoneOptions, io: SimCommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const stopSignal = io.untilStopped === undefined ? waitForStopSignal() : undefined;
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
