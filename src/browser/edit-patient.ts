/** Edits a patient offline: its names, gender and birth date change in the stored FHIR Patient, written as a local change to push. */

import type { Json, JsonObject, SerializedFailure, StoredObject, SyncStore } from '../core/store/store-port.ts';
import { planLocalWrite } from '../core/sync/plan-local-write.ts';
import { checkNewPatient } from './register-patient.ts';
import type { ApiResult, PatientDetails, PatientEdit } from './sync-api.ts';

export interface EditPatientOptions {
  now: number;
  newId(): string;
}

/**
 * The editable fields of stored patient `uuid`, with its version. RECORD_NOT_FOUND for no live
 * patient; OBJECT_INVALID (`details.reason: 'representation'`) for one stored in the OpenMRS REST
 * form, whose names are sub-resources this form cannot write.
 *
 * @example
 * ```ts
 * const r = await readPatientDetails(store, uuid, { pending: false });
 * if (r.ok) form.fill(r.value);
 * ```
 */
export async function readPatientDetails(store: SyncStore, uuid: string, options: { pending: boolean }): Promise<ApiResult<PatientDetails>> {
  const object = await store.getObject('patient', uuid);
  const refused = refusal(object, uuid);
  if (refused) return { ok: false, error: refused };
  const body = (object as StoredObject).body as JsonObject;
  const name = firstName(body).name;
  const given = Array.isArray(name?.['given']) ? name['given'].filter((g): g is string => typeof g === 'string') : [];
  const identifier = objects(body['identifier'])[0]?.['value'];
  const details: PatientDetails = {
    uuid, givenName: given.join(' '), familyName: str(name?.['family']), gender: str(body['gender']), birthDate: str(body['birthDate']),
    version: (object as StoredObject).version, pending: options.pending,
  };
  if (typeof identifier === 'string') details.identifier = identifier;
  return { ok: true, value: details };
}

/**
 * Checks the edit as a registration is checked, then writes the stored Patient with the new
 * names, gender and birth date and every other field kept, through {@linkcode planLocalWrite}
 * (origin `local`, action UPDATED) against the version the form was filled from. Refusals:
 * RECORD_NOT_FOUND; OBJECT_INVALID naming the `field`, or with `details.reason` `representation`,
 * `conflict-open` (resolve the conflict first) or `changed` (the patient changed since the form
 * was filled: a sync brought a newer version). An edit that changes nothing writes nothing.
 *
 * @example
 * ```ts
 * await editPatient(store, uuid, { givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', version: '3' },
 *   { now: Date.now(), newId: () => crypto.randomUUID() });
 * ```
 */
export async function editPatient(store: SyncStore, uuid: string, edit: PatientEdit, options: EditPatientOptions): Promise<ApiResult<{ changed: boolean }>> {
  const problem = checkNewPatient(edit, new Date(options.now).toISOString().slice(0, 10));
  if (problem) return { ok: false, error: problem };
  const object = await store.getObject('patient', uuid);
  const refused = refusal(object, uuid) ?? (object?.version !== edit.version ? changed(uuid) : undefined);
  if (refused) return { ok: false, error: refused };
  const current = object as StoredObject;
  if ((await store.listConflicts({ open: true })).some((c) => c.category === 'patient' && c.uuid === uuid)) {
    return { ok: false, error: invalid(uuid, 'conflict-open', 'This patient has an open conflict: resolve it first, then edit') };
  }
  const body = editedPatientBody(current.body as JsonObject, edit, { newId: options.newId });
  const { plan, outcome } = planLocalWrite(current, { category: 'patient', uuid, representation: 'fhir', body, action: 'UPDATED' },
    { origin: 'local', now: options.now, eventId: options.newId(), expectedVersion: edit.version });
  if (outcome === 'unchanged') return { ok: true, value: { changed: false } };
  const applied = await store.applyBatch(plan);
  if (!applied.ok) return { ok: false, error: changed(uuid) };
  return { ok: true, value: { changed: true } };
}

/**
 * `body` with the first name's `given` and `family`, `gender` and `birthDate` replaced; everything
 * else is kept as stored. A body without a name gets one. The name's `text` (a display form of
 * the parts) is dropped rather than rewritten: were the parent to change a part meanwhile, the
 * merge would keep a rewritten text that shows the old part.
 */
export function editedPatientBody(body: JsonObject, edit: Omit<PatientEdit, 'version'>, ids: { newId(): string }): JsonObject {
  const given = edit.givenName.trim().split(/\s+/);
  const family = edit.familyName.trim();
  const { name, index } = firstName(body);
  const names = Array.isArray(body['name']) ? [...body['name']] : [];
  const unchanged = name !== undefined && name['family'] === family && JSON.stringify(name['given']) === JSON.stringify(given);
  if (!unchanged) {
    const next: JsonObject = name ? { ...name, family, given } : { id: ids.newId(), family, given };
    delete next['text'];
    if (index >= 0) names[index] = next;
    else names.unshift(next);
  }
  return { ...body, name: names, gender: edit.gender, birthDate: edit.birthDate };
}

function refusal(object: StoredObject | undefined, uuid: string): SerializedFailure | undefined {
  if (!object || object.removed || !object.body) return { code: 'RECORD_NOT_FOUND', message: 'No patient with this id on this tablet', details: { uuid } };
  if (object.representation !== 'fhir' || object.body['resourceType'] !== 'Patient') {
    return invalid(uuid, 'representation', 'This patient came in the OpenMRS REST form, which cannot be edited here yet');
  }
  return undefined;
}

function changed(uuid: string): SerializedFailure {
  return invalid(uuid, 'changed', 'This patient changed on this tablet since the form was opened (a sync brought a newer version): open it again');
}

function invalid(uuid: string, reason: string, message: string): SerializedFailure {
  return { code: 'OBJECT_INVALID', message, details: { uuid, reason } };
}

/** The first name object of a FHIR Patient and its place in `name` (-1 when there is none). */
function firstName(body: JsonObject): { name?: JsonObject; index: number } {
  const names = Array.isArray(body['name']) ? body['name'] : [];
  const index = names.findIndex((n) => typeof n === 'object' && n !== null && !Array.isArray(n));
  return index >= 0 ? { name: names[index] as JsonObject, index } : { index };
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

function str(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}
