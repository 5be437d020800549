import type { StateCreator } from 'zustand';
import type { FrameBudget } from '../../../shared/api.js';
import type { StoreState } from './store.js';

export interface BudgetSlice {
  /** The frame budget every view measures against: the phone's rate unless the user picks another. */
  budgetChoice: FrameBudget;
  /** The app's own pre- and post-processing per frame, ms, taken out of the budget. */
  appOverheadMs: number;
  setBudgetChoice(budget: FrameBudget): void;
  setAppOverheadMs(ms: number): void;
}

export const createBudgetSlice: StateCreator<StoreState, [], [], BudgetSlice> = (set) => ({
  budgetChoice: { kind: 'device' },
  appOverheadMs: 0,
  setBudgetChoice: (budgetChoice) => set({ budgetChoice }),
  setAppOverheadMs: (ms) => set({ appOverheadMs: Number.isFinite(ms) && ms > 0 ? ms : 0 }),
});
