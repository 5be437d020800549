// Ops the accelerator did not take, as the tool reported them; sortable by every column
// with the keyboard (each header is a button).
import { useMemo, useState } from 'react';
import { PathChip } from '../../components/PathChip.js';
import { formatCount, formatShare } from '../../format/units.js';
import { DEFAULT_FALLBACK_SORT, FALLBACK_COLUMNS, fallbackRows, nextSort, sortFallbackRows, type FallbackColumn, type FallbackSort } from '../../session/fallback-rows.js';
import type { PathAnalysis } from '../../session/path-summary.js';

const HEADINGS: Readonly<Record<FallbackColumn, string>> = {
  path: 'Path',
  opType: 'Op type',
  count: 'Count',
  ranOn: 'Ran on',
  reason: 'Reason (the tool’s words)',
  timeShare: 'Share of op time',
};

export function FallbackTable({ paths }: { paths: readonly PathAnalysis[] }) {
  const [sort, setSort] = useState<FallbackSort>(DEFAULT_FALLBACK_SORT);
  const rows = useMemo(() => sortFallbackRows(fallbackRows(paths), sort), [paths, sort]);
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section className="table-block" aria-labelledby="fallback-title">
      <details className="fallback" data-testid="fallback-details">
        <summary>
          <h3 id="fallback-title">Ops that fell back</h3>
          <span className="muted">
            {rows.length === 0 ? 'none reported' : `${total} ${total === 1 ? 'op' : 'ops'} of ${rows.length} ${rows.length === 1 ? 'type' : 'types'}`}
          </span>
        </summary>
        {rows.length === 0 ? (
          <p className="muted">Every path ran all its ops where it was asked to, or the tool did not report fallback.</p>
        ) : (
          <div className="table-scroll">
            <table className="fallback-table" data-testid="fallback-table">
              <thead>
                <tr>
                  {FALLBACK_COLUMNS.map((column) => {
                    const active = sort.column === column;
                    return (
                      <th key={column} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={column === 'count' || column === 'timeShare' ? 'num' : undefined}>
                        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, column))}>
                          {HEADINGS[column]}
                          <span aria-hidden="true" className="sort-mark">
                            {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                          </span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.path}:${r.opType}:${r.ranOn}`} data-testid="fallback-row">
                    <td>
                      <PathChip path={r.path} />
                    </td>
                    <td>
                      <code>{r.opType}</code>
                    </td>
                    <td className="num">{formatCount(r.count)}</td>
                    <td>{r.ranOn}</td>
                    <td className="reason">{r.reason ?? <span className="muted">not given</span>}</td>
                    <td className="num">{r.timeShare === null ? <span className="muted">not measured</span> : formatShare(r.timeShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </section>
  );
}
