/** The state of one push run and the step that settles one object: skip it, or push it and apply its plan (with the marker when it can move). */

import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { ChangeRow, FeedMarker, StoredObject, SyncStore } from '../../store/store-port.ts';
import { hasUnpushedChange, objectKey, stateHashOf } from '../conflict/object-state.ts';
import { parentClockOf } from '../conflict/parent-clock-of.ts';
import { pushFailedEventId } from './_push-audit.ts';
import { type AckClock, type AckMark, clocksFor } from './_ack-clock.ts';
import { type PushObjectContext, type PushObjectResult, type PushOutcome, pushObject } from './push-object.ts';
import { pushMarker, pushMarkerSeq } from './push-marker.ts';
import type { PushCounts } from './push-types.ts';
import type { PushItem } from './select-push-rows.ts';

/** What a run accumulates. */
export interface PushRun {
  store: SyncStore;
  context: PushObjectContext;
  counts: PushCounts;
  markerSeq: number;
  /** The ack clock as stored when the run began: times local changes for `last-write-wins`. */
  ackClock: AckClock;
  /** The latest acknowledgement, for the ack clock. */
  ack?: AckMark;
  /** Set when the parent stopped answering: the run ends. */
  stop?: PushObjectResult['stop'];
}

/** The rows of the window being settled and the objects settled in it. */
export interface PushWindow {
  rows: readonly ChangeRow[];
  settled: Set<string>;
}

const countOf: Record<PushOutcome, keyof PushCounts> = {
  pushed: 'pushed', merged: 'pushed', already: 'already', 'took-parent': 'tookParent', conflict: 'conflicts', failed: 'failed', nothing: 'skipped',
};

/**
 * Settles one object: nothing to do (no unpushed change, an open conflict whose local side is
 * unchanged, a failed event not due) leaves it settled without a request; otherwise (an open
 * conflict whose local side moved on included: it settles or is queued again) it is pushed and
 * its plan applied, with the
 * marker moved as far as the settled objects allow (`window` absent: a failed-event retry, the
 * marker untouched). A plan whose precondition fails is planned again on the object as it is now.
 */
export async function settleObject(run: PushRun, target: { category: string; uuid: string; item?: PushItem }, window?: PushWindow): Promise<void> {
  const { store } = run;
  const key = objectKey(target.category, target.uuid);
  const stored = await store.getObject(target.category, target.uuid);
  const failed = await store.getFailedEvent(pushFailedEventId(target.category, target.uuid));
  const conflict = await store.getConflict(key);
  const now = run.context.now();
  const waiting = window !== undefined && failed !== undefined && (failed.dead || (failed.nextRetryAt ?? 0) > now);
  // Queued for a person, unless the local side moved on since: then it is negotiated again (settles, or re-queues).
  const open = conflict !== undefined && conflict.resolvedAt === undefined ? conflict : undefined;
  const stale = open !== undefined && stored !== undefined && stateHashOf(stored) !== canonicalHash(open.local);
  if (!stored || (!hasUnpushedChange(stored) && !stale) || (open && !stale) || waiting) {
    run.counts.skipped += 1;
    window?.settled.add(key);
    // A retried object with nothing left to push, or now in the conflict queue: its failed event is done.
    if (!window && failed) await store.applyBatch({ failedEvents: { delete: [failed.id] } });
    return;
  }
  run.counts.objects += 1;
  run.context.clocks = clocksFor(stored, run.ackClock);
  const result = await pushObject({ stored, ...opt('item', target.item), ...opt('failed', failed), ...opt('conflict', conflict) }, run.context);
  window?.settled.add(key);
  const seq = window ? pushMarkerSeq(window.rows, (k) => window.settled.has(k), run.markerSeq) : run.markerSeq;
  const marker = seq > run.markerSeq ? pushMarker(seq, now) : undefined;
  if (await applyResult(store, { stored, result, ...opt('marker', marker) })) {
    if (marker) run.markerSeq = seq;
    run.counts[countOf[result.outcome]] += 1;
    if (result.outcome === 'merged') run.counts.merged += 1;
    noteAck(run, result, now);
  } else {
    window?.settled.delete(key);
  }
  if (result.stop) run.stop = result.stop;
}

/** Applies the result's plan; after a failed precondition, plans again on the object as stored now (a few times). */
async function applyResult(store: SyncStore, what: { stored: StoredObject; result: PushObjectResult; marker?: FeedMarker }): Promise<boolean> {
  let current: StoredObject | undefined = what.stored;
  for (let attempt = 0; attempt < 3 && current; attempt += 1) {
    const plan = what.result.plan(current, what.marker);
    if (!plan) return false;
    const applied = await store.applyBatch(plan);
    if (applied.ok) return true;
    current = await store.getObject(what.stored.category, what.stored.uuid);
  }
  return false;
}

/** Moves the marker past what is settled, alone (rows of the parent, objects skipped), when no object's plan carried it. */
export async function moveMarker(run: PushRun, window: PushWindow): Promise<void> {
  const seq = pushMarkerSeq(window.rows, (k) => window.settled.has(k), run.markerSeq);
  if (seq <= run.markerSeq) return;
  const applied = await run.store.applyBatch({ markers: [pushMarker(seq, run.context.now())] });
  if (applied.ok) run.markerSeq = seq;
}

function noteAck(run: PushRun, result: PushObjectResult, now: number): void {
  if (!result.acked) return;
  const parentAt = result.acked.date ?? parentClockOf(result.acked.body ?? null);
  if (parentAt !== undefined && (run.ack === undefined || parentAt >= run.ack.parentAt)) run.ack = { parentAt, localAt: now };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

