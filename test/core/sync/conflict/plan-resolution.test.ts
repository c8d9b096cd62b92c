import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalHash, nullBodyHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { ConflictRecord, JsonObject, StoredObject, SyncStore } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { planConflict } from '../../../../src/core/sync/conflict/plan-conflict.ts';
import { type ResolutionChoice, planResolution } from '../../../../src/core/sync/conflict/plan-resolution.ts';
import { decidePush } from '../../../../src/core/sync/push/decide-push.ts';
import { selectPushRows } from '../../../../src/core/sync/push/select-push-rows.ts';
import { edited, fhirBody, patientUuid, storedOf } from './_bodies.ts';

const base = fhirBody();
const local = edited(base, (b) => { b.gender = 'male'; b.name[0].family = 'Odhiambo'; });
const parent = edited(base, (b) => { b.gender = 'other'; b.birthDate = '1992-04-18'; b.meta.versionId = '1772427700000'; });

let store: SyncStore;
const opts = (stored: StoredObject | undefined) => ({ stored, now: 9_000, eventId: 'resolve-1', instanceId: 'tablet-1', by: 'nurse' });

/** Stores `stored` and its conflict against `parentBody`; returns the record. */
async function setUp(stored: StoredObject, parentBody: JsonObject | null, reason: ConflictRecord['reason'] = 'overlap') {
  await store.applyBatch({ objects: [stored] });
  const { conflict, plan } = planConflict({ stored, parent: parentBody, reason, fields: ['gender'] }, { now: 8_000, instanceId: 'tablet-1' });
  await store.applyBatch(plan);
  return conflict;
}

async function resolve(conflict: ConflictRecord, choice: ResolutionChoice) {
  const result = planResolution(conflict, choice, opts(await store.getObject('patient', patientUuid)));
  if (!result.ok) throw new Error(`expected a plan, got ${result.reason}`);
  expect(await store.applyBatch(result.plan)).toMatchObject({ ok: true });
  return { result, object: (await store.getObject('patient', patientUuid)) as StoredObject };
}

beforeEach(() => { store = createMemoryStore(); });

describe('planResolution() writes the chosen body as a local change', () => {
  it('planResolution() taking local logs a local change over the parent\'s base, so push updates with If-Match', async () => {
    const conflict = await setUp(storedOf(base, local, { representation: 'fhir' }), parent);
    const { object } = await resolve(conflict, { take: 'local' });
    expect(object).toMatchObject({ body: local, hash: canonicalHash(local), version: '5', removed: false });
    expect(object.base).toEqual({ body: parent, hash: canonicalHash(parent), version: '1772427700000' });
    const rows = await store.changesSince(0);
    expect(rows).toMatchObject([{ eventId: 'resolve-1', origin: 'local', action: 'UPDATED', hash: canonicalHash(local) }]);
    const [item] = selectPushRows(rows);
    expect(item?.uuid).toBe(patientUuid);
    expect(decidePush(object, { body: parent, version: '1772427700000' })).toMatchObject({
      kind: 'write', op: 'update', body: local, ifMatch: '1772427700000', basis: 'parent-unchanged',
    });
  });

  it('planResolution() closes the record and audits the resolution', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    await resolve(conflict, { take: 'local' });
    expect(await store.listConflicts({ open: true })).toEqual([]);
    expect(await store.getConflict(conflict.id)).toEqual({ ...conflict, resolvedAt: 9_000, resolution: 'local' });
    const [row] = await store.listAudit({ operation: 'resolve' });
    expect(row).toMatchObject({
      outcome: 'ok', category: 'patient', uuid: patientUuid, instanceId: 'tablet-1',
      details: { conflictId: conflict.id, resolution: 'local', reason: 'overlap', by: 'nurse', hash: canonicalHash(local) },
    });
  });

  it('planResolution() with a merged body writes it as a local change', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    const merged = edited(parent, (b) => { b.name[0].family = 'Odhiambo'; });
    const { object, result } = await resolve(conflict, { take: 'merged', body: merged });
    expect(result).toMatchObject({ ok: true, resolution: 'merged' });
    expect(object.body).toEqual(merged);
    expect(object.base?.hash).toBe(canonicalHash(parent));
    expect(hasUnpushedChange(object)).toBe(true);
  });

  it('planResolution() by fields takes the named sides and merges the rest', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    const { object } = await resolve(conflict, { fields: { gender: 'local' } });
    expect(object.body).toMatchObject({ gender: 'male', birthDate: '1992-04-18', name: [{ family: 'Odhiambo' }], meta: parent['meta'] });
    expect((await store.getConflict(conflict.id))?.resolution).toBe('merged');
  });

  it('planResolution() by fields asks for every field still in conflict', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    expect(planResolution(conflict, { fields: {} }, opts(await store.getObject('patient', patientUuid))))
      .toEqual({ ok: false, reason: 'fields-missing', fields: ['gender'] });
  });

  it('planResolution() taking local for a local removal logs the category\'s removal action', async () => {
    const conflict = await setUp(storedOf(base, null), parent, 'removed-locally');
    const { object } = await resolve(conflict, { take: 'local' });
    expect(object).toMatchObject({ removed: true, body: base, base: { hash: canonicalHash(parent) } });
    expect(await store.changesSince(0)).toMatchObject([{ action: 'VOIDED', origin: 'local' }]);
    expect(decidePush(object, { body: parent })).toMatchObject({ kind: 'write', op: 'remove', body: null });
  });

  it('planResolution() taking local against a parent removal restores the object there', async () => {
    const conflict = await setUp(storedOf(base, local), null, 'removed-on-parent');
    const { object } = await resolve(conflict, { take: 'local' });
    expect(object.base).toEqual({ body: null, hash: nullBodyHash });
    expect(decidePush(object, { removed: true })).toMatchObject({ kind: 'write', op: 'update', body: local, basis: 'parent-unchanged' });
  });
});

