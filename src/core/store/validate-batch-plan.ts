/** Shape checks of a BatchPlan, run before a store writes anything: an invalid plan is a bug, so it throws. */

import { feedActions } from '../categories/category-table.ts';
import { SyncError } from '../errors/sync-error.ts';
import type { BatchPlan, NewAuditRow } from './store-port.ts';

type Check = (value: unknown) => boolean;
type Shape = Record<string, Check>;

const text: Check = (v) => typeof v === 'string';
const id: Check = (v) => typeof v === 'string' && v.length > 0;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const record: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (values: readonly unknown[]): Check => (v) => values.includes(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const listOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const bodyOrNull: Check = (v) => v === null || record(v);

// Records keyed by the union types, so adding a member to the port without adding it here fails to compile.
const operations: Record<NewAuditRow['operation'], true> = {
  pull: true, push: true, conflict: true, merge: true, resolve: true, failure: true, retry: true, warning: true, drop: true,
};
const outcomes: Record<NewAuditRow['outcome'], true> = { ok: true, noop: true, failed: true, conflict: true, skipped: true, warning: true };

const shapes = {
  preconditions: { category: id, uuid: id, version: (v: unknown) => v === null || id(v) },
  objects: {
    category: id, uuid: id, representation: oneOf(['fhir', 'rest']), body: bodyOrNull, hash: id, version: id,
    removed: bool, updatedAt: num, base: optional((b) => record(b) && bodyOrNull((b as Shape)['body']) && id((b as Shape)['hash'])),
  },
  changes: {
    eventId: id, category: id, uuid: id, action: oneOf(feedActions), origin: oneOf(['local', 'parent', 'child']),
    originId: optional(text), hash: id, at: num, filters: optional(listOf(text)),
  },
  markers: { feed: id, updatedAt: num, lastSeq: optional(num) },
  failedEvents: {
    id, direction: oneOf(['pull', 'push']), feed: text, category: id, uuid: id, attempts: num,
    error: (v: unknown) => record(v) && text((v as Shape)['code']), firstFailedAt: num, lastFailedAt: num,
    nextRetryAt: optional(num), dead: bool,
  },
  audit: {
    at: num, operation: (v: unknown) => typeof v === 'string' && Object.hasOwn(operations, v),
    outcome: (v: unknown) => typeof v === 'string' && Object.hasOwn(outcomes, v), instanceId: text,
  },
  conflicts: { id, category: id, uuid: id, fields: listOf(text), createdAt: num, resolvedAt: optional(num) },
} satisfies Record<string, Shape>;

/**
 * Throws a `STORE_BATCH_INVALID` SyncError (details: `path`, `problem`) when the plan is
 * malformed: a missing or wrongly typed field, the same key twice in one list (object,
 * event id, marker feed, failed event or conflict id), or an id both put and deleted.
 *
 * @example Reject a change without an event id
 * ```ts
 * validateBatchPlan({ changes: [{ ...change, eventId: '' }] }); // throws STORE_BATCH_INVALID
 * ```
 */
export function validateBatchPlan(plan: BatchPlan): void {
  if (!record(plan)) invalid('plan', 'not an object');
  checkList('preconditions', plan.preconditions, shapes.preconditions);
  checkList('objects', plan.objects, shapes.objects, (o) => `${o['category']}\u0000${o['uuid']}`);
  checkList('changes', plan.changes, shapes.changes, (c) => c['eventId']);
  checkList('markers', plan.markers, shapes.markers, (m) => m['feed']);
  checkList('audit', plan.audit, shapes.audit);
  checkPutDelete('failedEvents', plan.failedEvents, shapes.failedEvents);
  checkPutDelete('conflicts', plan.conflicts, shapes.conflicts);
  if (plan.settings !== undefined && !record(plan.settings)) invalid('settings', 'not an object');
  if (plan.settings && Object.hasOwn(plan.settings, '')) invalid('settings', 'empty key');
}

type Row = Record<string, unknown>;

// Each shape's fields as a list, made once: plans carry thousands of rows.
const fieldLists = new WeakMap<Shape, [string, Check][]>();
const fieldsOf = (shape: Shape): [string, Check][] => {
  let fields = fieldLists.get(shape);
  if (fields === undefined) fieldLists.set(shape, (fields = Object.entries(shape)));
  return fields;
};

function checkList(path: string, list: unknown, shape: Shape, keyOf?: (row: Row) => unknown): Set<unknown> {
  const keys = new Set<unknown>();
  if (list === undefined) return keys;
  if (!Array.isArray(list)) invalid(path, 'not an array');
  const fields = fieldsOf(shape);
  list.forEach((row: unknown, i) => {
    if (!record(row)) invalid(`${path}[${i}]`, 'not an object');
    for (const [field, check] of fields) {
      if (!check((row as Row)[field])) invalid(`${path}[${i}].${field}`, 'missing or invalid');
    }
    const key = keyOf?.(row as Row);
    if (keyOf && keys.has(key)) invalid(`${path}[${i}]`, 'duplicate key in the plan');
    keys.add(key);
  });
  return keys;
}

function checkPutDelete(path: string, part: { put?: unknown; delete?: unknown } | undefined, shape: Shape): void {
  if (part === undefined) return;
  if (!record(part)) invalid(path, 'not an object');
  const put = checkList(`${path}.put`, part.put, shape, (row) => row['id']);
  if (part.delete !== undefined && !listOf(id)(part.delete)) invalid(`${path}.delete`, 'not a list of ids');
  for (const key of (part.delete ?? []) as string[]) {
    if (put.has(key)) invalid(`${path}.delete`, `id ${key} is both put and deleted`);
  }
}

function invalid(path: string, problem: string): never {
  throw new SyncError('STORE_BATCH_INVALID', {
    message: `The write plan is invalid and nothing was written: ${path}: ${problem}`,
    details: { path, problem },
  });
}
