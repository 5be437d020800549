import { describe, expect, it } from 'vitest';
import { tfliteTraceConfig } from '../../../../runners/tflite/perfetto-config.js';
import { TextProtoError, parseTextProto, readTraceConfig } from './text-config.js';

describe('perfetto text config', () => {
  it('reads the TFLite trace config Tetherscope sends', () => {
    const config = readTraceConfig(parseTextProto(tfliteTraceConfig({ atraceApp: '/data/local/tmp/tetherscope/benchmark_model', durationMs: 60000, bufferKb: 65536 })));
    expect(config.buffers).toEqual([{ sizeKb: 65536, fillPolicy: 'DISCARD' }, { sizeKb: 2048, fillPolicy: 'DISCARD' }]);
    expect(config.durationMs).toBe(60000);
    expect(config.writeIntoFile).toBe(true);
    expect(config.dataSources).toEqual([
      { name: 'linux.ftrace', targetBuffer: 0, ftraceEvents: ['ftrace/print'], atraceApps: ['/data/local/tmp/tetherscope/benchmark_model'], atraceCategories: [] },
      { name: 'linux.process_stats', targetBuffer: 1, ftraceEvents: [], atraceApps: [], atraceCategories: [] },
    ]);
  });

  it('takes the text format’s other shapes: newlines, comments, lists, escapes, colons before braces', () => {
    const text = '# a comment\nbuffers: { size_kb: 1024 }\ndata_sources {\n  config {\n    name: "linux.ftrace"\n    ftrace_config { atrace_apps: ["a", "b\\"c"] atrace_categories: "gfx" }\n  }\n}\nduration_ms: 10000;';
    const config = readTraceConfig(parseTextProto(text));
    expect(config.buffers).toEqual([{ sizeKb: 1024, fillPolicy: 'RING_BUFFER' }]);
    expect(config.dataSources[0]?.atraceApps).toEqual(['a', 'b"c']);
    expect(config.dataSources[0]?.atraceCategories).toEqual(['gfx']);
    expect(config.durationMs).toBe(10000);
  });

  it('rejects broken text', () => {
    expect(() => parseTextProto('buffers { size_kb: 1')).toThrow(TextProtoError);
    expect(() => parseTextProto('name: "open')).toThrow(TextProtoError);
    expect(() => parseTextProto('} x')).toThrow(TextProtoError);
  });
});
