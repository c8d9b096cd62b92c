/** Fixtures of the conflict and failed-event endpoint tests: an edge app in-process with objects stored in conflict or failed to push. */

import { failedEventId } from '../../../src/core/feed/failed-event-policy.ts';
import { canonicalHash } from '../../../src/core/hash/canonical-hash.ts';
import type { FailedEvent, JsonObject, StoredObject, SyncStore } from '../../../src/core/store/store-port.ts';
import { baseOf } from '../../../src/core/sync/conflict/object-state.ts';
import { planConflict } from '../../../src/core/sync/conflict/plan-conflict.ts';

export const conflictsUrl = '/openmrs/ws/rest/sync2/conflicts';
export const failedEventsUrl = '/openmrs/ws/rest/sync2/failed-events';

/** A FHIR patient body. */
export function patient(uuid: string, fields: JsonObject = {}): JsonObject {
  return { resourceType: 'Patient', id: uuid, gender: 'female', birthDate: '1990-01-01', name: [{ family: 'Otieno', given: ['Akinyi'] }], ...fields };
}

/** Stores `local` as an unpushed local change over `base` (the parent's last agreed body). */
export async function storeLocalChange(store: SyncStore, uuid: string, bodies: { base: JsonObject | null; local: JsonObject }): Promise<StoredObject> {
  const object: StoredObject = {
    category: 'patient', uuid, representation: 'fhir', body: bodies.local, hash: canonicalHash(bodies.local), version: '3',
    removed: false, updatedAt: 1_000, base: { ...baseOf(bodies.base), version: 'p1' },
  };
  const result = await store.applyBatch({
    objects: [object],
    changes: [{ eventId: crypto.randomUUID(), category: 'patient', uuid, action: 'UPDATED', origin: 'local', hash: object.hash, at: 1_000 }],
  });
  if (!result.ok) throw new Error('fixture write failed');
  return object;
}

/**
 * A patient changed here (`local`) and on the parent (`parent`) since `base`, with the open
 * conflict record push or pull would have written.
 */
export async function storeConflict(
  store: SyncStore,
  uuid: string,
  bodies: { base: JsonObject; local: JsonObject; parent: JsonObject | null; fields: string[]; createdAt?: number },
): Promise<string> {
  const stored = await storeLocalChange(store, uuid, bodies);
  const { conflict, plan } = planConflict(
    { stored, parent: bodies.parent, reason: bodies.parent === null ? 'removed-on-parent' : 'overlap', fields: bodies.fields },
    { now: bodies.createdAt ?? 2_000, instanceId: 'edge-test' },
  );
  await store.applyBatch(plan);
  return conflict.id;
}

/** A failed push of the stored object `uuid` (dead or due later). */
export async function storeFailedPush(store: SyncStore, uuid: string, options: { dead?: boolean; attempts?: number } = {}): Promise<FailedEvent> {
  const event: FailedEvent = {
    id: failedEventId({ direction: 'push', feed: 'push', category: 'patient', uuid }), direction: 'push', feed: 'push', category: 'patient', uuid, action: 'UPDATED',
    error: { code: 'HTTP_ERROR', message: 'HTTP 500 from parent' }, attempts: options.attempts ?? 3, firstFailedAt: 1_000, lastFailedAt: 5_000,
    ...(options.dead ? {} : { nextRetryAt: Date.UTC(2030, 0, 1) }), dead: options.dead ?? false,
  };
  await store.applyBatch({ failedEvents: { put: [event] } });
  return event;
}

/** A failed pull of a feed entry. */
export async function storeFailedPull(store: SyncStore, uuid: string): Promise<FailedEvent> {
  const event: FailedEvent = {
    id: `pull:patient:entry-${uuid}`, direction: 'pull', feed: 'patient', entryId: `entry-${uuid}`, category: 'patient', uuid, action: 'UPDATED',
    links: { fhir: `/ws/fhir2/R4/Patient/${uuid}` }, error: { code: 'HTTP_ERROR', message: 'HTTP 502' }, attempts: 1,
    firstFailedAt: 1_000, lastFailedAt: 1_000, nextRetryAt: Date.UTC(2029, 0, 1), dead: false,
  };
  await store.applyBatch({ failedEvents: { put: [event] } });
  return event;
}
