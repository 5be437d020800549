// `tetherscope`: the command-line entry. Each subcommand lives in ./commands.
import { appVersion } from '../core/version.js';
import { CliUsageError } from './args.js';
import { DEVICES_HELP, runDevices } from './commands/devices.js';
import { PARSE_HELP, runParse } from './commands/parse.js';
import { COMPARE_HELP, runCompare } from './commands/compare.js';
import { EXPORT_HELP, runExport } from './commands/export.js';
import { CLEAN_HELP, runClean } from './commands/clean.js';
import { PROFILE_HELP, runProfile } from './commands/profile.js';
import { SIM_HELP, runSim } from './commands/sim.js';
import { SHOW_HELP, runShow } from './commands/show.js';
import { SERVE_HELP, runServe } from './commands/serve.js';
import { START_HELP, runStart } from './commands/start.js';

interface Command {
  summary: string;
  help: string;
  run(argv: readonly string[]): Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  start: { summary: 'open the window (Electron, or a browser where Electron is missing)', help: START_HELP, run: runStart },
  serve: { summary: 'serve the window to a browser on 127.0.0.1', help: SERVE_HELP, run: runServe },
  devices: { summary: 'list connected phones', help: DEVICES_HELP, run: runDevices },
  profile: { summary: 'profile a model headless, with budgets and exit codes for CI', help: PROFILE_HELP, run: runProfile },
  sim: { summary: 'start a virtual phone (a model, always labelled virtual)', help: SIM_HELP, run: runSim },
  clean: { summary: 'undo everything Tetherscope changed on a phone', help: CLEAN_HELP, run: runClean },
  show: { summary: 'reopen a session and print its figures', help: SHOW_HELP, run: runShow },
  export: { summary: 'write a session as Perfetto, Chrome JSON, CSV or a summary', help: EXPORT_HELP, run: runExport },
  compare: { summary: 'compare two sessions path by path, with a regression verdict', help: COMPARE_HELP, run: runCompare },
  parse: { summary: 'read pasted output of benchmark_model, dumpsys and other phone tools', help: PARSE_HELP, run: runParse },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'Tetherscope: profile ML models on the NPU, GPU and CPU of a tethered phone.',
    '',
    'Usage: tetherscope <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help, or a command\'s help: tetherscope <command> --help',
    '  --version, -v  print the version',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    console.log(topic ? topic.help : usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(appVersion());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tetherscope ${name}: ${message}`);
    if (error instanceof CliUsageError) console.error(`\n${command.help}`);
    return 2;
  }
}
