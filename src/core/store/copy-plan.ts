/** A store's private copy of a write plan: plain-data copies, a pulled body shared with its base copied once. */

import { SyncError } from '../errors/sync-error.ts';
import { copyJson, NotPlainDataError } from './copy-json.ts';
import type { BatchPlan, StoredObject } from './store-port.ts';

/**
 * A copy of `plan` sharing nothing with it, so a caller changing its plan while a batch runs
 * changes nothing. Settings keep their undefined values (deletions). Throws SyncError
 * STORE_BATCH_INVALID (details.path: where, problem: 'not cloneable') for a value that is not
 * plain data. A plan that is not an object is returned as it is, for validation to refuse.
 *
 * @example
 * ```ts
 * const plan = copyPlan(input);
 * validateBatchPlan(plan);
 * ```
 */
export function copyPlan(plan: BatchPlan): BatchPlan {
  try {
    if (typeof plan !== 'object' || plan === null) return plan; // validateBatchPlan refuses it
    const { settings, objects, ...rest } = plan;
    const copy: BatchPlan = copyJson(rest);
    if (objects !== undefined) {
      copy.objects = Array.isArray(objects) ? objects.map((o, i) => within(['objects', i], () => copyStoredObject(o))) : copyJson(objects);
    }
    // An undefined setting is a deletion, which copyJson would drop.
    if (settings !== undefined) {
      copy.settings = Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, within(['settings', key], () => copyJson(value))]));
    }
    return copy;
  } catch (cause) {
    if (!(cause instanceof NotPlainDataError)) throw cause;
    throw new SyncError('STORE_BATCH_INVALID', { details: { path: `plan${cause.path.slice(1)}`, problem: 'not cloneable' }, cause });
  }
}

/** Runs `copy`, adding `path` (outermost first) to the path of a NotPlainDataError it throws. */
function within<T>(path: readonly (string | number)[], copy: () => T): T {
  try {
    return copy();
  } catch (error) {
    if (error instanceof NotPlainDataError) for (const key of [...path].reverse()) error.within(key);
    throw error;
  }
}

/** Copies an object row; a base that shares the body object (a pulled object) shares the copy, so it is copied once. */
function copyStoredObject(object: StoredObject): StoredObject {
  const { base } = object ?? {};
  if (base === undefined || base === null || base.body !== object.body) return copyJson(object);
  const { body, base: _, ...fields } = object;
  const shared = within(['body'], () => copyJson(body));
  return { ...copyJson(fields), body: shared, base: { ...copyJson({ ...base, body: null }), body: shared } };
}

