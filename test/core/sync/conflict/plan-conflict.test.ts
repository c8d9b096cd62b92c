import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { conflictId, planConflict } from '../../../../src/core/sync/conflict/plan-conflict.ts';
import { edited, fhirBody, patientUuid, storedOf } from './_bodies.ts';

const base = fhirBody();
const local = edited(base, (b) => { b.gender = 'male'; });
const parent = edited(base, (b) => { b.gender = 'other'; });
const input = { stored: storedOf(base, local, { representation: 'fhir' }), parent, reason: 'overlap' as const, fields: ['gender'], paths: ['gender'] };

describe('planConflict()', () => {
  it('planConflict() keeps base, local and parent under the id category/uuid', () => {
    const { conflict, plan } = planConflict(input, { now: 7_000, instanceId: 'tablet-1' });
    expect(conflict).toEqual({
      id: `patient/${patientUuid}`, category: 'patient', uuid: patientUuid, representation: 'fhir',
      base, local, parent, fields: ['gender'], reason: 'overlap', createdAt: 7_000,
    });
    expect(conflictId('patient', patientUuid)).toBe(conflict.id);
    expect(plan.conflicts).toEqual({ put: [conflict] });
    expect(plan.objects).toBeUndefined();
  });

  it('planConflict() audits the conflict with its reason, fields, places and the three hashes', () => {
    const { plan } = planConflict(input, { now: 7_000, instanceId: 'tablet-1', details: { direction: 'push' }, url: 'u', client: 'fhir' });
    expect(plan.audit).toEqual([{
      at: 7_000, operation: 'conflict', category: 'patient', uuid: patientUuid, outcome: 'conflict', instanceId: 'tablet-1',
      url: 'u', client: 'fhir',
      details: {
        conflictId: `patient/${patientUuid}`, reason: 'overlap', fields: ['gender'], paths: ['gender'],
        localHash: canonicalHash(local), parentHash: canonicalHash(parent), baseHash: canonicalHash(base), direction: 'push',
      },
    }]);
  });

  it('planConflict() records a local removal as a null local side', () => {
    const { conflict } = planConflict({ ...input, stored: storedOf(base, null), reason: 'removed-locally' }, { now: 1, instanceId: 'n' });
    expect(conflict.local).toBeNull();
    expect(conflict.parent).toEqual(parent);
  });

  it('planConflict() keeps the createdAt of an open record and starts a new one after a resolved one', () => {
    const first = planConflict(input, { now: 1_000, instanceId: 'n' }).conflict;
    expect(planConflict(input, { now: 2_000, instanceId: 'n', existing: first }).conflict.createdAt).toBe(1_000);
    const closed = { ...first, resolvedAt: 1_500, resolution: 'local' as const };
    const reopened = planConflict(input, { now: 2_000, instanceId: 'n', existing: closed }).conflict;
    expect(reopened.createdAt).toBe(2_000);
    expect(reopened.resolvedAt).toBeUndefined();
  });

  it('planConflict() replayed leaves one conflict and an audit row per attempt', async () => {
    const store = createMemoryStore();
    const { conflict, plan } = planConflict(input, { now: 1_000, instanceId: 'n' });
    await store.applyBatch(plan);
    await store.applyBatch(planConflict(input, { now: 2_000, instanceId: 'n', existing: conflict }).plan);
    expect(await store.listConflicts({ open: true })).toEqual([conflict]);
    expect(await store.listAudit({ operation: 'conflict' })).toHaveLength(2);
  });
});
