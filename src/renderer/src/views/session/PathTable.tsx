// Paths side by side: one column per path, one row per figure, every number with its unit.
import type { ReactNode } from 'react';
import type { EnergyPerInference } from '../../../../shared/analysis/energy.js';
import { PathChip } from '../../components/PathChip.js';
import { formatCount, formatEnergyJ, formatLatencyUs, formatSeconds, formatShare } from '../../format/units.js';
import { onPath, pathLabels, type PathLabels } from '../../paths.js';
import type { ChosenBudget } from '../../session/budget.js';
import { shareFor, type PathAnalysis } from '../../session/path-summary.js';

interface Row {
  key: string;
  label: ReactNode;
  cell(p: PathAnalysis): ReactNode;
  className?: string;
}

function coverage(p: PathAnalysis, labels: PathLabels): string {
  const d = p.delegate;
  if (!d) return p.status === 'not-run' ? '–' : 'not reported';
  const where = p.path === 'cpu' ? `in ${d.name}` : onPath(p.path, labels);
  return `${d.nodesDelegated} of ${d.nodesTotal} ops ${where}`;
}

function tracing(p: PathAnalysis): string {
  if (p.tracingOverhead === null) return 'not measured';
  const sign = p.tracingOverhead >= 0 ? '+' : '−';
  return `${sign}${formatShare(Math.abs(p.tracingOverhead))} (traced average ${formatLatencyUs(p.toolAvgUs)})`;
}

/** Energy notes are long and shared between paths: the cell says "unavailable" and points at the note. */
export interface EnergyNote {
  id: string;
  text: string;
}

export function energyNotes(paths: readonly PathAnalysis[]): EnergyNote[] {
  const texts: string[] = [];
  for (const p of paths) {
    const e = p.energy;
    const lines = e.available ? e.caveats : [e.wayOut ? `${e.reason} ${e.wayOut}` : e.reason];
    for (const line of lines) if (!texts.includes(line)) texts.push(line);
  }
  return texts.map((text, i) => ({ id: `energy-note-${i + 1}`, text }));
}

function EnergyCell({ energy, notes }: { energy: EnergyPerInference; notes: readonly EnergyNote[] }) {
  const refs = (lines: string[]): EnergyNote[] => notes.filter((n) => lines.some((l) => n.text.startsWith(l)));
  if (!energy.available) {
    const ref = refs([energy.reason]);
    return (
      <span aria-describedby={ref.map((n) => n.id).join(' ')}>
        <span className="badge caveat">unavailable</span> <NoteRefs notes={ref} all={notes} />
      </span>
    );
  }
  const ref = refs(energy.caveats);
  return (
    <span aria-describedby={ref.map((n) => n.id).join(' ') || undefined}>
      {formatEnergyJ(energy.joulesPerInference)}
      {ref.length > 0 && (
        <>
          {' '}
          <span className="badge caveat">caveat</span> <NoteRefs notes={ref} all={notes} />
        </>
      )}
      <span className="muted cell-sub">{energy.source === 'power-rails' ? 'from power rails' : 'from battery current'}</span>
    </span>
  );
}

function NoteRefs({ notes, all }: { notes: readonly EnergyNote[]; all: readonly EnergyNote[] }) {
  return (
    <>
      {notes.map((n) => (
        <a key={n.id} href={`#${n.id}`} className="note-ref">
          note {all.indexOf(n) + 1}
        </a>
      ))}
    </>
  );
}

function ShareCell({ p, label }: { p: PathAnalysis; label: string }) {
  const share = shareFor(p, label);
  return (
    <span className="share" data-testid={`share-${p.path}-${label}`} data-share={share ?? ''}>
      <span className="share-bar" aria-hidden="true">
        <span className={`share-fill path-${p.path}`} style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
      </span>
      {formatShare(share)}
    </span>
  );
}

export interface PathTableProps {
  paths: readonly PathAnalysis[];
  chosen: ChosenBudget | null;
  appOverheadMs: number;
  /** An iPhone's probe times predictions itself: there is no traced-vs-untraced pair to compare. */
  platform: 'android' | 'ios';
}

