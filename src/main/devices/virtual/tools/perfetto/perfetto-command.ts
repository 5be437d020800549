// `perfetto` (perfetto.md §3.1): a config from a file or stdin (`-c -`, `--txt` for text format) or the simple
// `-t/-b/-a` mode, output to `-o FILE`. With `--background` (`-d`) it forks a tracing process, prints its pid
// and returns; that process stops on SIGTERM/SIGINT or after duration_ms, then writes the trace file.
import { FdTable } from '../../fs/fd-table.js';
import { PhoneFsError } from '../../fs/errno.js';
import type { Vfs } from '../../fs/vfs.js';
import type { PhoneCommand, PhoneCommandContext } from '../../phone/command.js';
import { PhoneSignal } from '../../process/signals.js';
import { TextProtoError, type TraceConfig, parseTextProto, readTraceConfig } from './text-config.js';
import { writeTraceFile } from './trace-file.js';
import type { TracingService } from './tracing-service.js';

export interface PerfettoHost {
  readonly tracing: TracingService;
  readonly vfs: Vfs;
  readonly cpuCount: number;
  readonly bootNs: () => number;
  readonly realtimeNs: () => number;
}

interface PerfettoArgs {
  configPath: string | null;
  txt: boolean;
  out: string | null;
  background: boolean;
  durationMs: number | null;
  bufferKb: number | null;
  apps: string[];
  events: string[];
}

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (m === null) return Number.NaN;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
  return Number(m[1]) * unit;
}

function parseSize(text: string): number {
  const m = /^(\d+)(kb|mb|gb)?$/i.exec(text);
  if (m === null) return Number.NaN;
  const unit = { kb: 1, mb: 1024, gb: 1024 * 1024 }[(m[2] ?? 'kb').toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

function parseArgs(argv: readonly string[]): PerfettoArgs | string {
  const a: PerfettoArgs = { configPath: null, txt: false, out: null, background: false, durationMs: null, bufferKb: null, apps: [], events: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '-c':
      case '--config':
        a.configPath = value() ?? null;
        break;
      case '--txt':
        a.txt = true;
        break;
      case '-o':
      case '--out':
        a.out = value() ?? null;
        break;
      case '-d':
      case '--background':
      case '-D':
      case '--background-wait':
        a.background = true;
        break;
      case '-t':
      case '--time':
        a.durationMs = parseDuration(value() ?? '');
        break;
      case '-b':
      case '--buffer':
        a.bufferKb = parseSize(value() ?? '');
        break;
      case '-a':
      case '--app':
        a.apps.push(value() ?? '');
        break;
      default:
        if (arg.startsWith('-')) return `Unknown option: ${arg}`;
        a.events.push(arg);
    }
  }
  return a;
}

/** The simple mode's config: ftrace events and atrace apps into one buffer. */
function simpleConfig(a: PerfettoArgs): TraceConfig {
  return {
    buffers: [{ sizeKb: a.bufferKb ?? 32 * 1024, fillPolicy: 'RING_BUFFER' }],
    dataSources: [
      { name: 'linux.ftrace', targetBuffer: 0, ftraceEvents: a.events.filter((e) => e.includes('/')), atraceApps: a.apps, atraceCategories: a.events.filter((e) => !e.includes('/')) },
      { name: 'linux.process_stats', targetBuffer: 0, ftraceEvents: [], atraceApps: [], atraceCategories: [] },
    ],
    durationMs: a.durationMs ?? 10_000,
    writeIntoFile: false,
  };
}

async function readConfig(ctx: PhoneCommandContext, host: PerfettoHost, a: PerfettoArgs): Promise<TraceConfig | string> {
  if (a.configPath === null) return simpleConfig(a);
  let text: string;
  try {
    text = a.configPath === '-' ? (await ctx.readAll()).toString('utf8') : host.vfs.readFile(a.configPath, { cwd: ctx.cwd, cred: ctx.credentials }).toString('utf8');
  } catch (error) {
    if (error instanceof PhoneFsError) return `Could not open ${a.configPath}`;
    throw error;
  }
  if (!a.txt) return 'The trace config could not be parsed as a binary proto (this perfetto reads text configs: pass --txt)';
  try {
    return readTraceConfig(parseTextProto(text));
  } catch (error) {
    if (error instanceof TextProtoError) return `Failed to parse text config: ${error.message}`;
    throw error;
  }
}

export function perfettoCommand(host: PerfettoHost): PhoneCommand {
  return async (ctx) => {
    const a = parseArgs(ctx.argv.slice(1));
    if (typeof a === 'string') {
      await ctx.error(a);
      return 1;
    }
    const config = await readConfig(ctx, host, a);
    if (typeof config === 'string') {
      await ctx.error(config);
      return 1;
    }
    if (config.buffers.length === 0) {
      await ctx.error('Config has no buffers');
      return 1;
    }
    if (a.out === null || a.out === '-') {
      await ctx.error(a.out === null ? 'Either --out or --upload or --attach is required' : 'Cannot write a background trace to stdout');
      return 1;
    }
    const out = ctx.resolve(a.out);
    try {
      host.vfs.writeFile(out, '', { cred: ctx.credentials, mode: 0o600 });
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await ctx.error(`Failed to open ${a.out}: ${error.reason}`);
        return 1;
      }
      throw error;
    }
    const session = tracingProgram(host, config, out);
    if (!a.background) return session(ctx);
    const devNull = await host.vfs.open('/dev/null', { read: true, write: true }, { signal: ctx.signal });
    const fds = new FdTable();
    fds.set(0, devNull);
    fds.set(1, devNull.retain());
    fds.set(2, devNull.retain());
    const child = ctx.kernel.spawn(ctx.process.pid, { program: session, argv: ctx.argv, env: ctx.env, cwd: ctx.cwd, fds, credentials: ctx.credentials });
    await ctx.write(`${child.pid}\n`);
    return 0;
  };
}

