// The benchmark_model binary: a pushed file whose first line is the marker runs, when executed by path, as the
// simulated tool, with its lines on stdout and stderr (and in logcat) as the real binary splits them.
import type { PhoneCommand } from '../../phone/command.js';
import type { PhoneExecutableResolver } from '../../phone/command-registry.js';
import { BENCHMARK_BINARY_MARKER, startsWithMarker } from '../markers.js';
import type { PhoneServices } from '../services.js';
import { runBenchmarkModel } from './benchmark-run.js';
import { cliBenchmarkLog } from './tool-log.js';

export function benchmarkBinary(s: PhoneServices): PhoneCommand {
  return (ctx) =>
    runBenchmarkModel(
      { model: s.model, tracing: s.tracing, properties: s.kernel.properties, vfs: s.kernel.vfs, sdk: s.profile.sdk },
      {
        args: ctx.argv.slice(1),
        log: cliBenchmarkLog({ stdout: (text) => ctx.write(text), stderr: (text) => ctx.stderr.write(Buffer.from(text), ctx.signal) }, s.logs, ctx.process.pid),
        process: ctx.process,
        credentials: ctx.credentials,
        cwd: ctx.cwd,
        sleep: ctx.sleep,
        foregroundApp: false,
      },
    );
}

export function benchmarkBinaryResolver(s: PhoneServices): PhoneExecutableResolver {
  const program = benchmarkBinary(s);
  return (_path, file) => (startsWithMarker(file.data.subarray(0, file.size), BENCHMARK_BINARY_MARKER) ? program : undefined);
}
