import { describe, expect, it } from 'vitest';
import { baseOf } from '../../../../src/core/sync/conflict/object-state.ts';
import { decidePush, optimisticPush } from '../../../../src/core/sync/push/decide-push.ts';
import { edited, fhirBody, restBody, storedOf } from '../conflict/_bodies.ts';

const rest = restBody();
const restLocal = edited(rest, (b) => { b.person.gender = 'M'; });
const fhir = fhirBody();
const fhirLocal = edited(fhir, (b) => { b.name[0].family = 'Odhiambo'; });

describe('decidePush() without a base', () => {
  it('decidePush() creates an object the parent does not know', () => {
    expect(decidePush(storedOf(undefined, rest), { missing: true })).toEqual({ kind: 'write', basis: 'new', op: 'create', body: rest });
  });

  it('decidePush() sends nothing for an object removed before it ever reached the parent', () => {
    expect(decidePush(storedOf(undefined, null, { body: rest }), { missing: true })).toEqual({ kind: 'nothing' });
  });

  it('decidePush() calls a create the parent already holds (a lost acknowledgement) a success', () => {
    const served = edited(rest, (b) => { b.links = []; b.auditInfo.dateChanged = '2026-04-01T00:00:00.000+0300'; });
    expect(decidePush(storedOf(undefined, rest), { body: served })).toEqual({ kind: 'already' });
  });

  it('decidePush() queues a no-base conflict when the parent holds another version', () => {
    const other = edited(rest, (b) => { b.person.gender = 'M'; });
    expect(decidePush(storedOf(undefined, rest), { body: other })).toMatchObject({
      kind: 'conflict', reason: 'no-base', fields: ['person'], parent: other, policy: { take: 'queue' },
    });
  });
});

describe('decidePush() with the parent unchanged since the base', () => {
  it('decidePush() updates with If-Match on the version it read', () => {
    expect(decidePush(storedOf(fhir, fhirLocal), { body: fhir, version: 'W/"1772427642000"' })).toEqual({
      kind: 'write', basis: 'parent-unchanged', op: 'update', body: fhirLocal, ifMatch: 'W/"1772427642000"',
    });
  });

  it('decidePush() removes an object removed here', () => {
    expect(decidePush(storedOf(rest, null), { body: rest })).toEqual({ kind: 'write', basis: 'parent-unchanged', op: 'remove', body: null });
  });

  it('decidePush() restores on the parent an object it holds removed, and recreates one it lost, from a null-body base', () => {
    const restored = { ...storedOf(rest, rest), base: baseOf(null) };
    expect(decidePush(restored, { removed: true })).toMatchObject({ kind: 'write', op: 'update', body: rest });
    expect(decidePush(restored, { missing: true })).toMatchObject({ kind: 'write', op: 'create', body: rest });
  });
});

describe('decidePush() with the parent changed since the base', () => {
  it('decidePush() calls an update the parent already holds a success, not a conflict', () => {
    expect(decidePush(storedOf(rest, restLocal), { body: edited(restLocal, (b) => { b.display = 'x'; }), version: '2' })).toEqual({ kind: 'already' });
  });

  it('decidePush() writes the merge of disjoint changes with If-Match on the parent\'s version', () => {
    const parent = edited(rest, (b) => { b.person.addresses[0].cityVillage = 'Mathare'; });
    const decision = decidePush(storedOf(rest, restLocal), { body: parent, version: '2' });
    expect(decision).toMatchObject({ kind: 'write', basis: 'merged', op: 'update', ifMatch: '2', fields: ['person'] });
    if (decision.kind !== 'write') return;
    expect(decision.body).toMatchObject({ person: { gender: 'M', addresses: [{ cityVillage: 'Mathare' }] } });
  });

  it('decidePush() writes the local body when it already holds the parent\'s change', () => {
    const both = edited(restLocal, (b) => { b.voided = true; });
    const parent = edited(rest, (b) => { b.voided = true; });
    expect(decidePush(storedOf(rest, both), { body: parent, version: '2' })).toEqual({ kind: 'write', basis: 'merged', op: 'update', body: both, ifMatch: '2' });
  });

  it('decidePush() takes the parent\'s version when it already holds the local change', () => {
    const parent = edited(restLocal, (b) => { b.person.birthdateEstimated = true; });
    expect(decidePush(storedOf(rest, restLocal), { body: parent, version: '3' })).toEqual({ kind: 'take-parent', parent, version: '3', basis: 'subsumed' });
  });

  it('decidePush() takes a parent removal of an object without a local change', () => {
    expect(decidePush(storedOf(rest, rest), { removed: true })).toEqual({ kind: 'take-parent', parent: null, basis: 'subsumed' });
  });

  it('decidePush() queues overlapping changes under the manual policy, naming the places', () => {
    const parent = edited(fhir, (b) => { b.name[0].family = 'Achieng'; });
    expect(decidePush(storedOf(fhir, fhirLocal), { body: parent, version: '2' })).toEqual({
      kind: 'conflict', reason: 'overlap', fields: ['name'], paths: ['name[0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21].family'],
      parent, policy: { take: 'queue', because: 'manual' },
    });
  });

  it('decidePush() queues a parent removal against a local change, and a local removal against a parent change', () => {
    expect(decidePush(storedOf(rest, restLocal), { removed: true })).toMatchObject({ kind: 'conflict', reason: 'removed-on-parent', parent: null });
    expect(decidePush(storedOf(rest, restLocal), { missing: true })).toMatchObject({ kind: 'conflict', reason: 'removed-on-parent' });
    const parent = edited(rest, (b) => { b.person.gender = 'M'; });
    expect(decidePush(storedOf(rest, null), { body: parent })).toMatchObject({ kind: 'conflict', reason: 'removed-locally', fields: ['person'] });
  });

  it('decidePush() calls a removal the parent already made (or a purge) a success', () => {
    expect(decidePush(storedOf(rest, null), { removed: true })).toEqual({ kind: 'already' });
    expect(decidePush(storedOf(rest, null), { missing: true })).toEqual({ kind: 'already' });
  });
});