/** The tracing process: records until SIGTERM/SIGINT or duration_ms, then writes the file. */
function tracingProgram(host: PerfettoHost, config: TraceConfig, out: string): PhoneCommand {
  return async (ctx) => {
    const process = ctx.process;
    for (const signal of [PhoneSignal.TERM, PhoneSignal.INT, PhoneSignal.HUP]) process.setDisposition(signal, 'trap');
    const session = host.tracing.start(config, host.bootNs());
    if (session.scansProcesses) {
      for (const p of ctx.kernel.processes.list()) session.processes.set(p.pid, { pid: p.pid, ppid: p.ppid, uid: p.uid, argv: p.argv });
    }
    await ctx.error(`Connected to the Perfetto traced service, ${config.durationMs > 0 ? `starting tracing for ${config.durationMs} ms` : 'starting tracing'}`);
    try {
      await new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        let stopInterrupt = (): void => undefined;
        const finish = (then: () => void): void => {
          clearTimeout(timer);
          stopInterrupt();
          ctx.signal.removeEventListener('abort', onAbort);
          then();
        };
        const onAbort = (): void => finish(() => reject(ctx.signal.reason as Error));
        if (ctx.signal.aborted) {
          reject(ctx.signal.reason as Error);
          return;
        }
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        stopInterrupt = process.onInterrupt(() => finish(resolve));
        if (config.durationMs > 0) timer = setTimeout(() => finish(resolve), config.durationMs);
        // A signal that came before the wait began.
        if (process.takePendingSignals().length > 0) finish(resolve);
      });
    } finally {
      host.tracing.stop(session, host.bootNs());
    }
    process.takePendingSignals();
    const bytes = writeTraceFile(session, { bootNs: host.bootNs(), realtimeNs: host.realtimeNs() }, host.cpuCount);
    host.vfs.writeFile(out, bytes, { cred: ctx.credentials, mode: 0o600 });
    await ctx.error(`Wrote ${bytes.length} bytes into ${out}`);
    return 0;
  };
}
