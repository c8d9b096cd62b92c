import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { JsonObject, StoredObject } from '../../../src/core/store/store-port.ts';
import { type LocalChange, nextVersion, planLocalWrite } from '../../../src/core/sync/plan-local-write.ts';

const uuid = '7c01fa0c-c670-4c1b-9b37-16effddb070b';
const patient = (family: string): JsonObject => ({ resourceType: 'Patient', id: uuid, name: [{ family }] });
const change = (body: JsonObject | null, extra: Partial<LocalChange> = {}): LocalChange => ({
  category: 'patient', uuid, representation: 'fhir', body, ...extra,
});
const stored = (body: JsonObject | null, extra: Partial<StoredObject> = {}): StoredObject => ({
  category: 'patient', uuid, representation: 'fhir', body, hash: canonicalHash(body), version: '3',
  removed: false, updatedAt: 5, ...extra,
});

describe('planLocalWrite()', () => {
  it('planLocalWrite() creates version 1 with a CREATED row and a must-not-exist precondition', () => {
    const { plan, outcome } = planLocalWrite(undefined, change(patient('Otieno')), { origin: 'local', now: 1000, eventId: 'e1' });
    expect(outcome).toBe('created');
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid, version: null }]);
    expect(plan.objects?.[0]).toMatchObject({ version: '1', removed: false, updatedAt: 1000, hash: canonicalHash(patient('Otieno')) });
    expect(plan.changes).toEqual([{
      eventId: 'e1', category: 'patient', uuid, action: 'CREATED', origin: 'local', hash: canonicalHash(patient('Otieno')), at: 1000,
    }]);
  });

  it('planLocalWrite() bumps the version, keeps the base and expects the version it read', () => {
    const base = { body: patient('Old'), hash: canonicalHash(patient('Old')), version: '17' };
    const { plan, outcome } = planLocalWrite(stored(patient('Otieno'), { base }), change(patient('Achieng')), {
      origin: 'local', now: 2000, eventId: 'e2',
    });
    expect(outcome).toBe('updated');
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid, version: '3' }]);
    expect(plan.objects?.[0]).toMatchObject({ version: '4', base, body: patient('Achieng') });
    expect(plan.changes?.[0]?.action).toBe('UPDATED');
  });

  it('planLocalWrite() logs nothing for a body with the same canonical hash', () => {
    const echo = { ...patient('Otieno'), meta: { versionId: '9' }, text: { status: 'generated' } };
    const { plan, outcome } = planLocalWrite(stored(patient('Otieno')), change(echo), { origin: 'child', originId: 'c1', now: 1, eventId: 'e' });
    expect(outcome).toBe('unchanged');
    expect(plan.objects).toBeUndefined();
    expect(plan.changes).toBeUndefined();
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid, version: '3' }]);
  });

  it('planLocalWrite() uses the expected version given, also when nothing changes', () => {
    const { plan } = planLocalWrite(stored(patient('Otieno')), change(patient('Otieno')), {
      origin: 'local', now: 1, eventId: 'e', expectedVersion: '2',
    });
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid, version: '2' }]);
  });

  it('planLocalWrite() plans a removal with the caller\'s action and the same body as a change', () => {
    const { plan, outcome } = planLocalWrite(stored(patient('Otieno')), change(patient('Otieno'), { removed: true, action: 'VOIDED' }), {
      origin: 'child', originId: 'child-1', now: 3, eventId: 'e3',
    });
    expect(outcome).toBe('removed');
    expect(plan.objects?.[0]).toMatchObject({ removed: true, version: '4' });
    expect(plan.changes?.[0]).toMatchObject({ action: 'VOIDED', origin: 'child', originId: 'child-1' });
  });

  it('planLocalWrite() defaults a removal to DELETED and a restore to UPDATED', () => {
    const removal = planLocalWrite(stored(patient('A')), change(patient('A'), { removed: true }), { origin: 'local', now: 1, eventId: 'e' });
    expect(removal.plan.changes?.[0]?.action).toBe('DELETED');
    const restore = planLocalWrite(stored(patient('A'), { removed: true }), change(patient('A')), { origin: 'local', now: 1, eventId: 'e' });
    expect(restore.outcome).toBe('updated');
    expect(restore.plan.changes?.[0]?.action).toBe('UPDATED');
  });

  it('planLocalWrite() leaves originId out for origins other than child', () => {
    const { plan } = planLocalWrite(undefined, change(patient('A')), { origin: 'local', originId: 'x', now: 1, eventId: 'e' });
    expect(plan.changes?.[0]).not.toHaveProperty('originId');
  });

  it('planLocalWrite() writing the same body twice through a store logs one row', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), async (fields) => {
      const store = createMemoryStore();
      const body = { ...(fields as JsonObject), resourceType: 'Patient', id: uuid };
      for (const eventId of ['e1', 'e2']) {
        const current = await store.getObject('patient', uuid);
        const { plan } = planLocalWrite(current, change(body), { origin: 'local', now: 1, eventId });
        expect((await store.applyBatch(plan)).ok).toBe(true);
      }
      expect(await store.countChanges('patient')).toBe(1);
      await store.close();
    }), { numRuns: 30 });
  });

  it('planLocalWrite() plans of two writers that read the same version: only one applies', async () => {
    const store = createMemoryStore();
    await store.applyBatch(planLocalWrite(undefined, change(patient('A')), { origin: 'local', now: 1, eventId: 'e0' }).plan);
    const current = await store.getObject('patient', uuid);
    const first = planLocalWrite(current, change(patient('B')), { origin: 'local', now: 2, eventId: 'e1' });
    const second = planLocalWrite(current, change(patient('C')), { origin: 'local', now: 2, eventId: 'e2' });
    expect((await store.applyBatch(first.plan)).ok).toBe(true);
    expect(await store.applyBatch(second.plan)).toMatchObject({ ok: false, reason: 'precondition', actual: '2' });
    expect((await store.getObject('patient', uuid))?.body).toEqual(patient('B'));
  });
});

describe('nextVersion()', () => {
  it('nextVersion() counts from 1 and steps over foreign values', () => {
    expect(nextVersion(undefined)).toBe('1');
    expect(nextVersion('9')).toBe('10');
    expect(nextVersion('W/"x"')).toBe('1');
  });
});
