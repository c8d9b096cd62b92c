import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalize, nullBodyHash } from '../../../src/core/hash/canonical-hash.ts';
import { sha256Hex } from '../../../src/core/hash/sha256-hex.ts';
import type { Json, JsonObject } from '../../../src/core/store/store-port.ts';
import fhirPatient from '../../fixtures/fhir2-patient.json' with { type: 'json' };
import restPatient from '../../fixtures/rest-patient-full.json' with { type: 'json' };
import { addIgnored, bodyArb, leafPaths, reorder, replaceAt, resourceArb, seeded } from './_json-arbitraries.ts';

const rest = (): JsonObject => structuredClone(restPatient) as JsonObject;
const fhir = (): JsonObject => structuredClone(fhirPatient) as JsonObject;
const anyBody = fc.oneof(bodyArb, resourceArb);

describe('canonicalize()', () => {
  it('sorts keys, sorts arrays of identified objects, keeps other arrays in order', () => {
    expect(canonicalize({ b: [2, 1], a: [{ id: 'y', v: 1 }, { id: 'x' }], c: [{ id: 'z' }, 3] }))
      .toBe('{"a":[{"id":"x"},{"id":"y","v":1}],"b":[2,1],"c":[{"id":"z"},3]}');
  });

  it('sorts by uuid before id and breaks ties by content', () => {
    expect(canonicalize([{ uuid: 'b', id: 'a' }, { uuid: 'a', id: 'b' }])).toBe('[{"id":"b","uuid":"a"},{"id":"a","uuid":"b"}]');
    expect(canonicalize([{ id: 'a', v: 2 }, { id: 'a', v: 1 }])).toBe('[{"id":"a","v":1},{"id":"a","v":2}]');
  });

  it('drops meta and text only from FHIR resources, the other ignored fields at any depth', () => {
    const body = { meta: 1, text: 2, display: 3, x: { text: 'kept', meta: 'kept', age: 4, links: [] } };
    expect(canonicalize(body)).toBe('{"meta":1,"text":2,"x":{"meta":"kept","text":"kept"}}');
    const resource = { resourceType: 'Bundle', meta: 1, text: 2, entry: [{ resource: { resourceType: 'Patient', id: 'p', meta: 3 } }] };
    expect(canonicalize(resource)).toBe('{"entry":[{"resource":{"id":"p","resourceType":"Patient"}}],"resourceType":"Bundle"}');
  });

  it('writes numbers as JSON.stringify does', () => {
    expect(canonicalize({ a: 1.0, b: 1e21, c: -0, d: 0.1 })).toBe('{"a":1,"b":1e+21,"c":0,"d":0.1}');
  });
});

describe('canonicalHash()', () => {
  it('hashes null to the fixed nullBodyHash', () => {
    expect(canonicalHash(null)).toBe(nullBodyHash);
    expect(nullBodyHash).toBe(sha256Hex('null'));
  });

  it('ignores key order and the order of identified objects', () => {
    fc.assert(fc.property(anyBody, fc.integer(), (body, seed) => {
      expect(canonicalHash(reorder(body, seeded(seed)))).toBe(canonicalHash(body));
    }));
  });

  it('ignores added or changed ignored fields', () => {
    fc.assert(fc.property(anyBody, fc.integer(), fc.integer(), (body, s1, s2) => {
      const a = addIgnored(body, seeded(s1));
      expect(canonicalHash(a)).toBe(canonicalHash(body));
      expect(canonicalHash(addIgnored(a, seeded(s2)))).toBe(canonicalHash(body));
    }));
  });

  it('changes when any real value changes', () => {
    fc.assert(fc.property(anyBody, fc.nat(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), (body, pick, value) => {
      const paths = leafPaths(body);
      const path = paths[pick % paths.length] ?? [];
      const old = path.reduce<Json | undefined>((node, k) => (node as Record<string | number, Json>)[k], body);
      fc.pre(canonicalize(old as Json) !== canonicalize(value));
      expect(canonicalHash(replaceAt(body, path, value))).not.toBe(canonicalHash(body));
    }));
  });

  it('changes when a new real field is added', () => {
    fc.assert(fc.property(bodyArb, (body) => {
      expect(canonicalHash({ ...body, 'added§': null })).not.toBe(canonicalHash(body));
    }));
  });

  it('keeps arrays of scalars order-sensitive', () => {
    const scalars = fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 2, maxLength: 8 });
    fc.assert(fc.property(scalars, fc.nat(), fc.nat(), (items, i, j) => {
      const [a, b] = [i % items.length, j % items.length];
      fc.pre(JSON.stringify(items[a]) !== JSON.stringify(items[b]));
      const swapped: Json[] = [...items];
      [swapped[a], swapped[b]] = [items[b] as Json, items[a] as Json];
      expect(canonicalHash({ list: swapped })).not.toBe(canonicalHash({ list: items }));
    }));
  });

  it('gives the REST fixture patient the same hash when only display, auditInfo, links, age or resourceVersion change', () => {
    const edited = rest();
    edited['display'] = '100-8 - A. W. Otieno';
    (edited['auditInfo'] as JsonObject)['dateChanged'] = '2026-03-03T09:00:00.000+0300';
    edited['links'] = [];
    edited['resourceVersion'] = '2.0';
    (edited['person'] as JsonObject)['age'] = 35;
    (edited['identifiers'] as JsonObject[]).push({ uuid: '00000000-0000-4000-8000-000000000000', identifier: '7' });
    const reordered = rest();
    (reordered['identifiers'] as JsonObject[]).unshift({ uuid: '00000000-0000-4000-8000-000000000000', identifier: '7', display: 'x' });
    expect(canonicalHash(reordered)).toBe(canonicalHash(edited));
    expect(canonicalHash({ ...rest(), display: 'other', links: null })).toBe(canonicalHash(rest()));
  });

  it('changes the REST fixture patient hash when a real field changes', () => {
    const edited = rest();
    (edited['person'] as JsonObject)['gender'] = 'M';
    expect(canonicalHash(edited)).not.toBe(canonicalHash(rest()));
  });

  it('ignores the FHIR fixture patient meta and narrative but not a CodeableConcept text or name order', () => {
    const edited = fhir();
    edited['meta'] = { versionId: '1772427699999' };
    delete edited['text'];
    expect(canonicalHash(edited)).toBe(canonicalHash(fhir()));
    const retyped = fhir();
    ((retyped['identifier'] as JsonObject[])[0]!['type'] as JsonObject)['text'] = 'Old ID';
    expect(canonicalHash(retyped)).not.toBe(canonicalHash(fhir()));
    const renamed = fhir();
    (renamed['name'] as JsonObject[])[0]!['given'] = ['Wanjiru', 'Amina'];
    expect(canonicalHash(renamed)).not.toBe(canonicalHash(fhir()));
  });
});