describe('decidePush() under policies', () => {
  const parent = edited(fhir, (b) => { b.name[0].family = 'Achieng'; b.meta.lastUpdated = '2026-03-05T00:00:00.000Z'; });
  const parentAt = Date.parse('2026-03-05T00:00:00.000Z');

  it('decidePush() under child-wins writes the local body over the parent\'s version it read', () => {
    expect(decidePush(storedOf(fhir, fhirLocal), { body: parent, version: '9' }, { policy: 'child-wins' })).toEqual({
      kind: 'write', basis: 'policy', op: 'update', body: fhirLocal, ifMatch: '9', policy: { take: 'local', because: 'policy' },
    });
  });

  it('decidePush() under parent-wins takes the parent\'s version', () => {
    expect(decidePush(storedOf(fhir, fhirLocal), { body: parent, version: '9' }, { policy: 'parent-wins' })).toEqual({
      kind: 'take-parent', parent, version: '9', basis: 'policy', policy: { take: 'parent', because: 'policy' },
    });
  });

  it('decidePush() under last-write-wins compares the parent\'s lastUpdated with our last acknowledged push', () => {
    const older = decidePush(storedOf(fhir, fhirLocal), { body: parent }, { policy: 'last-write-wins', clocks: { localUpdatedAt: parentAt + 1 } });
    expect(older).toMatchObject({ kind: 'write', policy: { take: 'local', because: 'local-later' } });
    const newer = decidePush(storedOf(fhir, fhirLocal), { body: parent }, { policy: 'last-write-wins', clocks: { localUpdatedAt: parentAt - 1 } });
    expect(newer).toMatchObject({ kind: 'take-parent', policy: { take: 'parent', because: 'parent-later' } });
    const unknown = decidePush(storedOf(fhir, fhirLocal), { body: parent }, { policy: 'last-write-wins' });
    expect(unknown).toMatchObject({ kind: 'conflict', policy: { take: 'queue', because: 'no-clock' } });
  });

  it('decidePush() under child-wins restores an object the parent removed', () => {
    expect(decidePush(storedOf(rest, restLocal), { removed: true, version: '4' }, { policy: 'child-wins' }))
      .toMatchObject({ kind: 'write', op: 'update', body: restLocal, ifMatch: '4' });
  });
});

describe('optimisticPush()', () => {
  it('optimisticPush() creates without a base and writes with If-Match on the base version otherwise', () => {
    expect(optimisticPush(storedOf(undefined, fhir))).toEqual({ op: 'create', body: fhir });
    expect(optimisticPush(storedOf(fhir, fhirLocal))).toEqual({ op: 'update', body: fhirLocal, ifMatch: 'b1' });
    expect(optimisticPush(storedOf(fhir, null))).toEqual({ op: 'remove', body: null, ifMatch: 'b1' });
  });
});
