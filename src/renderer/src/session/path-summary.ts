// The window's per-path figures are src/shared/analysis's analyzeSession, the same figures
// the CLI, the exports and session compare use, shown in the fixed NPU, GPU, CPU order.
import { PATH_IDS } from '../../../shared/api-constants.js';
import { analyzeSession, type PathAnalysis } from '../../../shared/analysis/session-analysis.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import type { BudgetChoice } from './budget.js';

export type { PathAnalysis };

export function analysePaths(session: SessionData, choice: BudgetChoice): PathAnalysis[] {
  const { paths } = analyzeSession(session, { budget: choice.budget, appOverheadMs: Math.max(0, choice.appOverheadMs) });
  return [...paths].sort((a, b) => PATH_IDS.indexOf(a.path) - PATH_IDS.indexOf(b.path));
}

/** The share inside a budget by its label: the chosen budget's, or one of the standard rates. */
export function shareFor(p: PathAnalysis, label: string): number | null {
  const share = p.chosenBudget?.label === label ? p.chosenBudget : p.standardBudgets.find((s) => s.label === label);
  return share?.shareInside ?? null;
}
