/** The seam where the core's push service plugs into the browser node: one push phase per signed-in session. */

import { createPushPhase } from '../core/sync/push/create-push-phase.ts';
import type { PushPhaseFactory } from './sync-api-ports.ts';

/**
 * The push phase for `settings`: the core's push service with the tablet's conflict policy.
 *
 * @example
 * ```ts
 * const api = await createSyncApi({ ...ports, push: pushPhaseOfSettings });
 * ```
 */
export const pushPhaseOfSettings: PushPhaseFactory = (settings) => createPushPhase({ policy: settings.conflictPolicy });
