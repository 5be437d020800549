// The tracks of a session's Perfetto export (perfetto.md §2.1, §2.2): one process track for the phone holding,
// in this order, the session events, each path's inference slices with its latency counter beneath, then one
// counter track per telemetry series. The three latency counters share one y axis (same key, same parent).
import { pathLabels } from '../../shared/path-labels.js';
import { deviceClockName } from '../../shared/session/device-clock.js';
import { PATH_IDS, type PathId } from '../../shared/api-constants.js';
import { PerfettoChildOrdering, PerfettoCounterUnit, type PerfettoTrackSpec } from '../../shared/formats/perfetto/index.js';
import type { PathResult, TelemetryKind } from '../../shared/session/records.js';
import type { SessionData } from '../../shared/session/session-data.js';

/** Above the kernel's PID_MAX_LIMIT (2^22 on 64-bit), so it can never merge with a real process of the phone's trace. */
export const PERFETTO_PHONE_PID = 4_194_305;
export const LATENCY_AXIS_KEY = 'inference-latency';

// Small uuids: below 128 a track_uuid is a one-byte varint, and every telemetry sample names its track.
const PROCESS_UUID = 1n;
const EVENTS_UUID = 2n;
const PATH_UUID_BASE = 16n;
const SERIES_UUID_BASE = 32n;

export interface PathTracks {
  readonly path: PathId;
  readonly slices: bigint;
  readonly latency: bigint;
}

export interface PerfettoLayout {
  readonly processUuid: bigint;
  readonly eventsUuid: bigint;
  /** Paths with points (measured or warm-up), in PATH_IDS order. */
  readonly paths: readonly PathTracks[];
  /** Counter track of each session.series entry, by index. */
  readonly series: readonly bigint[];
  /** Every descriptor, parents first. */
  readonly descriptors: readonly PerfettoTrackSpec[];
}

export function phoneLabel(session: SessionData): string {
  const d = session.header.device;
  return `${d.facts?.model ?? d.id}${d.virtual ? ' (virtual phone: modelled, not measured)' : ''}`;
}

/** The session's facts in plain words, for the process track's help popup. */
export function sessionDescription(session: SessionData): string {
  const h = session.header;
  const f = h.device.facts;
  const phone = [f?.manufacturer, f?.model].filter(Boolean).join(' ') || h.device.id;
  const about = [f?.soc, f?.os].filter(Boolean).join(', ');
  return [
    `Tetherscope ${h.tool.version} session ${h.sessionId}.`,
    `Model ${h.model.name} (${h.model.format}, ${h.model.bytes} bytes, sha256 ${h.model.sha256}).`,
    `Phone ${phone}${about ? ` (${about})` : ''}, ${h.device.transport}${h.device.buildType ? `, ${h.device.buildType} build` : ''}.`,
    h.device.virtual ? 'A virtual phone: every figure is modelled, not measured.' : 'A real phone: figures are measured.',
    `Times are ${deviceClockName(h.device.platform)}; the session's origin is ${h.deviceClockOriginNs} ns.`,
  ].join(' ');
}

function pathDescription(path: PathId, name: string, results: readonly PathResult[]): string {
  const words = `${name} path: one slice per inference (warm-up ones named apart); the latency is also on the counter track below.`;
  const facts = results
    .filter((r) => r.path === path)
    .map((r) => {
      const parts = [`repeat ${r.repeat + 1}: ${r.status}`, `runner ${r.runner}`];
      if (r.delegate) parts.push(`${r.delegate.name} took ${r.delegate.nodesDelegated} of ${r.delegate.nodesTotal} nodes`);
      if (r.fallbackOps.length > 0) parts.push(`fell back: ${r.fallbackOps.map((o) => `${o.opType} ×${o.count} on ${o.ranOn}`).join(', ')}`);
      if (r.lostInferences > 0) parts.push(`${r.lostInferences} inferences lost by the trace`);
      if (r.pointsUnavailable) parts.push(r.pointsUnavailable);
      if (r.failure) parts.push(r.failure);
      return parts.join('; ');
    });
  return [words, ...facts].join(' ');
}

/** CounterDescriptor.unit where one fits (§2.2: only time, count and bytes exist), the unit's name otherwise. */
function counterUnit(unit: string): NonNullable<PerfettoTrackSpec['counter']> {
  if (unit === 'ns') return { unit: PerfettoCounterUnit.TIME_NS };
  if (unit === 'bytes' || unit === 'B') return { unit: PerfettoCounterUnit.SIZE_BYTES };
  if (unit === 'count') return { unit: PerfettoCounterUnit.COUNT };
  return { unitName: unit };
}

/** Series of one kind and unit (all temperatures in °C, all frequencies in MHz) share a y axis. */
function axisKey(kind: TelemetryKind, unit: string): string | undefined {
  return kind === 'other' || kind === 'thermal-status' ? undefined : `${kind} (${unit})`;
}

export function perfettoLayout(session: SessionData): PerfettoLayout {
  const descriptors: PerfettoTrackSpec[] = [];
  descriptors.push({
    uuid: PROCESS_UUID,
    name: phoneLabel(session),
    description: sessionDescription(session),
    process: { pid: PERFETTO_PHONE_PID, processName: phoneLabel(session) },
    childOrdering: PerfettoChildOrdering.EXPLICIT,
  });
  descriptors.push({
    uuid: EVENTS_UUID,
    parentUuid: PROCESS_UUID,
    name: 'Session events',
    description: 'Path starts and ends, throttling, disconnects, errors and notes, as the session recorded them.',
    siblingOrderRank: 0,
  });
  const paths: PathTracks[] = [];
  const names = pathLabels(session.header.device.platform);
  PATH_IDS.forEach((path, i) => {
    const count = (session.points[path]?.tUs.length ?? 0) + (session.warmupPoints[path]?.tUs.length ?? 0);
    if (count === 0) return;
    const slices = PATH_UUID_BASE + BigInt(2 * i);
    const latency = slices + 1n;
    paths.push({ path, slices, latency });
    descriptors.push({ uuid: slices, parentUuid: PROCESS_UUID, name: `${names[path]} path`, description: pathDescription(path, names[path], session.results), siblingOrderRank: 10 + 2 * i });
    descriptors.push({
      uuid: latency,
      parentUuid: PROCESS_UUID,
      name: `${names[path]} latency`,
      description: `Latency of each ${names[path]} inference, at its start. Shares its y axis with the other paths' latency.`,
      counter: { unit: PerfettoCounterUnit.TIME_NS, yAxisShareKey: LATENCY_AXIS_KEY },
      siblingOrderRank: 11 + 2 * i,
    });
  });
  const series = session.series.map((s, i) => {
    const uuid = SERIES_UUID_BASE + BigInt(i);
    const key = axisKey(s.meta.kind, s.meta.unit);
    const rate = s.meta.updateHz === null ? '' : `, updating about ${s.meta.updateHz} Hz`;
    descriptors.push({
      uuid,
      parentUuid: PROCESS_UUID,
      name: s.meta.name,
      description: `${s.meta.name} in ${s.meta.unit}, from ${s.meta.source}${rate}.`,
      counter: { ...counterUnit(s.meta.unit), ...(key === undefined ? {} : { yAxisShareKey: key }) },
      siblingOrderRank: 100 + i,
    });
    return uuid;
  });
  return { processUuid: PROCESS_UUID, eventsUuid: EVENTS_UUID, paths, series, descriptors };
}
