/** One demo FHIR Patient: name, gender, birth date, OpenMRS ID and a home address near its clinic. */

import type { JsonObject } from '../../core/store/store-port.ts';
import type { DemoLocation } from './demo-location.ts';
import { familyNames, femaleGivenNames, maleGivenNames } from './demo-places.ts';
import { dayMs, eatDate } from './demo-time.ts';
import { luhnCheckDigit } from './luhn-check-digit.ts';
import type { SeededRandom } from './seeded-random.ts';

/** A seeded patient with what its visits need. */
export interface DemoPatient {
  id: string;
  gender: 'male' | 'female';
  ageYears: number;
  /** The clinic the patient attends. */
  location: DemoLocation;
  resource: JsonObject;
}

const yearMs = 365.25 * dayMs;

/** The patient's OpenMRS ID: a sequence number, a dash, its Luhn check digit (as "100-8"). */
export function demoOpenmrsId(index: number): string {
  const base = String(10_000 + index);
  return `${base}-${luhnCheckDigit(base)}`;
}

/** Ages as a clinic sees them: about a third children, adults up to old age. */
function drawAge(random: SeededRandom): number {
  return random.chance(0.3) ? random.int(1, 15) : random.int(16, 84);
}

function phoneNumber(random: SeededRandom, dialCode: string): string {
  return `${dialCode} 7${random.int(0, 9)}${random.int(0, 9)} ${random.int(100, 999)} ${random.int(100, 999)}`;
}

/**
 * The `index`-th demo patient, drawn from `random` (a stream of its own, so patient n is the same
 * whatever the count). Ids come first from the stream, so they never depend on `now`.
 *
 * @example
 * ```ts
 * buildDemoPatient(createSeededRandom('demo:patient:0'), { index: 0, now, locations }).resource.gender; // 'female'
 * ```
 */
export function buildDemoPatient(
  random: SeededRandom,
  options: { index: number; now: number; locations: readonly DemoLocation[] },
): DemoPatient {
  const [id, identifierId, nameId, addressId, telecomId] = [random.uuid(), random.uuid(), random.uuid(), random.uuid(), random.uuid()];
  const gender = random.chance(0.55) ? 'female' : 'male';
  const givenPool = gender === 'female' ? femaleGivenNames : maleGivenNames;
  const given = [random.pick(givenPool)];
  if (random.chance(0.6)) given.push(random.pick(givenPool.filter((n) => n !== given[0])));
  const ageYears = drawAge(random);
  const birth = options.now - ageYears * yearMs - random.int(0, 364) * dayMs;
  const location = random.pick(options.locations);
  const { clinic } = location;
  const address: JsonObject = { id: addressId, use: 'home', city: random.pick(clinic.neighbourhoods), state: clinic.state, country: clinic.country };
  if (clinic.postalCode !== '') address['postalCode'] = clinic.postalCode;
  const resource: JsonObject = {
    resourceType: 'Patient',
    id,
    identifier: [{ id: identifierId, use: 'official', type: { text: 'OpenMRS ID' }, value: demoOpenmrsId(options.index) }],
    active: true,
    name: [{ id: nameId, family: random.pick(familyNames), given }],
    gender,
    birthDate: eatDate(birth),
    deceasedBoolean: false,
    address: [address],
  };
  if (ageYears >= 16 && random.chance(0.7)) {
    resource['telecom'] = [{ id: telecomId, system: 'phone', value: phoneNumber(random, clinic.dialCode) }];
  }
  return { id, gender, ageYears, location, resource };
}
