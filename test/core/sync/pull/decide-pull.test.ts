import { describe, expect, it } from 'vitest';
import { canonicalHash, nullBodyHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { JsonObject, StoredObject } from '../../../../src/core/store/store-port.ts';
import { baseOf, hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { decidePull } from '../../../../src/core/sync/pull/decide-pull.ts';
import { patientBody } from './_fake-network.ts';

const ids = { category: 'patient', uuid: 'p1', now: 5_000 };
const body = (given: string, extra: JsonObject = {}) => patientBody('p1', given, extra);

/** A stored object synced at `base` whose current body is `current` (the same by default). */
function stored(base: JsonObject | undefined, current: JsonObject = base ?? {}, extra: Partial<StoredObject> = {}): StoredObject {
  return {
    category: 'patient', uuid: 'p1', representation: 'fhir', body: current, hash: canonicalHash(current), version: '3',
    removed: false, updatedAt: 1, ...(base ? { base: { body: base, hash: canonicalHash(base), version: 'v1' } } : {}), ...extra,
  };
}

describe('decidePull()', () => {
  it('decidePull() applies a new object with the parent body as body and base', () => {
    const decision = decidePull(undefined, { representation: 'fhir', body: body('Amina'), version: 'v1' }, ids);
    expect(decision).toEqual({
      kind: 'apply', created: true, removed: false,
      object: {
        category: 'patient', uuid: 'p1', representation: 'fhir', body: body('Amina'), hash: canonicalHash(body('Amina')),
        version: '1', removed: false, updatedAt: 5_000, base: { body: body('Amina'), hash: canonicalHash(body('Amina')), version: 'v1' },
      },
    });
  });

  it('decidePull() is a noop for the same canonical body, meta and text aside, and writes nothing when the base is current', () => {
    const incoming = { representation: 'fhir' as const, body: body('Amina', { text: { div: 'x' } }), version: 'v1' };
    expect(decidePull(stored(body('Amina')), incoming, ids)).toEqual({ kind: 'noop', reason: 'same' });
  });

  it('decidePull() refreshes a stale base silently on a noop, keeping the object version', () => {
    const decision = decidePull(stored(body('Amina')), { representation: 'fhir', body: body('Amina'), version: 'v2' }, ids);
    expect(decision).toMatchObject({ kind: 'noop', reason: 'same', object: { version: '3', base: { version: 'v2' } } });
  });

  it('decidePull() replaces an object without local changes and bumps its version', () => {
    const decision = decidePull(stored(body('Amina')), { representation: 'fhir', body: body('Halima'), version: 'v2' }, ids);
    expect(decision).toMatchObject({
      kind: 'apply', created: false, object: { body: body('Halima'), version: '4', base: { hash: canonicalHash(body('Halima')), version: 'v2' } },
    });
  });

  it('decidePull() keeps an unpushed local change and records an overlap with the three bodies', () => {
    const local = body('Amina', { gender: 'female' });
    const parent = body('Amina', { gender: 'male', birthDate: '1990-01-01' });
    const decision = decidePull(stored(body('Amina'), local), { representation: 'fhir', body: parent }, ids);
    expect(decision).toEqual({
      kind: 'keep-local',
      conflict: {
        id: 'patient/p1', category: 'patient', uuid: 'p1', representation: 'fhir', base: body('Amina'), local, parent,
        fields: ['gender'], reason: 'overlap', createdAt: 5_000,
      },
      paths: ['gender'],
    });
  });

  it('decidePull() leaves a local change alone when the parent still has the base', () => {
    const decision = decidePull(stored(body('Amina'), body('Halima')), { representation: 'fhir', body: body('Amina'), version: 'v1' }, ids);
    expect(decision).toEqual({ kind: 'noop', reason: 'parent-unchanged' });
  });

  it('decidePull() records a parent removal against a local change as removed-on-parent', () => {
    const decision = decidePull(stored(body('Amina'), body('Halima')), { removed: true }, ids);
    expect(decision).toMatchObject({ kind: 'keep-local', conflict: { reason: 'removed-on-parent', parent: null, local: body('Halima') } });
  });

  it('decidePull() records an object held without a base and a different body as no-base', () => {
    const decision = decidePull(stored(undefined, body('Halima')), { representation: 'fhir', body: body('Amina') }, ids);
    expect(decision).toMatchObject({ kind: 'keep-local', conflict: { reason: 'no-base', base: null, fields: ['name'] } });
  });

  it('decidePull() gives an object held without a base its base when both bodies agree', () => {
    const decision = decidePull(stored(undefined, body('Amina')), { representation: 'fhir', body: body('Amina'), version: 'v9' }, ids);
    expect(decision).toMatchObject({ kind: 'noop', reason: 'same', object: { base: { version: 'v9' } } });
    const refreshed = decision.kind === 'noop' ? decision.object : undefined;
    expect(refreshed && hasUnpushedChange(refreshed)).toBe(false);
  });

  it('decidePull() marks a synced object removed and keeps its body', () => {
    const decision = decidePull(stored(body('Amina')), { removed: true }, ids);
    expect(decision).toMatchObject({ kind: 'apply', removed: true, object: { removed: true, body: body('Amina'), version: '4' } });
  });

  it('decidePull() writes a tombstone for a removal of an object never stored', () => {
    const decision = decidePull(undefined, { removed: true }, { ...ids, representation: 'fhir' });
    expect(decision).toMatchObject({
      kind: 'apply', created: true, removed: true,
      object: { body: null, hash: nullBodyHash, removed: true, representation: 'fhir', base: { body: null, hash: nullBodyHash } },
    });
  });

  it('decidePull() is a noop for a removal of an object removed on both sides', () => {
    const removedThere = stored(body('Amina'), body('Amina'), { removed: true, base: baseOf(null) });
    expect(decidePull(removedThere, { removed: true }, ids)).toEqual({ kind: 'noop', reason: 'same' });
  });

  it('decidePull() settles an unpushed local removal that the parent made too: the base becomes the removal', () => {
    const decision = decidePull(stored(body('Amina'), body('Amina'), { removed: true }), { removed: true }, ids);
    expect(decision).toMatchObject({ kind: 'noop', reason: 'same', object: { removed: true, base: { body: null, hash: nullBodyHash } } });
    const object = decision.kind === 'noop' ? decision.object : undefined;
    expect(object && hasUnpushedChange(object)).toBe(false);
  });

  it('decidePull() brings a removed object back when the parent serves it again', () => {
    const removedThere = stored(body('Amina'), body('Amina'), { removed: true, base: baseOf(null) });
    const decision = decidePull(removedThere, { representation: 'fhir', body: body('Amina') }, ids);
    expect(decision).toMatchObject({ kind: 'apply', removed: false, object: { removed: false } });
  });

  it('decidePull() stores a parent removal as a null-body base, so nothing is left to push', () => {
    const decision = decidePull(stored(body('Amina')), { removed: true }, ids);
    expect(decision).toMatchObject({ kind: 'apply', object: { removed: true, base: { body: null, hash: nullBodyHash } } });
    const object = decision.kind === 'apply' ? decision.object : undefined;
    expect(object && hasUnpushedChange(object)).toBe(false);
  });

  it('decidePull() keeps an unpushed local removal while the parent still has the base', () => {
    const decision = decidePull(stored(body('Amina'), body('Amina'), { removed: true }), { representation: 'fhir', body: body('Amina') }, ids);
    expect(decision).toEqual({ kind: 'noop', reason: 'parent-unchanged' });
  });

  it('decidePull() records a parent edit against an unpushed local removal as removed-locally', () => {
    const decision = decidePull(stored(body('Amina'), body('Amina'), { removed: true }), { representation: 'fhir', body: body('Halima') }, ids);
    expect(decision).toMatchObject({ kind: 'keep-local', conflict: { reason: 'removed-locally', local: null, parent: body('Halima'), fields: ['name'] } });
  });

  it('decidePull() merges disjoint edits into a local change whose base is the parent version', () => {
    const local = body('Amina', { gender: 'female' });
    const parent = body('Amina', { birthDate: '1990-01-01' });
    const decision = decidePull(stored(body('Amina'), local), { representation: 'fhir', body: parent, version: 'v2' }, ids);
    expect(decision).toMatchObject({ kind: 'merge', fields: ['birthDate', 'gender'], localFields: ['gender'], parentFields: ['birthDate'] });
    const object = decision.kind === 'merge' ? decision.object : undefined;
    expect(object).toMatchObject({ version: '4', updatedAt: 5_000, base: { body: parent, hash: canonicalHash(parent), version: 'v2' } });
    expect(object?.body).toMatchObject({ gender: 'female', birthDate: '1990-01-01' });
    expect(object && hasUnpushedChange(object)).toBe(true);
  });

  it('decidePull() moves the base when the local change already holds the parent one', () => {
    const parent = body('Amina', { gender: 'female' });
    const local = body('Amina', { gender: 'female', birthDate: '1990-01-01' });
    const decision = decidePull(stored(body('Amina'), local), { representation: 'fhir', body: parent, version: 'v2' }, ids);
    expect(decision).toMatchObject({ kind: 'noop', reason: 'local-holds-parent', object: { body: local, base: { body: parent, version: 'v2' } } });
  });

  it('decidePull() takes the parent version when it already holds the local change', () => {
    const local = body('Amina', { gender: 'female' });
    const parent = body('Amina', { gender: 'female', birthDate: '1990-01-01' });
    const decision = decidePull(stored(body('Amina'), local), { representation: 'fhir', body: parent, version: 'v2' }, ids);
    expect(decision).toMatchObject({ kind: 'apply', created: false, object: { body: parent, base: { version: 'v2' } } });
  });
});
