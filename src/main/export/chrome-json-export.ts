// Chrome Trace Event Format (JSON), as chrome://tracing and ui.perfetto.dev read it
// (peers.md §2a): times in microseconds; one thread per path so inference slices never
// overlap on a thread; counters as `C` events; path boundaries and throttling as instants.
import { pathLabels } from '../../shared/path-labels.js';
import { deviceClockName } from '../../shared/session/device-clock.js';
import type { PathId } from '../../shared/api-constants.js';
import type { SessionData } from '../../shared/session/session-data.js';
import { TextFileSink } from './text-sink.js';

const PATH_TID: Record<PathId, number> = { npu: 1, gpu: 2, cpu: 3 };
const PID = 1;

export async function writeChromeJson(session: SessionData, file: string): Promise<{ events: number }> {
  const sink = new TextFileSink(file);
  const h = session.header;
  let events = 0;
  let first = true;
  const put = (event: object): void => {
    sink.write(first ? JSON.stringify(event) : `,${JSON.stringify(event)}`);
    first = false;
    events++;
  };
  const label = `${h.device.facts?.model ?? h.device.id}${h.device.virtual ? ' (virtual phone: modelled, not measured)' : ''}`;
  sink.write('{"displayTimeUnit":"ms","metadata":');
  sink.write(
    JSON.stringify({
      tool: `Tetherscope ${h.tool.version}`,
      session: h.sessionId,
      device: h.device.id,
      virtual: h.device.virtual,
      model: h.model.name,
      model_sha256: h.model.sha256,
      plan: h.plan,
      clock: `${deviceClockName(h.device.platform)}, µs after the session origin`,
      clock_origin_ns: h.deviceClockOriginNs,
    }),
  );
  sink.write(',"traceEvents":[');
  put({ ph: 'M', name: 'process_name', pid: PID, tid: 0, args: { name: label } });
  for (const path of Object.keys(PATH_TID) as PathId[]) {
    put({ ph: 'M', name: 'thread_name', pid: PID, tid: PATH_TID[path], args: { name: `${pathLabels(h.device.platform)[path]} path` } });
    put({ ph: 'M', name: 'thread_sort_index', pid: PID, tid: PATH_TID[path], args: { sort_index: PATH_TID[path] } });
  }
  for (const [warmup, byPath] of [
    [true, session.warmupPoints],
    [false, session.points],
  ] as const) {
    for (const [path, pts] of Object.entries(byPath) as [PathId, (typeof byPath)[PathId]][]) {
      if (!pts) continue;
      const tid = PATH_TID[path];
      const name = warmup ? 'Warm-up inference' : 'Inference';
      for (let i = 0; i < pts.tUs.length; i++) {
        sink.write(`,{"ph":"X","name":"${name}","cat":"${path}","pid":${PID},"tid":${tid},"ts":${pts.tUs[i]},"dur":${pts.latUs[i]},"args":{"repeat":${pts.repeat[i]}}}`);
        events++;
        if ((events & 0x3ff) === 0) await sink.drain();
      }
    }
  }
  for (const s of session.series) {
    const name = `${s.meta.name} (${s.meta.unit})`;
    for (let i = 0; i < s.tUs.length; i++) {
      sink.write(`,{"ph":"C","name":${JSON.stringify(name)},"pid":${PID},"ts":${s.tUs[i]},"args":{"value":${s.v[i]}}}`);
      events++;
      if ((events & 0x3ff) === 0) await sink.drain();
    }
  }
  for (const e of session.events) {
    if (e.tUs === null) continue;
    put({ ph: 'i', s: e.path ? 't' : 'p', name: e.message, cat: e.kind, pid: PID, tid: e.path ? PATH_TID[e.path] : 0, ts: e.tUs });
  }
  sink.write(']}');
  await sink.close();
  return { events };
}
