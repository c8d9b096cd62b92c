/** Deterministic demo data for a root node: clinics, patients, and their visits with vital signs, as FHIR R4. */

import type { JsonObject } from '../../core/store/store-port.ts';
import { buildDemoLocations } from './demo-location.ts';
import { buildDemoPatient } from './demo-patient.ts';
import { buildDemoVisit, type DemoVisit } from './demo-visit.ts';
import { createSeededRandom } from './seeded-random.ts';
import { vitalBaseline } from './vital-signs.ts';

/** Demo resources by category, in the order a parent serves and a child applies them. */
export interface DemoData {
  locations: JsonObject[];
  patients: JsonObject[];
  visits: JsonObject[];
  encounters: JsonObject[];
  observations: JsonObject[];
}

export interface DemoDataOptions {
  /** Number of patients. */
  patients: number;
  /** Clock time (ms) the data is dated back from: visits fall in the year before it. */
  now: number;
  /** Seed of every draw; the default gives the project's standard demo set. */
  seed?: string;
}

/** The default seed of the demo data set. */
export const defaultDemoSeed = 'openmrs-sync2-demo';

/**
 * Clinics, `patients` patients with 1–3 visits each (a visit, a Vitals encounter, eight vital
 * signs). Pure: the same options give the same data. Each patient draws from a stream of its own,
 * so the first n patients are the same whatever the count, and ids never depend on `now`.
 *
 * @example
 * ```ts
 * const data = generateDemoData({ patients: 40, now: Date.now() });
 * data.patients.length; // 40
 * ```
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  if (!Number.isInteger(options.patients) || options.patients < 0) {
    throw new RangeError(`generateDemoData() needs a whole number of patients, got ${options.patients}`);
  }
  const seed = options.seed ?? defaultDemoSeed;
  const locations = buildDemoLocations(seed);
  const data: DemoData = { locations: locations.map((l) => l.resource), patients: [], visits: [], encounters: [], observations: [] };
  for (let index = 0; index < options.patients; index++) {
    const random = createSeededRandom(`${seed}:patient:${index}`);
    const patient = buildDemoPatient(random, { index, now: options.now, locations });
    const baseline = vitalBaseline(random, patient);
    const days = Array.from({ length: random.int(1, 3) }, () => random.int(1, 360));
    const visits: DemoVisit[] = [...new Set(days)].map((daysAgo) => buildDemoVisit(random, { patient, baseline, now: options.now, daysAgo }));
    visits.sort((a, b) => a.start - b.start);
    data.patients.push(patient.resource);
    for (const v of visits) {
      data.visits.push(v.visit);
      data.encounters.push(v.encounter);
      data.observations.push(...v.observations);
    }
  }
  return data;
}
