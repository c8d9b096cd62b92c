/** The network part of pushing one object: an optimistic If-Match write, or read, decide and write, until the parent says yes, stands, or fails. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { ParentRead, WritableResourceManager, WriteOutcome } from '../../clients/resource-manager.ts';
import { writeRouteOf } from '../../clients/write-route.ts';
import type { SerializedFailure, StoredObject } from '../../store/store-port.ts';
import type { ConflictPolicy, PolicyClocks } from '../conflict/resolve-by-policy.ts';
import { objectRefOf } from './_object-ref.ts';
import { decidePush, optimisticPush, type PushDecision, type PushWrite } from './decide-push.ts';
import { ackOfParent, type PushAck } from './plan-push-success.ts';

/** Where the parent stands on the object after the exchange. */
export type Negotiated =
  | { kind: 'acked'; decision: Extract<PushDecision, { kind: 'write' | 'already' }>; ack: PushAck; url?: string; client?: string; date?: number }
  | { kind: 'no-write'; decision: Extract<PushDecision, { kind: 'nothing' | 'take-parent' | 'conflict' }>; url?: string; client?: string }
  | { kind: 'failed'; error: SerializedFailure; url?: string; client?: string };

export interface NegotiateOptions {
  manager: WritableResourceManager;
  categories: readonly CategoryInfo[];
  policy: ConflictPolicy;
  clocks: PolicyClocks;
  deep: boolean;
  signal?: AbortSignal;
}

/** Reads and writes tried before giving up with PUSH_CONTENDED. */
const maxRounds = 3;

/**
 * Pushes `stored`. On a parent that creates with client ids and honours If-Match (an edge node),
 * an object with a versioned base is written at once with `If-Match` on that version (one request);
 * otherwise, and after a 412, the parent's state is read and {@linkcode decidePush} decides. A
 * create whose uuid exists (409, OpenMRS's 500) is read again; found equal it is `already`.
 * Throws what the manager throws (transport failures of reads, PARENT_UNAUTHORIZED, ABORTED).
 */
export async function negotiate(stored: StoredObject, options: NegotiateOptions): Promise<Negotiated> {
  const { manager } = options;
  const call = options.signal ? { signal: options.signal } : {};
  const ref = objectRefOf(stored, options.categories);
  const route = writeRouteOf(ref, stored.representation, await manager.capabilities(call), { categories: options.categories });
  if (route.client === 'none') return { kind: 'failed', error: route.error };
  if (route.client === 'fhir' && route.versioned && route.createWithId && stored.base?.version !== undefined) {
    const write = optimisticPush(stored);
    const out = await manager.writeObject({ ...ref, representation: stored.representation, ...write }, call);
    if (out.kind === 'ok') return acked({ kind: 'write', basis: 'parent-unchanged', ...write }, out);
    if (out.kind === 'failed') return out;
  }
  return await readThenWrite(stored, options);
}

async function readThenWrite(stored: StoredObject, options: NegotiateOptions): Promise<Negotiated> {
  const { manager } = options;
  const call = options.signal ? { signal: options.signal } : {};
  const ref = objectRefOf(stored, options.categories);
  let exists: Extract<WriteOutcome, { kind: 'exists' }> | undefined;
  for (let round = 0; round < maxRounds; round += 1) {
    const now = await manager.readCurrent(ref, stored.representation, call);
    if (exists && 'missing' in now) return failedStatus(exists.status, exists.url);
    const decision = decidePush(stored, now, { policy: options.policy, clocks: options.clocks, deep: options.deep });
    if (decision.kind === 'already') return { kind: 'acked', decision, ack: ackOfParent(now), url: now.url, client: now.client };
    if (decision.kind !== 'write') return { kind: 'no-write', decision, url: now.url, client: now.client };
    const out = await manager.writeObject({ ...ref, representation: stored.representation, ...writeOf(decision), current: currentOf(now) }, call);
    if (out.kind === 'ok') return acked(decision, out);
    if (out.kind === 'failed') return out;
    exists = out.kind === 'exists' ? out : undefined;
  }
  const error: SerializedFailure = { code: 'PUSH_CONTENDED', message: 'The object kept changing on the parent while it was being pushed', details: { rounds: maxRounds } };
  return { kind: 'failed', error };
}

function acked(decision: Extract<PushDecision, { kind: 'write' }>, out: Extract<WriteOutcome, { kind: 'ok' }>): Negotiated {
  const version = out.version !== undefined ? { version: out.version } : {};
  const ack: PushAck = out.body === null ? { removed: true, ...version } : { body: out.body, ...version };
  return { kind: 'acked', decision, ack, url: out.url, client: out.client, ...(out.date !== undefined ? { date: out.date } : {}) };
}

function writeOf(decision: PushWrite): PushWrite {
  return { op: decision.op, body: decision.body, ...(decision.ifMatch !== undefined ? { ifMatch: decision.ifMatch } : {}) };
}

function currentOf(now: ParentRead): PushWrite['body'] {
  return 'body' in now ? now.body : null;
}

function failedStatus(status: number, url: string): Negotiated {
  return { kind: 'failed', error: { code: 'HTTP_ERROR', message: `HTTP ${status} from ${url}`, details: { status, url } }, url };
}
