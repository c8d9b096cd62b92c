/** Deciding what pushing one object does, from its stored state and the parent's current one: write, nothing, adopt, or conflict. */

import { canonicalHash, nullBodyHash } from '../../hash/canonical-hash.ts';
import type { JsonObject, StoredObject } from '../../store/store-port.ts';
import { localStateOf } from '../conflict/object-state.ts';
import { type ConflictPolicy, type PolicyClocks, type PolicyDecision, resolveByPolicy } from '../conflict/resolve-by-policy.ts';
import { type ConflictReason, threeWayMerge } from '../conflict/three-way-merge.ts';

/** The parent's state of the object, read just before deciding (or after a 412). */
export type ParentNow =
  | { body: JsonObject; version?: string }
  /** Removed there (FHIR 410, a voided REST body mapped by the client). */
  | { removed: true; version?: string }
  /** Unknown there (404 everywhere). */
  | { missing: true };

/** The request to make: `body` is null for a removal; `ifMatch` is the parent version the decision read. */
export interface PushWrite {
  op: 'create' | 'update' | 'remove';
  body: JsonObject | null;
  ifMatch?: string;
}

/** What to do with one object. */
export type PushDecision =
  /** Send `write`. `basis`: new on the parent, parent unchanged since base, a merge, or a policy. */
  | ({ kind: 'write'; basis: 'new' | 'parent-unchanged' | 'merged' | 'policy'; fields?: string[]; policy?: PolicyDecision } & PushWrite)
  /** The parent already holds the local state (a lost acknowledgement): success without writing. */
  | { kind: 'already' }
  /** Removed here and never on the parent: nothing to send. */
  | { kind: 'nothing' }
  /** The parent's version stands: its change holds the local one, or the policy chose it. */
  | { kind: 'take-parent'; parent: JsonObject | null; version?: string; basis: 'subsumed' | 'policy'; policy?: PolicyDecision }
  /** Both changed: queue both versions (see `planConflict`). */
  | { kind: 'conflict'; reason: ConflictReason; fields: string[]; paths: string[]; parent: JsonObject | null; policy: PolicyDecision };

export interface DecidePushOptions {
  /** @default 'manual' */
  policy?: ConflictPolicy;
  /** For `last-write-wins`; see `resolveByPolicy`. */
  clocks?: PolicyClocks;
  /** Merge inside nested objects and identified arrays. @default true */
  deep?: boolean;
}

/**
 * Decides against the parent's current state: equal states → `already` (or `nothing`); no base
 * and missing on the parent → create; the parent unchanged since the base (`base.hash` equals its
 * state's hash; a removed or missing parent hashes as a null body) → write the local state;
 * otherwise a three-way merge against the base: a merged body is written, a conflict goes to the
 * policy. Writes carry `ifMatch` = the version just read. Pure.
 *
 * @example
 * ```ts
 * const d = decidePush(stored, { body: parentBody, version: '7' });
 * if (d.kind === 'write') await client.write(d);
 * ```
 */
export function decidePush(stored: StoredObject, parentNow: ParentNow, options: DecidePushOptions = {}): PushDecision {
  const local = localStateOf(stored);
  const parent = 'body' in parentNow ? parentNow.body : null;
  const parentHash = parent === null ? nullBodyHash : canonicalHash(parent);
  const missing = 'missing' in parentNow;
  if (canonicalHash(local) === parentHash) return local === null && missing && !stored.base ? { kind: 'nothing' } : { kind: 'already' };
  if (!stored.base && missing) return { kind: 'write', basis: 'new', ...writeOf(local, parentNow) };
  if (stored.base?.hash === parentHash) return { kind: 'write', basis: 'parent-unchanged', ...writeOf(local, parentNow) };
  const merge = threeWayMerge(stored.base?.body ?? null, local, parent, { deep: options.deep ?? true });
  const version = 'version' in parentNow ? parentNow.version : undefined;
  switch (merge.kind) {
    case 'same':
      return { kind: 'already' };
    case 'take-local':
      return { kind: 'write', basis: 'merged', ...writeOf(local, parentNow) };
    case 'take-parent':
      return { kind: 'take-parent', parent, ...optional(version), basis: 'subsumed' };
    case 'merged':
      return { kind: 'write', basis: 'merged', fields: merge.fields, ...writeOf(merge.body, parentNow) };
  }
  const policy = resolveByPolicy({ parent }, options.policy ?? 'manual', options.clocks);
  if (policy.take === 'local') return { kind: 'write', basis: 'policy', policy, ...writeOf(local, parentNow) };
  if (policy.take === 'parent') return { kind: 'take-parent', parent, ...optional(version), basis: 'policy', policy };
  return { kind: 'conflict', reason: merge.reason, fields: merge.fields, paths: merge.paths, parent, policy };
}

/**
 * The write for a parent that honours `If-Match` (an edge node), sent without reading first:
 * create without a base, else update or remove with `If-Match` on the base version. On a 412 the
 * caller reads the parent and calls {@linkcode decidePush}.
 */
export function optimisticPush(stored: StoredObject): PushWrite {
  const local = localStateOf(stored);
  if (!stored.base) return { op: 'create', body: local };
  return { op: local === null ? 'remove' : 'update', body: local, ...(stored.base.version !== undefined ? { ifMatch: stored.base.version } : {}) };
}

function writeOf(body: JsonObject | null, parentNow: ParentNow): PushWrite {
  if (body !== null && 'missing' in parentNow) return { op: 'create', body };
  const write: PushWrite = { op: body === null ? 'remove' : 'update', body };
  if ('version' in parentNow && parentNow.version !== undefined) write.ifMatch = parentNow.version;
  return write;
}

function optional(version: string | undefined): { version?: string } {
  return version === undefined ? {} : { version };
}
