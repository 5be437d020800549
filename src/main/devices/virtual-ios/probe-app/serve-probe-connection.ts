// The virtual iPhone's probe app, server side of one connection, speaking the probe protocol exactly as the
// Swift app in resources/ios-probe/ does: every incoming line is checked against the protocol's schemas, a bad
// one gets a bad-message error and the connection lives on. One plan runs at a time across the whole app;
// thermal state changes are pushed as they happen.
import type { Duplex } from 'node:stream';
import {
  PROBE_MAX_LINE_BYTES,
  PROBE_PROTOCOL_VERSION,
  ProbeHostMessage,
  type ProbeAppMessage,
  type ProbePlan,
} from '../../../../shared/ios-probe/probe-protocol.js';
import type { VirtualIphoneModel } from '../coreml/device-model.js';
import type { IosAppContainer } from '../virtual-iphone-contracts.js';
import { ProbeLineSplitter } from '../../ios/wire/probe-line-splitter.js';
import { runProbePlan } from './plan-runner.js';

export interface ProbeConnectionDeps {
  readonly container: IosAppContainer;
  readonly model: VirtualIphoneModel;
  /** How often prediction batches leave while a plan runs, ms (default 50). */
  readonly batchMs?: number;
  /** Longest accepted line, bytes (default PROBE_MAX_LINE_BYTES). */
  readonly maxLineBytes?: number;
  /** How often the app looks at the thermal state while idle, ms (default 250). */
  readonly thermalPollMs?: number;
}

export const PROBE_APP_NAME = 'Tetherscope Probe';
export const PROBE_APP_VERSION = '1.0 (virtual)';

interface RunningPlan {
  readonly id: string;
  readonly abort: AbortController;
}

/** The app is one process: its one running plan is shared by every connection to it. */
const runningByPhone = new WeakMap<VirtualIphoneModel, RunningPlan>();

const v = PROBE_PROTOCOL_VERSION;

export function serveProbeConnection(socket: Duplex, deps: ProbeConnectionDeps): void {
  const { model } = deps;
  const splitter = new ProbeLineSplitter(deps.maxLineBytes ?? PROBE_MAX_LINE_BYTES);
  const mine = new Set<RunningPlan>();
  let closed = false;

  const send = (message: ProbeAppMessage): void => {
    if (closed || socket.destroyed || !socket.writable) return;
    socket.write(`${JSON.stringify(message)}\n`);
  };
  const badMessage = (message: string): void => send({ v, type: 'error', id: null, code: 'bad-message', message });

  // The model may schedule a little ahead of the clock; the notification is delivered when the clock gets there.
  // Node's timers run on a millisecond loop clock and may fire a little before the model's clock gets there: check again.
  const stopThermal = model.onThermalStateChange((state, atNs) => {
    const report = (): void => {
      const aheadMs = Number(atNs - model.nowNs()) / 1e6;
      if (aheadMs > 0) setTimeout(report, Math.ceil(aheadMs));
      else send({ v, type: 'thermal', state, tNs: atNs.toString() });
    };
    report();
  });
  const poll = setInterval(() => model.catchUp(), deps.thermalPollMs ?? 250);
  poll.unref();

  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    stopThermal();
    for (const running of mine) running.abort.abort();
  };
  socket.on('close', close);
  socket.on('end', close);
  socket.on('error', close);

  socket.on('data', (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (const event of splitter.push(bytes)) {
      if (event.kind === 'too-long') badMessage(`A line of ${event.bytes} bytes is longer than the ${deps.maxLineBytes ?? PROBE_MAX_LINE_BYTES} allowed; it was skipped.`);
      else if (event.text.trim() !== '') handleLine(event.text);
    }
  });

  function handleLine(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return badMessage('A line is not JSON; each line must be one JSON object.');
    }
    if (typeof json === 'object' && json !== null && 'v' in json && json.v !== v) {
      return send({ v, type: 'error', id: null, code: 'unsupported-version', message: `This app speaks protocol version ${v}; the host sent version ${String(json.v)}.` });
    }
    const parsed = ProbeHostMessage.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
      return badMessage(`The message does not follow the probe protocol${where}: ${issue?.message ?? 'invalid'}.`);
    }
    const message = parsed.data;
    switch (message.type) {
      case 'hello':
        return send({
          v,
          type: 'hello',
          app: PROBE_APP_NAME,
          appVersion: PROBE_APP_VERSION,
          protocol: v,
          osVersion: model.profile.identity.productVersion,
          productType: model.profile.identity.productType,
          computePlan: model.computePlanAvailable,
          thermalState: model.thermalState,
          virtual: true,
        });
      case 'clock':
        return send({ v, type: 'clock', hostMs: message.hostMs, tNs: model.nowNs().toString() });
      case 'plan':
        return startPlan(message);
      case 'cancel': {
        const running = runningByPhone.get(model);
        if (running !== undefined && running.id === message.id) running.abort.abort();
        return;
      }
    }
  }

  function startPlan(plan: ProbePlan): void {
    const busy = runningByPhone.get(model);
    if (busy !== undefined) {
      return send({ v, type: 'error', id: plan.id, code: 'busy', message: `Plan ${busy.id} is still running; wait for its done message or cancel it.` });
    }
    const running: RunningPlan = { id: plan.id, abort: new AbortController() };
    runningByPhone.set(model, running);
    mine.add(running);
    const finish = (): void => {
      mine.delete(running);
      if (runningByPhone.get(model) === running) runningByPhone.delete(model);
    };
    runProbePlan(plan, { container: deps.container, model, send, batchMs: deps.batchMs ?? 50, signal: running.abort.signal })
      .catch((error: unknown) => send({ v, type: 'error', id: plan.id, code: 'predict-failed', message: `The run failed: ${error instanceof Error ? error.message : String(error)}` }))
      .finally(finish);
  }
}