describe('planResolution() taking the parent', () => {
  it('planResolution() taking parent makes the object the parent\'s, with nothing left to push', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    const { object } = await resolve(conflict, { take: 'parent' });
    expect(object).toMatchObject({ body: parent, hash: canonicalHash(parent), version: '5', base: { body: parent, version: '1772427700000' } });
    expect(hasUnpushedChange(object)).toBe(false);
    const rows = await store.changesSince(0);
    expect(rows).toMatchObject([{ origin: 'parent', action: 'UPDATED' }]);
    expect(selectPushRows(rows)).toEqual([]);
  });

  it('planResolution() taking a parent removal keeps the local body in a tombstone in step with the parent', async () => {
    const conflict = await setUp(storedOf(base, local), null, 'removed-on-parent');
    const { object } = await resolve(conflict, { take: 'parent' });
    expect(object).toMatchObject({ removed: true, body: local, base: { body: null, hash: nullBodyHash } });
    expect(hasUnpushedChange(object)).toBe(false);
    expect(await store.changesSince(0)).toMatchObject([{ origin: 'parent', action: 'VOIDED' }]);
  });
});

describe('planResolution() refuses', () => {
  it('planResolution() refuses a resolved conflict, a changed local object and a bad choice', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    const stored = await store.getObject('patient', patientUuid);
    expect(planResolution({ ...conflict, resolvedAt: 1 }, { take: 'local' }, opts(stored))).toEqual({ ok: false, reason: 'resolved' });
    const moved = stored && { ...stored, body: base, hash: canonicalHash(base) };
    expect(planResolution(conflict, { take: 'local' }, opts(moved))).toEqual({ ok: false, reason: 'stale' });
    expect(planResolution(conflict, { take: 'local' }, opts(undefined))).toEqual({ ok: false, reason: 'stale' });
    expect(planResolution(conflict, { take: 'merged', body: [] as unknown as JsonObject }, opts(stored))).toEqual({ ok: false, reason: 'invalid-choice' });
    expect(planResolution({ ...conflict, parent: null }, { fields: { gender: 'local' } }, opts(stored))).toEqual({ ok: false, reason: 'invalid-choice' });
  });

  it('planResolution() applied twice changes nothing the second time: the version moved', async () => {
    const conflict = await setUp(storedOf(base, local), parent);
    const result = planResolution(conflict, { take: 'local' }, opts(await store.getObject('patient', patientUuid)));
    if (!result.ok) throw new Error('expected a plan');
    await store.applyBatch(result.plan);
    expect(await store.applyBatch(result.plan)).toMatchObject({ ok: false, reason: 'precondition' });
    expect(await store.changesSince(0)).toHaveLength(1);
  });
});
