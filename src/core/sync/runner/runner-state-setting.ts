/** The runner's last outcomes, kept in the store's settings so `/status` survives a restart. */

import type { BatchPlan, Json, SerializedFailure, SyncStore } from '../../store/store-port.ts';
import { isSuccess, lastSuccessAt } from './last-success-at.ts';
import { firstFailure } from './run-sync.ts';
import type { PhaseOutcome, RunSummary } from './runner-types.ts';

/** The settings key of the runner's state. */
export const runnerStateKey = 'sync.runner';

/** What the runner persists. */
export interface RunnerState {
  lastPull?: PhaseOutcome;
  lastPush?: PhaseOutcome;
  lastError?: SerializedFailure & { at: number };
  consecutiveFailures: number;
}

/** The stored state; a missing or unreadable setting gives an empty one. */
export async function loadRunnerState(store: SyncStore): Promise<RunnerState> {
  const value = await store.getSetting<Json>(runnerStateKey);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { consecutiveFailures: 0 };
  const state = value as unknown as RunnerState;
  return { ...state, consecutiveFailures: Number.isFinite(state.consecutiveFailures) ? state.consecutiveFailures : 0 };
}

/** The batch that stores `state`. */
export function runnerStatePlan(state: RunnerState): BatchPlan {
  return { settings: { [runnerStateKey]: JSON.parse(JSON.stringify(state)) as Json } };
}

/**
 * The state after `summary`: the outcome of each phase that ran (one that is not a success keeps
 * the time of the last success), the error when there was one, and the failures in a row (a
 * `busy` or `aborted` run leaves the count as it was).
 *
 * @example
 * ```ts
 * nextRunnerState({ consecutiveFailures: 2 }, { status: 'ok', ... }).consecutiveFailures; // 0
 * ```
 */
export function nextRunnerState(state: RunnerState, summary: RunSummary): RunnerState {
  if (summary.status === 'busy') return state;
  const next: RunnerState = { ...state };
  const at = summary.finishedAt;
  if (summary.pull) next.lastPull = outcome(summary.pull.status, at, summary.pull.error ?? firstFailure(summary.pull), state.lastPull);
  if (summary.push) next.lastPush = outcome(summary.push.status, at, summary.push.error, state.lastPush);
  if (summary.error) next.lastError = { ...summary.error, at };
  if (summary.status === 'ok') next.consecutiveFailures = 0;
  else if (summary.status !== 'aborted') next.consecutiveFailures = state.consecutiveFailures + 1;
  return next;
}

/** The new outcome; one that is not a success carries the time of the last one that was. */
function outcome(status: PhaseOutcome['status'], at: number, error: SerializedFailure | undefined, previous: PhaseOutcome | undefined): PhaseOutcome {
  const next: PhaseOutcome = error ? { status, at, error } : { status, at };
  const succeeded = isSuccess(status) ? undefined : lastSuccessAt(previous);
  return succeeded === undefined ? next : { ...next, lastSuccessAt: succeeded };
}
