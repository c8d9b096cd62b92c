/** Registers a patient offline: a FHIR Patient written as a local change that the next push sends. */

import type { JsonObject, SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import { planLocalWrite } from '../core/sync/plan-local-write.ts';
import type { ApiResult, NewPatient } from './sync-api.ts';

export interface RegisterPatientOptions {
  now: number;
  newId(): string;
}

const genders = ['male', 'female', 'other', 'unknown'];

/**
 * Checks the form (names present, a known gender, a real `YYYY-MM-DD` birth date not after
 * `today`), builds the FHIR Patient and writes it with {@linkcode planLocalWrite} (origin
 * `local`, action CREATED) in one batch. Failures are OBJECT_INVALID naming the field.
 *
 * @example
 * ```ts
 * const r = await registerPatient(store, { givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02' },
 *   { now: Date.now(), newId: () => crypto.randomUUID() });
 * ```
 */
export async function registerPatient(store: SyncStore, patient: NewPatient, options: RegisterPatientOptions): Promise<ApiResult<{ uuid: string }>> {
  const problem = checkNewPatient(patient, new Date(options.now).toISOString().slice(0, 10));
  if (problem) return { ok: false, error: problem };
  const uuid = options.newId();
  const body = patientResource(patient, { uuid, nameId: options.newId(), identifierId: options.newId() });
  const { plan } = planLocalWrite(undefined, { category: 'patient', uuid, representation: 'fhir', body, action: 'CREATED' },
    { origin: 'local', now: options.now, eventId: options.newId() });
  const applied = await store.applyBatch(plan);
  if (!applied.ok) return { ok: false, error: { code: 'OBJECT_INVALID', message: 'A patient with this id exists already', details: { uuid } } };
  return { ok: true, value: { uuid } };
}

/** The FHIR R4 Patient of a registration, shaped as OpenMRS fhir2 serves patients. */
export function patientResource(patient: NewPatient, ids: { uuid: string; nameId: string; identifierId: string }): JsonObject {
  const resource: JsonObject = {
    resourceType: 'Patient',
    id: ids.uuid,
    active: true,
    name: [{ id: ids.nameId, family: patient.familyName.trim(), given: patient.givenName.trim().split(/\s+/) }],
    gender: patient.gender,
    birthDate: patient.birthDate,
  };
  const identifier = patient.identifier?.trim();
  if (identifier) resource['identifier'] = [{ id: ids.identifierId, use: 'official', type: { text: 'OpenMRS ID' }, value: identifier }];
  return resource;
}

/** The first problem of a registration form, or undefined. */
export function checkNewPatient(patient: NewPatient, today: string): SerializedFailure | undefined {
  const p = patient as Partial<Record<keyof NewPatient, unknown>>;
  if (typeof p.givenName !== 'string' || p.givenName.trim() === '') return invalid('givenName', 'The given name is required');
  if (typeof p.familyName !== 'string' || p.familyName.trim() === '') return invalid('familyName', 'The family name is required');
  if (typeof p.gender !== 'string' || !genders.includes(p.gender)) return invalid('gender', `The gender must be one of ${genders.join(', ')}`);
  if (typeof p.birthDate !== 'string' || !isRealDate(p.birthDate) || p.birthDate > today) {
    return invalid('birthDate', 'The birth date must be a date (YYYY-MM-DD) not in the future');
  }
  if (p.identifier !== undefined && typeof p.identifier !== 'string') return invalid('identifier', 'The identifier must be text');
  return undefined;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function invalid(field: string, message: string): SerializedFailure {
  return { code: 'OBJECT_INVALID', message, details: { field } };
}
