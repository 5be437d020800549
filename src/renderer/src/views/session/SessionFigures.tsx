// Everything drawn from a session's data, for a reopened file and a live run alike.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SessionData } from '../../../../shared/session/session-data.js';
import { TimelineChart } from '../../charts/TimelineChart.js';
import { pathLabels, PathLabelsContext } from '../../paths.js';
import { chooseBudget } from '../../session/budget.js';
import { analysePaths } from '../../session/path-summary.js';
import type { SessionSource } from '../../session/session-source.js';
import { verdictLine } from '../../session/verdict.js';
import { useAppStore } from '../../store/store.js';
import { BudgetSelector } from './BudgetSelector.js';
import { ConditionsNote } from './ConditionsNote.js';
import { DistributionChart } from './DistributionChart.js';
import { FallbackTable } from './FallbackTable.js';
import { PathTable } from './PathTable.js';

interface Props {
  session: SessionData;
  /** Grows while a live session does; tables and the distribution follow it, at their own pace. */
  revision: number;
  source: SessionSource;
  /** While recording, paths that have not run yet are not a finding. */
  live?: boolean;
}

/** Tables wait for the timeline's first drawing, or this long, so the chart comes first. */
const FIGURES_WAIT_MS = 2000;

export function SessionFigures({ session, revision, source, live = false }: Props) {
  const { budget, overhead } = useAppStore(useShallow((s) => ({ budget: s.budgetChoice, overhead: s.appOverheadMs })));
  const refreshHz = session.header.device.facts?.refreshRateHz ?? null;
  const chosen = useMemo(() => chooseBudget({ budget, appOverheadMs: overhead }, refreshHz), [budget, overhead, refreshHz]);
  // The analysis of a large session takes a moment: draw the timeline first, then the figures.
  const [chartSettled, setChartSettled] = useState(false);
  const settle = useCallback(() => setChartSettled(true), []);
  useEffect(() => {
    const timer = setTimeout(settle, FIGURES_WAIT_MS);
    return () => clearTimeout(timer);
  }, [settle]);
  const paths = useMemo(
    () => (chartSettled ? analysePaths(session, { budget, appOverheadMs: overhead }) : []),
    // revision stands for the session growing in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [chartSettled, session, revision, budget, overhead],
  );
  const pathIds = useMemo(() => paths.map((p) => p.path), [paths]);
  const platform = session.header.device.platform;
  const labels = pathLabels(platform);
  const verdict = useMemo(
    () =>
      verdictLine(
        paths
          .filter((p) => !live || p.status !== 'not-run')
          .map((p) => ({
          path: p.path,
          p50Us: p.latency.p50Us,
          shareInside: p.chosenBudget?.shareInside ?? null,
          fallbackOpCount: p.fallbackOpCount,
          fallbackTo: p.fallbackOps[0]?.ranOn ?? null,
          failure: p.status === 'failed' ? (p.failure ?? 'the tool gave no reason') : null,
          pointsUnavailable: p.pointsUnavailable,
        })),
        chosen?.words ?? null,
        labels,
      ),
    [paths, chosen, live, labels],
  );
  const chartBudget = useMemo(() => (chosen ? { modelBudgetMs: chosen.modelBudgetMs, label: chosen.label } : null), [chosen]);

  return (
    <PathLabelsContext.Provider value={labels}>
      <p className="verdict" data-testid="verdict" aria-busy={!chartSettled}>
        {chartSettled ? verdict : 'Working out the figures…'}
      </p>
      <BudgetSelector refreshHz={refreshHz} chosen={chosen} />
      <TimelineChart source={source} sessionId={session.header.sessionId} budget={chartBudget} onSettled={settle} />
      {chartSettled && (
        <>
          <PathTable paths={paths} chosen={chosen} appOverheadMs={overhead} platform={platform} />
          <DistributionChart session={session} revision={revision} paths={pathIds} budget={chartBudget} labels={labels} />
          <FallbackTable paths={paths} />
        </>
      )}
      <ConditionsNote conditions={session.conditions} labels={labels} />
    </PathLabelsContext.Provider>
  );
}
