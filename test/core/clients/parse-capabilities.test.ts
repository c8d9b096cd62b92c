import { describe, expect, it } from 'vitest';
import { defaultCategories } from '../../../src/core/categories/category-table.ts';
import { maxPageSizeExtensionUrl, parseCapabilities } from '../../../src/core/clients/parse-capabilities.ts';
import { capabilityStatement } from '../../../src/edge/app/fhir/capability-statement.ts';
import openmrsMetadata from './fixtures/openmrs-fhir2-metadata.json' with { type: 'json' };

describe('parseCapabilities()', () => {
  it('parseCapabilities() reads OpenMRS fhir2: _id search on every type, no batch, no updateCreate, pages of 100', () => {
    const caps = parseCapabilities(openmrsMetadata);
    expect(caps).toMatchObject({ fhir: true, idSearch: true, batch: false, updateCreate: false, versionedUpdate: false, maxPageSize: 100 });
    expect(Object.keys(caps.types ?? {}).sort()).toEqual(['Encounter', 'Location', 'Observation', 'Patient']);
    expect(caps.types?.['Observation']).toEqual({ read: true, idSearch: true, updateCreate: false, versionedUpdate: false });
  });

  it("parseCapabilities() reads the edge node's statement: batch, updateCreate, versioned updates", () => {
    const statement = capabilityStatement({ categories: defaultCategories, base: 'http://hub/openmrs/ws/fhir2/R4', date: 0 });
    const caps = parseCapabilities(statement);
    expect(caps).toMatchObject({ fhir: true, idSearch: true, batch: true, updateCreate: true, versionedUpdate: true, maxPageSize: 1000 });
    expect(caps.types?.['Patient']).toEqual({ read: true, idSearch: true, updateCreate: true, versionedUpdate: true });
  });

  it('parseCapabilities() takes the page size from the extension, on the rest entry or the statement', () => {
    const rest = { mode: 'server', resource: [], extension: [{ url: maxPageSizeExtensionUrl, valuePositiveInt: 500 }] };
    expect(parseCapabilities({ resourceType: 'CapabilityStatement', rest: [rest] }).maxPageSize).toBe(500);
    const top = { resourceType: 'CapabilityStatement', extension: [{ url: maxPageSizeExtensionUrl, valueInteger: 40 }], rest: [{ mode: 'server' }] };
    expect(parseCapabilities(top).maxPageSize).toBe(40);
    const bad = { resourceType: 'CapabilityStatement', extension: [{ url: maxPageSizeExtensionUrl, valueInteger: -3 }], rest: [{ mode: 'server' }] };
    expect(parseCapabilities(bad).maxPageSize).toBe(100);
  });

  it('parseCapabilities() counts a server-wide _id parameter, but only with search-type', () => {
    const statement = {
      resourceType: 'CapabilityStatement',
      rest: [{ mode: 'server', searchParam: [{ name: '_id' }], resource: [
        { type: 'Patient', interaction: [{ code: 'search-type' }] },
        { type: 'Location', interaction: [{ code: 'read' }] },
      ] }],
    };
    const caps = parseCapabilities(statement);
    expect(caps.types?.['Patient']?.idSearch).toBe(true);
    expect(caps.types?.['Location']?.idSearch).toBe(false);
  });

  it('parseCapabilities() gives REST only for anything that is not a CapabilityStatement', () => {
    for (const body of [undefined, null, 'html', [], { resourceType: 'OperationOutcome' }]) {
      expect(parseCapabilities(body)).toMatchObject({ fhir: false, idSearch: false, batch: false, maxPageSize: 100 });
    }
  });
});
