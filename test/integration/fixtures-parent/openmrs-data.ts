/** What the fake OpenMRS parent holds: the fixture feed's patients and a made-up observation feed, as fhir2 and REST serve them. */

import { readFileSync } from 'node:fs';
import type { JsonObject } from '../../../src/core/store/store-port.ts';

/** The host OpenMRS writes into feed links from its proxy headers; the child never uses it. */
export const proxyBase = 'https://openmrs.example.org:443/openmrs';

/** Catchment filter values of the two clinics the events come from. */
export const kibera = 'Kenya%Nairobi%null%Kibera%00100';
export const mombasa = 'Kenya%Mombasa%null%Nyali%80100';
export const filterBean = 'atomfeed.locationFeedFilterStrategy';

/** Patients of test/fixtures/patient-*.xml and what the parent makes of them. */
export const patients = {
  twiceUpdated: '32af3a10-ebc9-49e8-b59a-8e4a48354c3c',
  kiberaUpdated: 'b79dc6d8-849f-49e2-aff3-0abb3adb378f',
  voided: 'bf5bd690-a9ef-4402-8252-b70f9e21e741',
  /** fhir2 cannot serve this one (404 on read, absent from searches): only REST has it. */
  restOnly: '9ee9ec74-d992-433f-97d8-349ffc487133',
  plain: 'b7058212-f46e-40bd-a382-12340c41a923',
  onPageTwo: '7c01fa0c-c670-4c1b-9b37-16effddb070b',
} as const;

/** Observations of the made-up feed; o1 and o5 are edited (void + a new uuid: o6 and o8). */
export const obs = {
  o1: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0001',
  o2: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0002',
  o3: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0003',
  /** Its event carries the stock config's legacy `/ws/fhir/` link, which no module serves. */
  o4: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0004',
  o5: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0005',
  o6: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0006',
  o7: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0007',
  o8: '0b1f5c52-1a0e-4c43-9d65-1f0a7e0c0008',
} as const;

/** One event of the observation feed. */
export interface ObsEvent {
  uuid: string;
  action: 'CREATED' | 'UPDATED' | 'VOIDED';
  filter?: string;
  legacyFhirLink?: boolean;
}

/** The observation feed, oldest first: pages of 5 as OpenMRS writes them. */
export const obsEvents: readonly ObsEvent[] = [
  { uuid: obs.o1, action: 'CREATED', filter: kibera },
  { uuid: obs.o2, action: 'CREATED', filter: kibera },
  { uuid: obs.o3, action: 'CREATED', filter: mombasa },
  { uuid: obs.o4, action: 'CREATED', legacyFhirLink: true },
  { uuid: obs.o5, action: 'CREATED', filter: kibera },
  // An edit of o1: OpenMRS voids it (UPDATED then VOIDED) and saves the new value as o6.
  { uuid: obs.o1, action: 'UPDATED', filter: kibera },
  { uuid: obs.o1, action: 'VOIDED', filter: kibera },
  { uuid: obs.o6, action: 'CREATED', filter: kibera },
  { uuid: obs.o3, action: 'UPDATED', filter: mombasa },
  { uuid: obs.o7, action: 'CREATED', filter: mombasa },
  { uuid: obs.o5, action: 'UPDATED', filter: kibera },
  { uuid: obs.o5, action: 'VOIDED', filter: kibera },
  { uuid: obs.o8, action: 'CREATED', filter: kibera },
];

/** Voided on the parent: fhir2 answers 410 and leaves them out of searches; REST still serves them. */
export const voidedUuids: ReadonlySet<string> = new Set([patients.voided, obs.o1, obs.o5]);

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

/** A fixture file's text. */
export function fixtureText(name: string): string {
  return fixture(name);
}

const patientTemplate = JSON.parse(fixture('fhir2-patient.json')) as JsonObject;
const restPatientTemplate = fixture('rest-patient-full.json');
const templateUuid = String(patientTemplate['id']);

/** `meta.versionId` as fhir2 writes it: the last change, in ms. */
const versionOf = (n: number): string => String(1_772_427_642_000 + n * 7_000);

/** A patient as fhir2 serves it, from the fixture template. */
export function fhirPatient(uuid: string, n: number): JsonObject {
  const family = ['Otieno', 'Wanjiru', 'Kamau', 'Achieng', 'Mwangi', 'Njeri'][n % 6] as string;
  return {
    ...structuredClone(patientTemplate), id: uuid, meta: { versionId: versionOf(n), lastUpdated: '2026-03-02T08:01:24.000+03:00' },
    name: [{ ...(patientTemplate['name'] as JsonObject[])[0], family }],
  };
}

/** A patient's REST full representation, from the fixture template. */
export function restPatient(uuid: string): JsonObject {
  const body = JSON.parse(restPatientTemplate.replaceAll(templateUuid, uuid)) as JsonObject;
  return voidedUuids.has(uuid) ? { ...body, voided: true } : body;
}

/** A weight observation as fhir2 serves it. */
export function fhirObs(uuid: string, n: number): JsonObject {
  return {
    resourceType: 'Observation', id: uuid, meta: { versionId: versionOf(n), lastUpdated: '2026-03-02T08:02:00.000+03:00' },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
    code: {
      coding: [{ code: '5089AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', display: 'Weight (kg)' }, { system: 'https://cielterminology.org', code: '5089' },
        { system: 'http://loinc.org', code: '29463-7' }],
      text: 'Weight (kg)',
    },
    subject: { reference: `Patient/${patients.kiberaUpdated}`, type: 'Patient', display: 'Amina Wanjiru Otieno (OpenMRS ID: 100-8)' },
    effectiveDateTime: '2026-03-02T08:02:00+03:00',
    issued: '2026-03-02T08:02:00.000+03:00',
    valueQuantity: { value: 60 + n, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  };
}

/** An observation's REST full representation. */
export function restObs(uuid: string, n: number): JsonObject {
  return {
    uuid, display: `Weight (kg): ${60 + n}.0`,
    concept: { uuid: '5089AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', display: 'Weight (kg)' },
    person: { uuid: patients.kiberaUpdated, display: '100-8 - Amina Wanjiru Otieno' },
    obsDatetime: '2026-03-02T08:02:00.000+0300', encounter: null, location: { uuid: '8d6c993e-c2cc-11de-8d13-0010c6dffd0f', display: 'Kibera Clinic' },
    value: 60 + n, valueModifier: null, status: 'FINAL', voided: voidedUuids.has(uuid),
    auditInfo: { creator: { uuid: 'A4F30A1B-5EB9-11DF-A648-37A07F9C90FB', display: 'admin' }, dateCreated: '2026-03-02T08:02:00.000+0300' },
    links: [{ rel: 'self', uri: `http://openmrs.example.org/openmrs/ws/rest/v1/obs/${uuid}`, resourceAlias: 'obs' }],
    resourceVersion: '1.11',
  };
}
