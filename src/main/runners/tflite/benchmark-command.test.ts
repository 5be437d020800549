import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { apkCommand, benchmarkFlags, cliCommand, safeFlag } from './benchmark-command.js';
import { startTraceCommand, tfliteTraceConfig } from './perfetto-config.js';

const model = '/data/local/tmp/tetherscope/models/' + 'a'.repeat(64) + '.tflite';

describe('benchmark command lines', () => {
  it('asks for exactly N timed runs and W warm-up runs', () => {
    const flags = benchmarkFlags({ modelPathOnPhone: model, path: { path: 'npu', acceleratorName: 'qti-dsp' }, runs: 200, durationS: null, warmupRuns: 5, threads: 4, opProfiling: false });
    expect(flags).toEqual([
      `--graph=${model}`,
      '--num_threads=4',
      '--use_nnapi=true',
      '--nnapi_accelerator_name=qti-dsp',
      '--warmup_runs=5',
      '--warmup_min_secs=0',
      '--num_runs=200',
      '--min_secs=0',
      '--max_secs=86400',
    ]);
  });

  it('runs for a duration with min and max seconds equal', () => {
    const flags = benchmarkFlags({ modelPathOnPhone: model, path: { path: 'gpu' }, runs: null, durationS: 30, warmupRuns: 1, threads: 2, opProfiling: true });
    expect(flags).toContain('--min_secs=30');
    expect(flags).toContain('--max_secs=30');
    expect(flags).toContain('--use_gpu=true');
    expect(flags).toContain('--enable_op_profiling=true');
  });

  it('refuses values the APK would split or a shell would read', () => {
    expect(() => safeFlag('nnapi_accelerator_name', 'qti dsp')).toThrow(/cannot take/);
    expect(() => safeFlag('graph', '/x;reboot')).toThrow(/cannot take/);
    expect(() => safeFlag('graph', "/x'y")).toThrow(/cannot take/);
    expect(() => safeFlag('Graph!', 'x')).toThrow(/not a benchmark flag name/);
  });

  it('builds commands the real mksh parses, with the APK args as one word', () => {
    const flags = benchmarkFlags({ modelPathOnPhone: model, path: { path: 'cpu' }, runs: 10, durationS: null, warmupRuns: 1, threads: 4, opProfiling: false });
    for (const cmd of [cliCommand('/data/local/tmp/tetherscope/benchmark_model', flags), apkCommand(flags)]) {
      expect(execFileSync('mksh', ['-n', '-c', cmd], { encoding: 'utf8' })).toBe('');
    }
    // The shell hands `am` the whole flag string as the single value of --es args.
    const words = execFileSync('mksh', ['-c', `set -- ${apkCommand(flags).replace(/^am /, '')}; for w in "$@"; do echo "[$w]"; done`], { encoding: 'utf8' });
    expect(words.trim().split('\n').at(-1)).toBe(`[${flags.join(' ')}]`);
  });

  it('writes a trace config that names the app and starts perfetto in the background', () => {
    const config = tfliteTraceConfig({ atraceApp: '/data/local/tmp/tetherscope/benchmark_model', durationMs: 60_000, bufferKb: 32768 });
    expect(config).toContain('atrace_apps: "/data/local/tmp/tetherscope/benchmark_model"');
    expect(config).toContain('ftrace_events: "ftrace/print"');
    const cmd = startTraceCommand(config, '/data/misc/perfetto-traces/tetherscope-s-npu.pftrace');
    expect(execFileSync('mksh', ['-n', '-c', cmd], { encoding: 'utf8' })).toBe('');
    expect(() => tfliteTraceConfig({ atraceApp: 'a" } evil {', durationMs: 1, bufferKb: 1 })).toThrow();
  });
});
