// Does an inference fit in a frame? The budget is one refresh period, less the time the
// app itself spends before and after the model (pre- and post-processing).
import type { FrameBudget } from '../api-schemas.js';
import { shareAtOrBelow, sortedFinite } from './quantiles.js';

export const STANDARD_REFRESH_RATES_HZ = [60, 90, 120] as const;

export const framePeriodMs = (hz: number): number => 1000 / hz;

/** The budget in ms for a plan's choice; null when it follows the phone and the rate is unknown. */
export function budgetMs(budget: FrameBudget, deviceRefreshHz: number | null): number | null {
  switch (budget.kind) {
    case 'hz':
      return framePeriodMs(budget.hz);
    case 'ms':
      return budget.ms;
    case 'device':
      return deviceRefreshHz && deviceRefreshHz > 0 ? framePeriodMs(deviceRefreshHz) : null;
  }
}

export interface BudgetShare {
  label: string;
  budgetMs: number;
  /** What is left for the model once the app's own work is taken out. */
  modelBudgetMs: number;
  /** 0..1, or null with no inferences. */
  shareInside: number | null;
}

export function budgetShare(sortedLatenciesUs: ArrayLike<number>, label: string, budgetMsValue: number, appOverheadMs: number): BudgetShare {
  const modelBudgetMs = budgetMsValue - appOverheadMs;
  return {
    label,
    budgetMs: budgetMsValue,
    modelBudgetMs,
    shareInside: modelBudgetMs <= 0 ? (sortedLatenciesUs.length ? 0 : null) : shareAtOrBelow(sortedLatenciesUs, modelBudgetMs * 1000),
  };
}

/** Shares at the phone's own rate (when known) and at 60, 90 and 120 Hz. */
export function standardBudgetShares(latenciesUs: ArrayLike<number>, deviceRefreshHz: number | null, appOverheadMs: number): BudgetShare[] {
  const sorted = sortedFinite(latenciesUs);
  const shares: BudgetShare[] = [];
  if (deviceRefreshHz && deviceRefreshHz > 0) {
    shares.push(budgetShare(sorted, `phone (${Math.round(deviceRefreshHz)} Hz)`, framePeriodMs(deviceRefreshHz), appOverheadMs));
  }
  for (const hz of STANDARD_REFRESH_RATES_HZ) shares.push(budgetShare(sorted, `${hz} Hz`, framePeriodMs(hz), appOverheadMs));
  return shares;
}
