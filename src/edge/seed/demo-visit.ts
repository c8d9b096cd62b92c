/** One demo visit: a visit Encounter, its vitals Encounter (partOf the visit) and their Observations. */

import { encounterTagSystem } from '../../core/categories/category-table.ts';
import type { JsonObject } from '../../core/store/store-port.ts';
import type { DemoPatient } from './demo-patient.ts';
import { eatDateTime, eatMidnight } from './demo-time.ts';
import type { SeededRandom } from './seeded-random.ts';
import { measureVitals, type VitalBaseline, vitalSigns } from './vital-signs.ts';

/** The resources of one visit. */
export interface DemoVisit {
  visit: JsonObject;
  encounter: JsonObject;
  observations: JsonObject[];
  /** Visit start, clock ms: visits are ordered by it. */
  start: number;
}

const minuteMs = 60_000;
const ambulatory = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' };
// The reference application's "Facility Visit" visit type and "Vitals" encounter type.
const facilityVisit = { system: 'http://fhir.openmrs.org/code-system/visit-type', code: '7b0f5697-27e3-40c4-8bae-f4049abfb4ed', display: 'Facility Visit' };
const vitalsEncounter = { system: 'http://fhir.openmrs.org/code-system/encounter-type', code: '67a71486-1a54-468f-ac3e-7091a9a79584', display: 'Vitals' };
const vitalSignsCategory = { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' };

const ref = (type: string, id: string): JsonObject => ({ reference: `${type}/${id}`, type });
const tag = (code: string, display: string): JsonObject => ({ tag: [{ system: encounterTagSystem, code, display }] });

function observation(vital: (typeof vitalSigns)[number], ctx: { id: string; value: number; patientId: string; encounterId: string; at: string }): JsonObject {
  return {
    resourceType: 'Observation',
    id: ctx.id,
    status: 'final',
    category: [{ coding: [vitalSignsCategory] }],
    code: {
      coding: [
        { code: vital.ciel.padEnd(36, 'A'), display: vital.display },
        { system: 'https://cielterminology.org', code: vital.ciel },
        { system: 'http://loinc.org', code: vital.loinc },
      ],
      text: vital.display,
    },
    subject: ref('Patient', ctx.patientId),
    encounter: ref('Encounter', ctx.encounterId),
    effectiveDateTime: ctx.at,
    issued: ctx.at,
    valueQuantity: { value: ctx.value, unit: vital.unit, system: 'http://unitsofmeasure.org', code: vital.ucum },
  };
}

/**
 * A finished outpatient visit `daysAgo` days before `now`, between 08:00 and 16:00 local time,
 * with one Vitals encounter and a full set of vital signs. Ids are drawn before anything else.
 *
 * @example
 * ```ts
 * buildDemoVisit(random, { patient, baseline, now, daysAgo: 12 }).observations.length; // 8
 * ```
 */
export function buildDemoVisit(
  random: SeededRandom,
  options: { patient: DemoPatient; baseline: VitalBaseline; now: number; daysAgo: number },
): DemoVisit {
  const { patient, now, daysAgo } = options;
  const visitId = random.uuid();
  const encounterId = random.uuid();
  const obsIds = vitalSigns.map(() => random.uuid());
  const start = eatMidnight(now, daysAgo) + random.int(8 * 60, 15 * 60) * minuteMs;
  const recorded = start + random.int(5, 30) * minuteMs;
  const end = recorded + random.int(15, 75) * minuteMs;
  const common = { status: 'finished', class: ambulatory, subject: ref('Patient', patient.id), location: [{ location: ref('Location', patient.location.id) }] };
  const visit: JsonObject = {
    resourceType: 'Encounter', id: visitId, meta: tag('visit', 'Visit'), ...common,
    type: [{ coding: [facilityVisit] }], period: { start: eatDateTime(start), end: eatDateTime(end) },
  };
  const encounter: JsonObject = {
    resourceType: 'Encounter', id: encounterId, meta: tag('encounter', 'Encounter'), ...common,
    type: [{ coding: [vitalsEncounter] }], period: { start: eatDateTime(recorded), end: eatDateTime(recorded + 10 * minuteMs) },
    partOf: ref('Encounter', visitId),
  };
  const values = measureVitals(random, options.baseline);
  const at = eatDateTime(recorded);
  const observations = vitalSigns.map((vital, i) =>
    observation(vital, { id: obsIds[i] ?? random.uuid(), value: values[vital.key], patientId: patient.id, encounterId, at }));
  return { visit, encounter, observations, start };
}
