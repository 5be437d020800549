import { runSimCommand } from '../../../src/main/devices/virtual/sim-command.js';

// `tetherscope sim` as the CLI will run it, in its own process so tests can kill it.
process.exitCode = await runSimCommand(process.argv.slice(2));
