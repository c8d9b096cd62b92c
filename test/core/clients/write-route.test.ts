import { describe, expect, it } from 'vitest';
import { parseCapabilities, restOnlyCapabilities } from '../../../src/core/clients/parse-capabilities.ts';
import { writeRouteOf } from '../../../src/core/clients/write-route.ts';
import { capabilityStatement } from '../../../src/edge/app/fhir/capability-statement.ts';
import { defaultCategories } from '../../../src/core/categories/category-table.ts';
import fhir2Metadata from './fixtures/openmrs-fhir2-metadata.json' with { type: 'json' };

const edge = parseCapabilities(capabilityStatement({ categories: defaultCategories, base: 'http://e/openmrs/ws/fhir2/R4', date: 0 }));
const fhir2 = parseCapabilities(fhir2Metadata);
const ref = { category: 'patient', uuid: 'p1' };

describe('writeRouteOf()', () => {
  it('writeRouteOf() writes FHIR objects to an edge node with If-Match and client ids', () => {
    expect(writeRouteOf(ref, 'fhir', edge)).toEqual({ client: 'fhir', type: 'Patient', versioned: true, createWithId: true });
    expect(writeRouteOf({ category: 'visit', uuid: 'v' }, 'fhir', edge)).toMatchObject({ type: 'Encounter' });
  });

  it('writeRouteOf() writes FHIR objects to OpenMRS fhir2 without If-Match and without creating ids', () => {
    expect(writeRouteOf(ref, 'fhir', fhir2)).toEqual({ client: 'fhir', type: 'Patient', versioned: false, createWithId: false });
  });

  it('writeRouteOf() writes REST objects through REST, shaped for OpenMRS and verbatim for an edge node', () => {
    expect(writeRouteOf(ref, 'rest', fhir2)).toEqual({ client: 'rest', resource: 'patient', style: 'openmrs' });
    expect(writeRouteOf(ref, 'rest', edge)).toEqual({ client: 'rest', resource: 'patient', style: 'verbatim' });
    expect(writeRouteOf(ref, 'rest', edge, { restStyle: 'openmrs' })).toMatchObject({ style: 'openmrs' });
    expect(writeRouteOf({ category: 'person_name', uuid: 'n' }, 'rest', restOnlyCapabilities)).toMatchObject({ resource: 'person/{parent}/name' });
    expect(writeRouteOf({ category: 'form', uuid: 'f' }, 'rest', restOnlyCapabilities)).toMatchObject({ resource: 'form' });
  });

  it('writeRouteOf() has no route for a FHIR object on a parent without FHIR, or without a FHIR type', () => {
    expect(writeRouteOf(ref, 'fhir', restOnlyCapabilities)).toMatchObject({ client: 'none', error: { code: 'PUSH_UNSUPPORTED' } });
    expect(writeRouteOf({ category: 'person_name', uuid: 'n' }, 'fhir', edge)).toMatchObject({ client: 'none', error: { code: 'PUSH_UNSUPPORTED' } });
    expect(writeRouteOf({ category: 'allergy', uuid: 'a', fhirType: 'AllergyIntolerance' }, 'fhir', edge)).toMatchObject({ client: 'fhir', type: 'AllergyIntolerance' });
  });
});
