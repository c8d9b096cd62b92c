import { describe, expect, it } from 'vitest';
import { changedKeys, threeWayMerge } from '../../../../src/core/sync/conflict/three-way-merge.ts';
import { at, edited, fhirBody, restBody } from './_bodies.ts';

const nameUuid = '0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21';
const addressUuid = 'c3d2e1f0-8a7b-4c6d-9e5f-1a2b3c4d5e6f';

describe('threeWayMerge() on whole sides', () => {
  it('threeWayMerge() calls equal sides the same, whatever their display, links and auditInfo', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.display = 'local'; b.links = []; });
    const parent = edited(base, (b) => { b.auditInfo.dateChanged = '2026-04-01T00:00:00.000+0300'; b.person.age = 35; });
    expect(threeWayMerge(base, local, parent)).toEqual({ kind: 'same' });
  });

  it('threeWayMerge() takes the local side when only it changed, even if the parent\'s audit info moved', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.person.gender = 'M'; });
    const parent = edited(base, (b) => { b.auditInfo.dateChanged = '2026-04-01T00:00:00.000+0300'; });
    expect(threeWayMerge(base, local, parent)).toEqual({ kind: 'take-local' });
  });

  it('threeWayMerge() takes the parent side when only it changed', () => {
    const base = fhirBody();
    const parent = edited(base, (b) => { b.birthDate = '1992-04-18'; });
    expect(threeWayMerge(base, base, parent)).toEqual({ kind: 'take-parent' });
  });

  it('threeWayMerge() does not call the same change on both sides a conflict', () => {
    const base = fhirBody();
    const both = edited(base, (b) => { b.gender = 'male'; });
    expect(threeWayMerge(base, both, structuredClone(both))).toEqual({ kind: 'same' });
    const more = edited(both, (b) => { b.birthDate = '1990-01-01'; });
    expect(threeWayMerge(base, more, both)).toEqual({ kind: 'take-local' });
    expect(threeWayMerge(base, both, more)).toEqual({ kind: 'take-parent' });
  });
});

describe('threeWayMerge() merges disjoint changes', () => {
  it('threeWayMerge() merges a REST name added locally with an address edited on the parent', () => {
    const base = restBody();
    const added = { uuid: 'new-name', givenName: 'Amina', familyName: 'Odhiambo', preferred: false, voided: false };
    const local = edited(base, (b) => { b.person.names.push(added); });
    const parent = edited(base, (b) => {
      b.person.addresses[0].cityVillage = 'Mathare';
      b.person.display = 'parent display';
      b.auditInfo.dateChanged = '2026-04-01T00:00:00.000+0300';
    });
    const result = threeWayMerge(base, local, parent);
    expect(result).toMatchObject({ kind: 'merged', fields: ['person'], localFields: ['person'], parentFields: ['person'] });
    if (result.kind !== 'merged') return;
    const person = result.body['person'] as Record<string, any>;
    expect(person.names.map((n: { uuid: string }) => n.uuid)).toEqual([nameUuid, 'new-name']);
    expect(person.addresses[0].cityVillage).toBe('Mathare');
    expect(person.display).toBe('parent display');
    expect(at(result.body, 'auditInfo.dateChanged')).toBe('2026-04-01T00:00:00.000+0300');
  });

  it('threeWayMerge() merges edits of different fields of one FHIR name element, matched by id', () => {
    const base = fhirBody();
    const local = edited(base, (b) => { b.name[0].family = 'Odhiambo'; });
    const parent = edited(base, (b) => { b.name[0].given = ['Amina']; b.gender = 'female'; b.meta.versionId = '9'; });
    const result = threeWayMerge(base, local, parent);
    expect(result).toMatchObject({ kind: 'merged', localFields: ['name'], parentFields: ['name'] });
    if (result.kind !== 'merged') return;
    expect(result.body['name']).toEqual([{ id: nameUuid, family: 'Odhiambo', given: ['Amina'] }]);
    expect(at(result.body, 'meta.versionId')).toBe('9');
  });

  it('threeWayMerge() takes the parent\'s meta and text into the merged body and keeps the parent\'s key order', () => {
    const base = fhirBody();
    const local = edited(base, (b) => { b.gender = 'male'; b.text = { status: 'generated', div: 'local' }; });
    const parent = edited(base, (b) => { b.birthDate = '1992-04-18'; b.meta.lastUpdated = '2026-05-01T00:00:00.000+03:00'; });
    const result = threeWayMerge(base, local, parent);
    if (result.kind !== 'merged') throw new Error(`expected merged, got ${result.kind}`);
    expect(result.body['meta']).toEqual(parent['meta']);
    expect(result.body['text']).toEqual(parent['text']);
    expect(result.body['gender']).toBe('male');
    expect(result.body['birthDate']).toBe('1992-04-18');
    expect(Object.keys(result.body)).toEqual(Object.keys(parent));
  });

  it('threeWayMerge() drops an element one side removed and the other left alone', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.person.addresses = []; });
    const parent = edited(base, (b) => { b.person.gender = 'M'; });
    const result = threeWayMerge(base, local, parent);
    if (result.kind !== 'merged') throw new Error(`expected merged, got ${result.kind}`);
    expect(at(result.body, 'person.addresses')).toEqual([]);
    expect(at(result.body, 'person.gender')).toBe('M');
  });
});

