// No real ORT profile is in the fixtures; these follow benchmark-tools.md §7.4.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCharCut, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { parseOrtProfile } from './profile-parser.js';

interface NodeSpec {
  readonly name: string;
  readonly provider: string;
  readonly dur: number;
}

/** ORT writes one event per line with its own irregular spacing (profiler.cc EndProfiling). */
function event(cat: string, name: string, dur: number, args: string): string {
  return `{"cat" : "${cat}","pid" :123,"tid" :123,"dur" :${dur},"ts" :13,"ph" : "X","name" :"${name}","args" : ${args}}`;
}

function profile(nodes: readonly NodeSpec[], runDurations: readonly number[], withProvider = true): string {
  const events = [event('Session', 'model_loading_uri', 30779, '{}'), event('Session', 'session_initialization', 120000, '{}')];
  for (const dur of runDurations) {
    for (const node of nodes) {
      const provider = withProvider ? `,"provider" : "${node.provider}"` : '';
      events.push(event('Node', `${node.name}_fence_before`, 0, '{"op_name" : "Conv"}'));
      events.push(event('Node', `${node.name}_kernel_time`, node.dur, `{"op_name" : "Conv"${provider},"input_type_shape" : [{"float":[1,3,224,224]}]}`));
      events.push(event('Node', `${node.name}_fence_after`, 0, '{"op_name" : "Conv"}'));
    }
    events.push(event('Session', 'SequentialExecutor::Execute', dur - 5, '{}'));
    events.push(event('Session', 'model_run', dur, '{}'));
  }
  return `[\n${events.join(',\n')}\n]\n`;
}

const QNN_NODES: NodeSpec[] = [
  { name: 'QNNExecutionProvider_QNN_1234_0_0', provider: 'QNNExecutionProvider', dur: 900 },
  { name: 'Resize_12', provider: 'CPUExecutionProvider', dur: 42 },
  { name: 'QNNExecutionProvider_QNN_1234_1_0', provider: 'QNNExecutionProvider', dur: 300 },
  { name: 'ArgMax_20', provider: 'CPUExecutionProvider', dur: 7 },
];

describe('ORT JSON profile', () => {
  it('counts nodes per provider (a QNN partition is one fused node) and one model_run per inference', () => {
    expect(parseOrtProfile(profile(QNN_NODES, [1400, 1300, 1290]))).toEqual({
      kind: 'ort_profile',
      node_count: 4,
      providers: ['QNNExecutionProvider', 'CPUExecutionProvider'],
      provider_breakdown: [
        { provider: 'QNNExecutionProvider', node_count: 2, kernel_time_us: 3600 },
        { provider: 'CPUExecutionProvider', node_count: 2, kernel_time_us: 147 },
      ],
      runs: 3,
      run_durations_us: [1400, 1300, 1290],
      model_loading_us: 30779,
      session_initialization_us: 120000,
      event_count: 2 + 3 * (4 * 3 + 2),
      truncated: false,
    });
  });

  it('reads ORT 0.4 profiles without node names or providers', () => {
    const text = profile(
      QNN_NODES.map((n) => ({ ...n, name: '' })),
      [10, 11],
      false,
    );
    expect(parseOrtProfile(text)).toMatchObject({ node_count: 4, providers: [], runs: 2 });
  });

  it('keeps the whole events of a file cut short, and accepts a traceEvents wrapper', () => {
    const text = profile(QNN_NODES, [1400, 1300]);
    const cut = text.slice(0, text.lastIndexOf('"model_run"') - 20);
    expect(parseOrtProfile(cut)).toMatchObject({ truncated: true, runs: 1, run_durations_us: [1400], node_count: 4 });
    const wrapped = `{"traceEvents": ${text}}`;
    expect(parseOrtProfile(wrapped)).toMatchObject({ runs: 2, truncated: false });
    expect(parseOrtProfile(wrapped.slice(0, wrapped.length - 40))).toMatchObject({ runs: 1, truncated: true });
  });

  it('says unknown for JSON that is not an ORT profile and for text that is not JSON', () => {
    expect(parseOrtProfile('[{"name": "frame", "ph": "X", "ts": 1, "dur": 2}]')).toEqual({
      kind: 'unknown',
      reason: 'This JSON holds no ONNX Runtime profiling events (model_run, session_initialization, *_kernel_time).',
    });
    expect(parseOrtProfile('Session creation time cost: 1 s')).toEqual({
      kind: 'unknown',
      reason: 'This text is not JSON, so it is not an ONNX Runtime profile.',
    });
  });
});

const arbNodes = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_/.:]{0,20}$/),
    provider: fc.constantFrom('CPUExecutionProvider', 'XnnpackExecutionProvider', 'NnapiExecutionProvider', 'QNNExecutionProvider'),
    dur: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  { selector: (n) => n.name, minLength: 1, maxLength: 6 },
);
const arbRuns = fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 4 });

describe('ORT JSON profile, generated', () => {
  it('reads back nodes, providers and per-run latencies', () => {
    fc.assert(
      fc.property(arbNodes, arbRuns, (nodes, runs) => {
        const r = parseOrtProfile(profile(nodes, runs));
        const providers = [...new Set(nodes.map((n) => n.provider))];
        expect(r).toMatchObject({
          kind: 'ort_profile',
          node_count: nodes.length,
          providers,
          runs: runs.length,
          run_durations_us: runs,
          truncated: false,
        });
        if (r.kind === 'ort_profile') {
          for (const share of r.provider_breakdown) {
            const mine = nodes.filter((n) => n.provider === share.provider);
            expect(share.node_count).toBe(mine.length);
            expect(share.kernel_time_us).toBe(mine.reduce((sum, n) => sum + n.dur, 0) * runs.length);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a file cut at any character as its whole events, or says unknown', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbNodes, arbRuns).chain(([nodes, runs]) => fc.tuple(fc.constant({ nodes, runs }), arbCharCut(profile(nodes, runs)))),
        ([{ nodes, runs }, cut]) => {
          const r = parseOrtProfile(cut);
          expectHandled(r);
          expectJsonSafe(r);
          if (r.kind === 'unknown') return;
          expect(r.kind).toBe('ort_profile');
          expect(r.runs).toBeLessThanOrEqual(runs.length);
          expect(runs.slice(0, r.runs)).toEqual(r.run_durations_us);
          expect(r.node_count).toBeLessThanOrEqual(nodes.length);
          expect(nodes.map((n) => n.provider)).toEqual(expect.arrayContaining(r.providers as string[]));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('says unknown for any other JSON and never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 60 }).map((s) => `[${s}`)), (text) => {
        const r = parseOrtProfile(text);
        expectHandled(r);
        expect(r.kind).toBe('unknown');
      }),
      { numRuns: 4000 },
    );
  });
});
