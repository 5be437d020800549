import { runSim } from '../../../src/main/cli/commands/sim.js';

// `tetherscope sim` as the CLI will run it, in its own process so tests can kill it.
process.exitCode = await runSim(process.argv.slice(2));
