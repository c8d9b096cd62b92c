/** The `/status` fields of a child edge node: its parent and what its sync runner is doing and last did. */

import type { PhaseOutcome, RunnerStatus } from '../../core/sync/runner/runner-types.ts';

/** A phase's last outcome with its time as an ISO string. */
export interface PhaseOutcomeJson {
  status: PhaseOutcome['status'];
  at: string;
  error?: PhaseOutcome['error'];
  /** When the outcome is not a success: the last time this phase succeeded, if ever known. */
  lastSuccessAt?: string;
}

/** The `sync` object of `/status`. */
export interface SyncStatusJson {
  running: boolean;
  phase: RunnerStatus['phase'];
  progress?: RunnerStatus['progress'];
  lastPull?: PhaseOutcomeJson;
  lastPush?: PhaseOutcomeJson;
  lastError?: { code: string; message: string; at: string; details?: Record<string, unknown> };
  consecutiveFailures: number;
  scheduled: boolean;
  scheduleSeconds: number;
  nextRunAt?: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function outcomeJson(outcome: PhaseOutcome): PhaseOutcomeJson {
  return {
    status: outcome.status, at: iso(outcome.at), ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.lastSuccessAt !== undefined ? { lastSuccessAt: iso(outcome.lastSuccessAt) } : {}),
  };
}

/**
 * `{ role: 'child', parent, sync }` from the runner's status: `parent` is the base URL (the
 * configuration never holds credentials in it), times are ISO strings, absent fields stay absent.
 *
 * @example
 * ```ts
 * childStatusFields(runner.status(), { parentBase: 'http://hub:8080/openmrs', scheduleSeconds: 3600 });
 * // { role: 'child', parent: 'http://hub:8080/openmrs', sync: { running: false, phase: 'idle', … } }
 * ```
 */
export function childStatusFields(
  status: RunnerStatus,
  options: { parentBase: string; scheduleSeconds: number },
): { role: 'child'; parent: string; sync: SyncStatusJson } {
  const sync: SyncStatusJson = {
    running: status.running,
    phase: status.phase,
    ...(status.progress ? { progress: status.progress } : {}),
    ...(status.lastPull ? { lastPull: outcomeJson(status.lastPull) } : {}),
    ...(status.lastPush ? { lastPush: outcomeJson(status.lastPush) } : {}),
    ...(status.lastError ? { lastError: { ...status.lastError, at: iso(status.lastError.at) } } : {}),
    consecutiveFailures: status.consecutiveFailures,
    scheduled: status.scheduled,
    scheduleSeconds: options.scheduleSeconds,
    ...(status.nextRunAt !== undefined ? { nextRunAt: iso(status.nextRunAt) } : {}),
  };
  return { role: 'child', parent: options.parentBase, sync };
}