export function PathTable({ paths, chosen, appOverheadMs, platform }: PathTableProps) {
  const notes = energyNotes(paths);
  const shareLabels = [...(paths[0]?.standardBudgets.map((s) => s.label) ?? [])];
  if (chosen && !shareLabels.includes(chosen.label)) shareLabels.push(chosen.label);
  const less = appOverheadMs > 0 ? `, less ${appOverheadMs} ms app work` : '';
  const rows: Row[] = [
    { key: 'count', label: 'Inferences timed', cell: (p) => (p.latency.count ? formatCount(p.latency.count) : (p.pointsUnavailable ?? 'none')) },
    { key: 'p50', label: 'Median (p50)', cell: (p) => formatLatencyUs(p.latency.p50Us) },
    { key: 'p90', label: 'p90', cell: (p) => formatLatencyUs(p.latency.p90Us) },
    { key: 'p99', label: 'p99', cell: (p) => formatLatencyUs(p.latency.p99Us) },
    { key: 'max', label: 'Slowest', cell: (p) => formatLatencyUs(p.latency.maxUs) },
    { key: 'jitter', label: 'Jitter (mean change between inferences)', cell: (p) => formatLatencyUs(p.latency.jitterUs) },
    { key: 'first', label: 'First inference', cell: (p) => formatLatencyUs(p.firstUs) },
    { key: 'warmup', label: 'Warm-up average', cell: (p) => formatLatencyUs(p.warmupAvgUs) },
    { key: 'init', label: 'Initialisation', cell: (p) => formatLatencyUs(p.initUs) },
    ...shareLabels.map(
      (label): Row => ({
        key: `share-${label}`,
        label: `Inside the ${label} budget${less}`,
        cell: (p) => <ShareCell p={p} label={label} />,
        className: chosen?.label === label ? 'chosen-budget' : '',
      }),
    ),
    { key: 'coverage', label: platform === 'ios' ? 'Ops placed on this path (Core ML plan)' : 'Delegate coverage', cell: (p) => coverage(p, pathLabels(platform)) },
    {
      key: 'fallback',
      label: 'Ops falling back',
      cell: (p) => (p.status === 'not-run' ? '–' : p.fallbackOpCount ? `${p.fallbackOpCount} to the ${p.fallbackOps[0]?.ranOn ?? 'CPU'}` : 'none'),
    },
    { key: 'energy', label: 'Energy per inference', cell: (p) => <EnergyCell energy={p.energy} notes={notes} /> },
    ...(platform === 'android' ? [{ key: 'tracing', label: 'Tracing overhead (traced vs untraced run)', cell: tracing }] : []),
    {
      key: 'throttling',
      label: 'Throttling began',
      cell: (p) => (p.throttlingOnsetUs === null ? 'not during this path' : `at ${formatSeconds(p.throttlingOnsetUs / 1e6)} on the timeline`),
    },
    ...(paths.some((p) => p.lostInferences > 0)
      ? [{ key: 'lost', label: 'Inferences the trace lost (gaps)', cell: (p: PathAnalysis) => formatCount(p.lostInferences) }]
      : []),
  ];
  return (
    <section className="table-block" aria-labelledby="paths-title">
      <h3 id="paths-title">Paths compared</h3>
      <div className="table-scroll">
        <table className="path-table" data-testid="path-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Figure</span>
              </th>
              {paths.map((p) => (
                <th key={p.path} scope="col" className={`path-head path-${p.path}`}>
                  <PathChip path={p.path} />
                  {p.status === 'failed' && <span className="error cell-sub">failed: {p.failure ?? 'the tool gave no reason'}</span>}
                  {p.status === 'cancelled' && <span className="muted cell-sub">cancelled</span>}
                  {p.status === 'not-run' && p.latency.count === 0 && <span className="muted cell-sub">did not run</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.className}>
                <th scope="row">{row.label}</th>
                {paths.map((p) => (
                  <td key={p.path} data-path={p.path}>
                    {row.cell(p)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notes.length > 0 && (
        <ol className="notes" aria-label="Notes on energy">
          {notes.map((n) => (
            <li key={n.id} id={n.id}>
              {n.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
