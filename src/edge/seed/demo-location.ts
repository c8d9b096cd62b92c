/** Demo FHIR Location resources: two or three clinics, picked deterministically from a seed. */

import type { JsonObject } from '../../core/store/store-port.ts';
import { type DemoClinic, demoClinics } from './demo-places.ts';
import { createSeededRandom } from './seeded-random.ts';

/** A seeded clinic: its FHIR resource and the clinic data patients draw their addresses from. */
export interface DemoLocation {
  id: string;
  clinic: DemoClinic;
  resource: JsonObject;
}

/**
 * Two or three distinct clinics as FHIR R4 Locations, the same for the same seed.
 *
 * @example
 * ```ts
 * buildDemoLocations('demo').map((l) => l.clinic.name); // e.g. ['Nyalenda Health Centre', 'Kawempe Health Centre IV']
 * ```
 */
export function buildDemoLocations(seed: string): DemoLocation[] {
  const random = createSeededRandom(`${seed}:locations`);
  const pool = [...demoClinics];
  const count = random.int(2, 3);
  const chosen: DemoClinic[] = [];
  while (chosen.length < count) chosen.push(pool.splice(random.int(0, pool.length - 1), 1)[0] as DemoClinic);
  return chosen.map((clinic) => {
    const id = random.uuid();
    const address: JsonObject = { city: clinic.city, state: clinic.state, country: clinic.country };
    if (clinic.postalCode !== '') address['postalCode'] = clinic.postalCode;
    const resource: JsonObject = {
      resourceType: 'Location',
      id,
      status: 'active',
      name: clinic.name,
      description: clinic.description,
      address,
      physicalType: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bu', display: 'Building' }],
      },
    };
    return { id, clinic, resource };
  });
}
