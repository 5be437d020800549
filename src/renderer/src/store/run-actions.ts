// Starting and cancelling a profile run.
import type { StoreApi } from 'zustand';
import type { ProfilePlan, TetherscopeApi } from '../../../shared/api.js';
import { call, describeError } from '../api.js';
import type { StoreState } from './store.js';

export type StartOutcome = { ok: true; sessionId: string } | { ok: false; message: string; hint: string | null };

export async function startRun(api: TetherscopeApi, store: StoreApi<StoreState>, plan: ProfilePlan): Promise<StartOutcome> {
  try {
    const { sessionId } = await call(api, 'startProfile', plan);
    store.getState().navigate({ kind: 'live', sessionId });
    return { ok: true, sessionId };
  } catch (error) {
    return { ok: false, ...describeError(error) };
  }
}

export async function cancelRun(api: TetherscopeApi, sessionId: string): Promise<{ message: string; hint: string | null } | null> {
  try {
    await call(api, 'cancelProfile', { sessionId });
    return null;
  } catch (error) {
    return describeError(error);
  }
}
