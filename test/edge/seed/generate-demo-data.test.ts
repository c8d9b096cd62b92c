// Tests of the demo data generator: determinism, counts, plausible values and referential integrity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryOfResource } from '../../../src/core/categories/category-table.ts';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import { generateDemoData } from '../../../src/edge/seed/generate-demo-data.ts';
import { isValidOpenmrsId } from '../../../src/edge/seed/luhn-check-digit.ts';

const now = Date.UTC(2026, 2, 2, 9, 30);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Res = JsonObject & { id: string };
const ref = (r: JsonObject, field: string): string => String((r[field] as JsonObject)['reference']);
const all = (d: ReturnType<typeof generateDemoData>): Res[] =>
  [...d.locations, ...d.patients, ...d.visits, ...d.encounters, ...d.observations] as Res[];

describe('generateDemoData()', () => {
  it('generateDemoData() gives the same data for the same options', () => {
    expect(generateDemoData({ patients: 12, now })).toEqual(generateDemoData({ patients: 12, now }));
  });

  it('generateDemoData() gives other ids for another seed, and the same ids at another time', () => {
    const ids = (d: ReturnType<typeof generateDemoData>) => all(d).map((r) => r.id);
    const base = ids(generateDemoData({ patients: 5, now }));
    expect(ids(generateDemoData({ patients: 5, now, seed: 'other' }))).not.toEqual(base);
    expect(ids(generateDemoData({ patients: 5, now: now + 86_400_000 * 30 }))).toEqual(base);
  });

  it('generateDemoData() keeps the first patients the same whatever the count', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (a, b) => {
      const [small, large] = a <= b ? [a, b] : [b, a];
      const s = generateDemoData({ patients: small, now });
      const l = generateDemoData({ patients: large, now });
      expect(l.patients.slice(0, small)).toEqual(s.patients);
      expect(l.observations.slice(0, s.observations.length)).toEqual(s.observations);
    }), { numRuns: 20 });
  });

  it('generateDemoData() makes 2–3 clinics, N patients, 1–3 visits each, one encounter per visit and 8 vital signs each', () => {
    const d = generateDemoData({ patients: 40, now });
    expect(d.locations.length).toBeGreaterThanOrEqual(2);
    expect(d.locations.length).toBeLessThanOrEqual(3);
    expect(d.patients).toHaveLength(40);
    expect(d.encounters).toHaveLength(d.visits.length);
    expect(d.observations).toHaveLength(8 * d.encounters.length);
    const perPatient = new Map<string, number>();
    for (const v of d.visits) perPatient.set(ref(v, 'subject'), (perPatient.get(ref(v, 'subject')) ?? 0) + 1);
    expect(perPatient.size).toBe(40);
    expect([...perPatient.values()].every((n) => n >= 1 && n <= 3)).toBe(true);
    expect(generateDemoData({ patients: 0, now }).visits).toEqual([]);
  });

  it('generateDemoData() gives every resource a unique uuid and the category its type and tag say', () => {
    const d = generateDemoData({ patients: 25, now });
    const ids = all(d).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(uuidPattern);
    const lists = { location: d.locations, patient: d.patients, visit: d.visits, encounter: d.encounters, observation: d.observations };
    for (const [category, list] of Object.entries(lists)) {
      for (const r of list) expect(categoryOfResource(r as never)?.name).toBe(category);
    }
  });

  it('generateDemoData() only references resources it made, consistently', () => {
    const d = generateDemoData({ patients: 25, now });
    const ids = (list: JsonObject[], type: string) => new Set(list.map((r) => `${type}/${String(r['id'])}`));
    const [patients, locations, visits] = [ids(d.patients, 'Patient'), ids(d.locations, 'Location'), ids(d.visits, 'Encounter')];
    const encounters = new Map(d.encounters.map((e) => [`Encounter/${String(e['id'])}`, e]));
    for (const e of [...d.visits, ...d.encounters]) {
      expect(patients.has(ref(e, 'subject'))).toBe(true);
      const location = ((e['location'] as JsonObject[])[0]?.['location'] as JsonObject)['reference'];
      expect(locations.has(String(location))).toBe(true);
    }
    for (const e of d.encounters) expect(visits.has(ref(e, 'partOf'))).toBe(true);
    for (const o of d.observations) {
      const encounter = encounters.get(ref(o, 'encounter'));
      expect(encounter).toBeDefined();
      expect(ref(o, 'subject')).toBe(ref(encounter as JsonObject, 'subject'));
    }
  });

  it('generateDemoData() gives valid unique OpenMRS IDs, both genders and births before visits', () => {
    const d = generateDemoData({ patients: 40, now });
    const identifiers = d.patients.map((p) => String((p['identifier'] as JsonObject[])[0]?.['value']));
    expect(new Set(identifiers).size).toBe(40);
    for (const id of identifiers) expect(isValidOpenmrsId(id)).toBe(true);
    expect(new Set(d.patients.map((p) => p['gender']))).toEqual(new Set(['female', 'male']));
    const births = new Map(d.patients.map((p) => [`Patient/${String(p['id'])}`, Date.parse(String(p['birthDate']))]));
    for (const v of d.visits) {
      const start = Date.parse(String((v['period'] as JsonObject)['start']));
      expect(start).toBeLessThan(now);
      expect(start).toBeGreaterThan(births.get(ref(v, 'subject')) ?? Infinity);
    }
  });

  it('generateDemoData() records vital signs with LOINC and CIEL codes, UCUM units and plausible values', () => {
    const ranges: Record<string, [number, number, string]> = {
      '29463-7': [3, 160, 'kg'], '8302-2': [45, 200, 'cm'], '8310-5': [35, 41, 'Cel'], '8867-4': [40, 160, '/min'],
      '8480-6': [80, 180, 'mm[Hg]'], '8462-4': [40, 110, 'mm[Hg]'], '59408-5': [85, 100, '%'], '9279-1': [10, 45, '/min'],
    };
    for (const o of generateDemoData({ patients: 30, now }).observations) {
      const codings = (o['code'] as JsonObject)['coding'] as JsonObject[];
      const loinc = String(codings.find((c) => c['system'] === 'http://loinc.org')?.['code']);
      expect(codings.some((c) => c['system'] === 'https://cielterminology.org')).toBe(true);
      const [min, max, unit] = ranges[loinc] ?? [NaN, NaN, '?'];
      const q = o['valueQuantity'] as JsonObject;
      expect(q['system']).toBe('http://unitsofmeasure.org');
      expect(q['code']).toBe(unit);
      expect(q['value']).toBeGreaterThanOrEqual(min);
      expect(q['value']).toBeLessThanOrEqual(max);
      expect(String(o['effectiveDateTime'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+03:00$/);
    }
  });

  it('generateDemoData() refuses a count that is not a whole number', () => {
    expect(() => generateDemoData({ patients: -1, now })).toThrow(RangeError);
    expect(() => generateDemoData({ patients: 1.5, now })).toThrow(RangeError);
  });
});
