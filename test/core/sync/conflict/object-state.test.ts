import { describe, expect, it } from 'vitest';
import { canonicalHash, nullBodyHash } from '../../../../src/core/hash/canonical-hash.ts';
import {
  baseOf, hasUnpushedChange, localStateOf, objectKey, stateHashOf, transitionAction, versionOfBody,
} from '../../../../src/core/sync/conflict/object-state.ts';
import { edited, fhirBody, restBody, storedOf } from './_bodies.ts';

describe('object state', () => {
  it('localStateOf() and stateHashOf() see a removed object as a null body', () => {
    const removed = storedOf(restBody(), null);
    expect(localStateOf(removed)).toBeNull();
    expect(stateHashOf(removed)).toBe(nullBodyHash);
    expect(removed.hash).toBe(canonicalHash(restBody()));
  });

  it('hasUnpushedChange() compares the local state with the base, removal included', () => {
    const body = fhirBody();
    expect(hasUnpushedChange(storedOf(undefined, body))).toBe(true);
    expect(hasUnpushedChange(storedOf(body, body))).toBe(false);
    expect(hasUnpushedChange(storedOf(body, edited(body, (b) => { b.gender = 'male'; })))).toBe(true);
    expect(hasUnpushedChange(storedOf(body, null))).toBe(true);
    expect(hasUnpushedChange({ ...storedOf(body, null), base: baseOf(null) })).toBe(false);
  });

  it('baseOf() takes a FHIR body\'s versionId unless told another version, and hashes a removal as null', () => {
    expect(baseOf(fhirBody())).toEqual({ body: fhirBody(), hash: canonicalHash(fhirBody()), version: '1772427642000' });
    expect(baseOf(fhirBody(), 'W/"3"').version).toBe('W/"3"');
    expect(baseOf(restBody())).toEqual({ body: restBody(), hash: canonicalHash(restBody()) });
    expect(baseOf(null)).toEqual({ body: null, hash: nullBodyHash });
    expect(versionOfBody({ meta: { versionId: 7 } })).toBeUndefined();
  });

  it('transitionAction() uses the category\'s removal and restore actions', () => {
    const live = { removed: false };
    const gone = { removed: true };
    expect(transitionAction('patient', { before: undefined, removed: false })).toBe('CREATED');
    expect(transitionAction('patient', { before: live, removed: true })).toBe('VOIDED');
    expect(transitionAction('patient', { before: gone, removed: true })).toBe('VOIDED');
    expect(transitionAction('location', { before: live, removed: true })).toBe('RETIRED');
    expect(transitionAction('patient', { before: gone, removed: false })).toBe('UNVOIDED');
    expect(transitionAction('location', { before: gone, removed: false })).toBe('UNRETIRED');
    expect(transitionAction('allergy', { before: live, removed: true })).toBe('DELETED');
    expect(transitionAction('allergy', { before: gone, removed: false })).toBe('UPDATED');
    expect(transitionAction('patient', { before: live, removed: false })).toBe('UPDATED');
  });

  it('objectKey() is category/uuid', () => {
    expect(objectKey('obs', 'u1')).toBe('obs/u1');
  });
});
