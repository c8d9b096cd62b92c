/** Writes one object over HTTP: read, plan with planLocalWrite, apply atomically, retry when a concurrent write won. */

import type { StoredObject } from '../../core/store/store-port.ts';
import { type LocalChange, type LocalWriteOutcome, planLocalWrite } from '../../core/sync/plan-local-write.ts';
import { type AppFailure, appFailure, isAppFailure } from './app-errors.ts';
import type { AppContext } from './edge-app-deps.ts';
import type { Principal } from './user-directory.ts';

/** Attempts before a write without If-Match gives up under contention. */
const maxAttempts = 5;

export interface WriteRequest {
  category: string;
  uuid: string;
  /** The change to make given the object as read now, or the failure to answer with. */
  decide(current: StoredObject | undefined): LocalChange | AppFailure;
  /** From `If-Match`: the version the client saw (`*`: any, the object must exist); a different one is a 412. */
  expectedVersion?: string;
  principal: Principal;
}

export interface WriteDone {
  /** The object as stored after the write (the current one when nothing changed). */
  object: StoredObject;
  outcome: LocalWriteOutcome;
}

/**
 * Writes through `store.applyBatch`: object and change-log row together, the change row's origin
 * `child` (with the child's instance id) for child users, else `local`. With `expectedVersion` a
 * stale or concurrently overtaken version is `VERSION_MISMATCH`; without, the write re-reads and
 * re-plans, so it never overwrites a concurrent one unseen.
 *
 * @example Update a resource with If-Match
 * ```ts
 * const done = await writeObject(ctx, { category: 'patient', uuid, expectedVersion: '3', principal,
 *   decide: () => ({ category: 'patient', uuid, representation: 'fhir', body }) });
 * ```
 */
export async function writeObject(ctx: AppContext, request: WriteRequest): Promise<WriteDone | AppFailure> {
  const { category, uuid, expectedVersion, principal } = request;
  const origin = principal.role === 'child' ? 'child' : 'local';
  const anyVersion = expectedVersion === '*';
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const current = await ctx.store.getObject(category, uuid);
    const change = request.decide(current);
    if (isAppFailure(change)) return change;
    if (anyVersion ? !current : expectedVersion !== undefined && expectedVersion !== current?.version) {
      return stale(expectedVersion as string, current?.version);
    }
    const planned = planLocalWrite(current, change, {
      origin, now: ctx.now(), eventId: ctx.newId(), expectedVersion: current?.version ?? null,
      ...(origin === 'child' && principal.instanceId !== undefined ? { originId: principal.instanceId } : {}),
    });
    if (planned.outcome === 'unchanged' && current) return { object: current, outcome: 'unchanged' };
    const settings = await ctx.pageSize.settingsForWrite();
    const result = await ctx.store.applyBatch(settings ? { ...planned.plan, settings } : planned.plan);
    if (result.ok) {
      if (settings) ctx.pageSize.written();
      return { object: planned.plan.objects?.[0] as StoredObject, outcome: planned.outcome };
    }
    if (expectedVersion !== undefined && !anyVersion) return stale(expectedVersion, result.actual ?? undefined);
  }
  ctx.log.warn('write gave up under contention', { category, uuid });
  return appFailure('WRITE_CONTENDED', { details: { category, uuid } });
}

function stale(expected: string, actual: string | undefined): AppFailure {
  return appFailure('VERSION_MISMATCH', {
    message: actual === undefined
      ? `If-Match names version ${expected} but the object does not exist`
      : `If-Match names version ${expected} but the current version is ${actual}`,
    details: { expected, ...(actual === undefined ? {} : { actual }) },
  });
}
