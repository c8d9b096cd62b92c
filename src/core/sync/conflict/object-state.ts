/** An object's sync state as push and conflicts see it: a body, or null when removed, on each side. */

import { type CategoryInfo, defaultCategories, type FeedAction, findCategory } from '../../categories/category-table.ts';
import { canonicalHash, nullBodyHash } from '../../hash/canonical-hash.ts';
import type { JsonObject, ObjectBase, StoredObject } from '../../store/store-port.ts';

/**
 * The key of an object: `category/uuid`. Also the id of its conflict record and of its push
 * failed event's tail, so a replay finds the same rows.
 */
export function objectKey(category: string, uuid: string): string {
  return `${category}/${uuid}`;
}

/** The local side of a three-way comparison: the body, or null when the object is removed here. */
export function localStateOf(stored: Pick<StoredObject, 'body' | 'removed'>): JsonObject | null {
  return stored.removed ? null : stored.body;
}

/**
 * Hash of the local state: the body's hash, or the null-body hash when removed. Compared with
 * `base.hash`, where a base with a null body means "removed on the parent (or never there)".
 */
export function stateHashOf(stored: Pick<StoredObject, 'hash' | 'removed'>): string {
  return stored.removed ? nullBodyHash : stored.hash;
}

/**
 * True when the local state differs from the base (or there is none): a change the parent has
 * not acknowledged.
 */
export function hasUnpushedChange(stored: Pick<StoredObject, 'hash' | 'removed' | 'base'>): boolean {
  return stored.base === undefined || stateHashOf(stored) !== stored.base.hash;
}

/** The base recording a parent state: its body and hash (null body when removed there) and version. */
export function baseOf(body: JsonObject | null, version?: string): ObjectBase {
  const base: ObjectBase = { body, hash: body === null ? nullBodyHash : canonicalHash(body) };
  const v = version ?? versionOfBody(body);
  if (v !== undefined) base.version = v;
  return base;
}

/** The FHIR `meta.versionId` a body carries, if any (REST bodies carry none). */
export function versionOfBody(body: JsonObject | null): string | undefined {
  const meta = body?.['meta'];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return undefined;
  const id = meta['versionId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The feed action of a change row leaving an object in a state: its category's removal action
 * (VOIDED, RETIRED, DELETED) when it ends removed (a child pulling the row must not fetch it), the
 * matching UN- action for a restore, CREATED for a new object, else UPDATED.
 */
export function transitionAction(
  category: string,
  transition: { before: Pick<StoredObject, 'removed'> | undefined; removed: boolean },
  table: readonly CategoryInfo[] = defaultCategories,
): FeedAction {
  const removal = findCategory(category, table)?.removal ?? 'DELETED';
  const { before, removed } = transition;
  if (removed) return removal;
  if (!before) return 'CREATED';
  if (!before.removed) return 'UPDATED';
  return removal === 'VOIDED' ? 'UNVOIDED' : removal === 'RETIRED' ? 'UNRETIRED' : 'UPDATED';
}