describe('threeWayMerge() finds conflicts', () => {
  it('threeWayMerge() names the place both sides changed differently', () => {
    const base = fhirBody();
    const local = edited(base, (b) => { b.name[0].family = 'Odhiambo'; b.gender = 'male'; });
    const parent = edited(base, (b) => { b.name[0].family = 'Achieng'; b.birthDate = '1992-04-18'; });
    expect(threeWayMerge(base, local, parent)).toEqual({ kind: 'conflict', reason: 'overlap', fields: ['name'], paths: [`name[${nameUuid}].family`] });
  });

  it('threeWayMerge() calls an element edited on one side and removed on the other a conflict', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.person.addresses[0].cityVillage = 'Mathare'; });
    const parent = edited(base, (b) => { b.person.addresses = []; });
    expect(threeWayMerge(base, local, parent)).toMatchObject({ kind: 'conflict', fields: ['person'], paths: [`person.addresses[${addressUuid}]`] });
  });

  it('threeWayMerge() never merges inside objects of different uuids', () => {
    const base = { uuid: 'o', location: { uuid: 'A', name: 'Kibera' } };
    const local = { uuid: 'o', location: { uuid: 'A', name: 'Kibera Clinic' } };
    const parent = { uuid: 'o', location: { uuid: 'B', name: 'Kibera' } };
    expect(threeWayMerge(base, local, parent)).toMatchObject({ kind: 'conflict', paths: ['location'] });
  });

  it('threeWayMerge() treats CodeableConcept.text as data, unlike a resource\'s text', () => {
    const base = fhirBody();
    const local = edited(base, (b) => { b.identifier[0].type.text = 'Old ID'; });
    const parent = edited(base, (b) => { b.identifier[0].type.text = 'National ID'; });
    expect(threeWayMerge(base, local, parent)).toMatchObject({ kind: 'conflict', fields: ['identifier'] });
  });

  it('threeWayMerge() with deep: false compares top-level values whole', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.person.gender = 'M'; });
    const parent = edited(base, (b) => { b.person.birthdate = '1990-01-01T00:00:00.000+0300'; });
    expect(threeWayMerge(base, local, parent).kind).toBe('merged');
    expect(threeWayMerge(base, local, parent, { deep: false })).toEqual({ kind: 'conflict', reason: 'overlap', fields: ['person'], paths: ['person'] });
  });

  it('threeWayMerge() calls a local removal against a parent change removed-locally, naming the parent\'s fields', () => {
    const base = fhirBody();
    const parent = edited(base, (b) => { b.gender = 'male'; b.meta.versionId = '2'; });
    expect(threeWayMerge(base, null, parent)).toEqual({ kind: 'conflict', reason: 'removed-locally', fields: ['gender'], paths: ['gender'] });
    expect(threeWayMerge(base, null, base)).toEqual({ kind: 'take-local' });
  });

  it('threeWayMerge() calls a parent removal against a local change removed-on-parent', () => {
    const base = restBody();
    const local = edited(base, (b) => { b.person.gender = 'M'; });
    expect(threeWayMerge(base, local, null)).toEqual({ kind: 'conflict', reason: 'removed-on-parent', fields: ['person'], paths: ['person'] });
    expect(threeWayMerge(base, base, null)).toEqual({ kind: 'take-parent' });
    expect(threeWayMerge(base, null, null)).toEqual({ kind: 'same' });
  });

  it('threeWayMerge() without a base: equal sides are the same, different ones a no-base conflict', () => {
    const local = fhirBody();
    expect(threeWayMerge(null, local, edited(local, (b) => { b.meta = {}; }))).toEqual({ kind: 'same' });
    const parent = edited(local, (b) => { b.gender = 'male'; });
    expect(threeWayMerge(null, local, parent)).toEqual({ kind: 'conflict', reason: 'no-base', fields: ['gender'], paths: ['gender'] });
  });
});

describe('changedKeys()', () => {
  it('changedKeys() lists changed top-level keys, ignored ones and key order aside', () => {
    expect(changedKeys({ a: 1, b: { x: 1, y: 2 }, links: [] }, { b: { y: 2, x: 1 }, a: 2, links: [1], c: null })).toEqual(['a', 'c']);
    expect(changedKeys(null, { resourceType: 'Patient', meta: {}, id: 'p' })).toEqual(['id', 'resourceType']);
  });
});
