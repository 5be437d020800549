// In-page instrumentation for the UI benchmark, installed with addInitScript before the
// window's own scripts. It is a plain script string: functions handed to the page must
// not carry helpers a TypeScript transpiler adds.
//
// What it does:
// - records animation-frame times and long tasks (PerformanceObserver 'longtask');
// - wraps the page's WebSocket, the browser host's one transport, so the benchmark can
//   feed the live view. The capture engine is not driven by this benchmark: a synthetic
//   phone is added to listDevices and devicesChanged, startProfile and cancelProfile are
//   answered in the page, and `__bench.stream()` delivers session records and progress
//   as `events` messages, exactly as `tetherscope serve` would send them. Everything after
//   the socket (the host script, the window's fold, store and charts) is the real code.
export const BENCH_PAGE_SCRIPT = String.raw`
(() => {
  const bench = { longTasks: [], frames: [], recording: false, socket: null, device: null, liveSessionId: null, listDeviceIds: new Set(), lastClickAt: null };
  Object.defineProperty(window, '__bench', { value: bench });

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    bench.longTaskError = String(e);
  }
  document.addEventListener('click', (e) => { bench.lastClickAt = e.timeStamp; }, true);

  bench.startFrames = () => {
    bench.frames = [];
    bench.recording = true;
    const loop = (t) => { if (!bench.recording) return; bench.frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
  bench.stopFrames = () => {
    bench.recording = false;
    const d = [];
    for (let i = 1; i < bench.frames.length; i++) d.push(bench.frames[i] - bench.frames[i - 1]);
    return d;
  };
  const afterplots = () => Number(document.querySelector('[data-testid=timeline]')?.getAttribute('data-afterplots') || 0);
  bench.afterplots = afterplots;
  /** Resolves with performance.now() once the timeline has drawn at least n times. */
  bench.watchAfterplot = (n) => new Promise((resolve) => {
    if (afterplots() >= n) return resolve(performance.now());
    const mo = new MutationObserver(() => {
      if (afterplots() >= n) { mo.disconnect(); resolve(performance.now()); }
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-afterplots'] });
  });

  const Real = window.WebSocket;
  const rewrite = (text) => {
    if (!bench.device) return text;
    let m;
    try { m = JSON.parse(text); } catch { return text; }
    if (m.type === 'reply' && bench.listDeviceIds.has(m.id) && m.reply && m.reply.ok) {
      m.reply.result = [bench.device, ...m.reply.result];
      return JSON.stringify(m);
    }
    if (m.type === 'events') {
      let changed = false;
      for (const env of m.batch) if (env.event === 'devicesChanged') { env.payload = [bench.device, ...env.payload]; changed = true; }
      return changed ? JSON.stringify(m) : text;
    }
    return text;
  };
  class BenchSocket extends Real {
    constructor(url, protocols) { super(url, protocols); bench.socket = this; }
    addEventListener(type, listener, options) {
      if (type !== 'message' || typeof listener !== 'function') return super.addEventListener(type, listener, options);
      return super.addEventListener(type, (event) => {
        if (typeof event.data === 'string' && event.data.length > 1000000) bench.largeReplyAt = performance.now();
        const data = typeof event.data === 'string' ? rewrite(event.data) : event.data;
        listener.call(this, data === event.data ? event : new MessageEvent('message', { data }));
      }, options);
    }
    send(data) {
      let m = null;
      try { m = JSON.parse(data); } catch {}
      if (m && m.call === 'listDevices') bench.listDeviceIds.add(m.id);
      if (m && bench.liveSessionId && (m.call === 'startProfile' || m.call === 'cancelProfile')) {
        const result = m.call === 'startProfile' ? { sessionId: bench.liveSessionId } : null;
        setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ type: 'reply', id: m.id, reply: { ok: true, result } }) })), 0);
        return;
      }
      super.send(data);
    }
  }
  window.WebSocket = BenchSocket;

  bench.push = (batch) => bench.socket.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ type: 'events', batch }) }));

  /** Streams a live session for opts.seconds: inferences and telemetry as the host batches them (~30 batches a second). */
  bench.stream = (opts) => new Promise((resolve) => {
    const { sessionId, header, seconds, inferencesPerSecond, telemetryHz, series } = opts;
    const paths = header.plan.paths.map((p) => p.path);
    const perPathS = seconds / paths.length;
    const base = { npu: 4300, gpu: 6200, cpu: 13800 };
    let seed = 12345;
    const rnd = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296; };
    const at = () => Date.now();
    let pathIndex = -1;
    let nextInferenceUs = 0;
    let nextSampleUs = 0;
    const sent = { points: 0, samples: 0, batches: 0 };
    bench.push([{ event: 'sessionEvents', payload: { sessionId, records: [header, ...series.map((s) => ({ r: 'series', ...s }))] } }]);
    const value = (s, tS) => {
      const load = [1650, 2100, 2900][pathIndex] || 1200;
      switch (s.kind) {
        case 'power': return Math.round(1200 + load + 80 * (rnd() - 0.5));
        case 'current': return Math.round((1200 + load) / 3.9 + 20 * (rnd() - 0.5));
        case 'temperature': return Math.round((31.5 + tS * 0.18 + 0.4 * (rnd() - 0.5)) * 10) / 10;
        case 'frequency': return tS > seconds * 0.7 ? 2246.4 : 2841.6;
        default: return 0;
      }
    };
    const start = performance.now();
    const tick = () => {
      const nowS = Math.min(seconds, (performance.now() - start) / 1000);
      const nowUs = nowS * 1e6;
      const records = [];
      const idx = Math.min(paths.length - 1, Math.floor(nowS / perPathS));
      if (idx !== pathIndex) {
        const tUs = Math.round(idx * perPathS * 1e6);
        if (pathIndex >= 0) records.push({ r: 'event', kind: 'path-end', at: at(), tUs, path: paths[pathIndex], message: 'path finished' });
        pathIndex = idx;
        records.push({ r: 'event', kind: 'path-start', at: at(), tUs, path: paths[idx], message: 'path started' });
      }
      const path = paths[pathIndex];
      const t = [];
      const l = [];
      while (nextInferenceUs <= nowUs) {
        t.push(Math.round(nextInferenceUs));
        l.push(Math.round(base[path] * (1 + 0.1 * (rnd() - 0.5)) * (1 + nowS / seconds * 0.3) + (rnd() < 0.03 ? 4000 * rnd() : 0)));
        nextInferenceUs += 1e6 / inferencesPerSecond;
      }
      if (t.length) records.push({ r: 'points', path, repeat: 0, warmup: false, tUs: t, latUs: l });
      const st = [];
      while (nextSampleUs <= nowUs) { st.push(Math.round(nextSampleUs)); nextSampleUs += 1e6 / telemetryHz; }
      if (st.length) for (const s of series) records.push({ r: 'samples', id: s.id, tUs: st, v: st.map((x) => value(s, x / 1e6)) });
      sent.points += t.length;
      sent.samples += st.length * series.length;
      sent.batches++;
      const done = nowS >= seconds;
      if (done) {
        records.push({ r: 'event', kind: 'path-end', at: at(), tUs: Math.round(nowUs), path, message: 'path finished' });
        records.push({ r: 'end', at: at(), status: 'complete', message: null });
      }
      bench.push([
        { event: 'sessionEvents', payload: { sessionId, records } },
        { event: 'profileProgress', payload: { sessionId, path, phase: done ? 'done' : 'run', fraction: nowS / seconds, etaMs: (seconds - nowS) * 1000, message: sent.points + ' inferences so far' } },
      ]);
      if (done) { clearInterval(timer); resolve(sent); }
    };
    const timer = setInterval(tick, 33);
  });
})();
`;
