/** Maps a parsed sync2 configuration (with our `ts` extension) onto what the runner needs. */

import { basicAuthorization } from '../../clients/basic-authorization.ts';
import { resolveParentBase, resolveParentCredentials } from '../../config/resolve-parent.ts';
import type { SyncConfig } from '../../config/sync-config.ts';
import { SyncError } from '../../errors/sync-error.ts';
import type { SyncRunnerConfig } from './runner-types.ts';

/**
 * The runner's configuration: the parent base from `general.parentFeedLocation`, `pull`/`push`
 * enabled, the shorter schedule of the enabled directions, the pull `classes`, catchment,
 * prefetch, failed-event policy and timeout from `ts`, and Basic credentials for the parent's
 * feed (sent to its origin only). Throws CONFIG_INVALID when no parent is configured.
 *
 * @example
 * ```ts
 * const parsed = parseSyncConfig(json);
 * if (parsed.ok) runner = await createSyncRunner({ ...deps, config: runnerConfigOf(parsed.config) });
 * ```
 */
export function runnerConfigOf(config: SyncConfig): SyncRunnerConfig {
  const parentBase = resolveParentBase(config);
  if (parentBase === undefined) {
    throw new SyncError('CONFIG_INVALID', {
      message: 'No parent is configured: general.parentFeedLocation is missing', details: { path: 'general.parentFeedLocation' },
    });
  }
  const enabled = [config.pull, config.push].filter((d) => d.enabled);
  const credentials = resolveParentCredentials(config);
  const runner: SyncRunnerConfig = {
    parentBase,
    pull: { enabled: config.pull.enabled },
    push: { enabled: config.push.enabled },
    scheduleSeconds: Math.min(...(enabled.length > 0 ? enabled : [config.pull]).map((d) => d.schedule)),
    classes: config.pull.classes.map(({ category, enabled: on }) => ({ category, enabled: on })),
    catchment: { ...config.ts.catchment },
    ...(config.ts.prefetchPages === 'auto' ? {} : { prefetch: config.ts.prefetchPages }),
    failurePolicy: { maxAttempts: config.ts.failedEvents.maxAttempts, baseDelayMs: config.ts.failedEvents.baseDelaySeconds * 1_000 },
    timeoutMs: config.ts.timeoutSeconds * 1_000,
  };
  if (credentials) runner.headers = { authorization: basicAuthorization(credentials) };
  return runner;
}
