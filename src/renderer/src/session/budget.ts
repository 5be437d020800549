// The frame budget the user picked, in the words and numbers every view shares.
import type { FrameBudget } from '../../../shared/api.js';
import { budgetMs } from '../../../shared/analysis/frame-budget.js';

export interface BudgetChoice {
  budget: FrameBudget;
  /** The app's own pre- and post-processing per frame, taken out of the budget, in ms. */
  appOverheadMs: number;
}

export interface ChosenBudget {
  /** The same label standardBudgetShares uses for a rate, so both name one column alike. */
  label: string;
  /** How a sentence names it: "a 120 Hz frame", "a 10 ms budget". */
  words: string;
  budgetMs: number;
  /** What is left for the model. */
  modelBudgetMs: number;
}

/** Null when the choice follows the phone and the phone's rate is unknown. */
export function chooseBudget(choice: BudgetChoice, deviceRefreshHz: number | null): ChosenBudget | null {
  const ms = budgetMs(choice.budget, deviceRefreshHz);
  if (ms === null) return null;
  const overhead = Math.max(0, choice.appOverheadMs);
  let label: string;
  let words: string;
  switch (choice.budget.kind) {
    case 'device':
      label = `phone (${deviceRefreshHz} Hz)`;
      words = `a ${Math.round(deviceRefreshHz ?? 0)} Hz frame`;
      break;
    case 'hz':
      label = `${choice.budget.hz} Hz`;
      words = `a ${choice.budget.hz} Hz frame`;
      break;
    case 'ms':
      label = `${choice.budget.ms} ms`;
      words = `a ${choice.budget.ms} ms budget`;
      break;
  }
  if (overhead > 0) words += ` (with ${overhead} ms for the app's own work)`;
  return { label, words, budgetMs: ms, modelBudgetMs: ms - overhead };
}
