import { afterEach, describe, expect, it } from 'vitest';
import type { SyncApiService } from '../../src/browser/create-sync-api.ts';
import { editedPatientBody } from '../../src/browser/edit-patient.ts';
import type { PatientEdit } from '../../src/browser/sync-api.ts';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { JsonObject, StoredObject } from '../../src/core/store/store-port.ts';
import { childPassword, seededParent, tablet, tabletSettings, type Tablet } from './_browser-api-kit.ts';

const open: SyncApiService[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

async function offlineTablet(): Promise<{ t: Tablet; api: SyncApiService }> {
  const t = tablet(async () => { throw new TypeError('offline'); });
  const api = await t.open();
  open.push(api);
  return { t, api };
}

const stored: JsonObject = {
  resourceType: 'Patient', id: 'p-1', active: true, meta: { versionId: '1700000000000' },
  identifier: [{ id: 'i-1', use: 'official', type: { text: 'OpenMRS ID' }, value: '10001-5' }],
  name: [{ id: 'n-1', use: 'official', family: 'Otieno', given: ['Amina'], text: 'Amina Otieno' }, { id: 'n-2', use: 'nickname', given: ['Mina'] }],
  gender: 'female', birthDate: '1990-04-02', address: [{ id: 'a-1', city: 'Eldoret' }],
  extension: [{ url: 'http://fhir.openmrs.org/ext/patient/x', valueString: 'kept' }],
};

function fhirPatient(uuid: string, body: JsonObject, extra: Partial<StoredObject> = {}): StoredObject {
  const withId = { ...body, id: uuid };
  return { category: 'patient', uuid, representation: 'fhir', body: withId, hash: canonicalHash(withId), version: '1', removed: false, updatedAt: 1, ...extra };
}

const edit: Omit<PatientEdit, 'version'> = { givenName: ' Amina  Wanjiru ', familyName: 'Kamau ', gender: 'other', birthDate: '1991-05-06' };

describe('editedPatientBody()', () => {
  it('editedPatientBody() replaces the first name, gender and birth date, and keeps every other field as stored', () => {
    const body = editedPatientBody(stored, edit, { newId: () => 'new-id' });
    expect(body).toEqual({
      ...stored,
      name: [{ id: 'n-1', use: 'official', family: 'Kamau', given: ['Amina', 'Wanjiru'] }, (stored['name'] as JsonObject[])[1]],
      gender: 'other', birthDate: '1991-05-06',
    });
    // The stored body is not touched.
    expect((stored['name'] as JsonObject[])[0]?.['family']).toBe('Otieno');
  });

  it('editedPatientBody() gives a patient without a name one, with a new id', () => {
    const { name: _none, ...nameless } = stored;
    expect(editedPatientBody(nameless, edit, { newId: () => 'new-id' })['name']).toEqual([{ id: 'new-id', family: 'Kamau', given: ['Amina', 'Wanjiru'] }]);
  });
});

describe('SyncApi patient() and updatePatient()', () => {
  it('updatePatient() writes the edit as a local change (UPDATED) over the pulled patient, keeping its base, and it shows as pending', async () => {
    const { t, api } = await offlineTablet();
    const pulled = fhirPatient('p-1', stored);
    pulled.base = { body: pulled.body as JsonObject, hash: pulled.hash, version: '1700000000000' };
    await t.store().applyBatch({ objects: [pulled] });
    const details = await api.patient('p-1');
    expect(details).toEqual({
      ok: true,
      value: { uuid: 'p-1', givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', identifier: '10001-5', version: '1', pending: false },
    });

    expect(await api.updatePatient('p-1', { ...edit, version: '1' })).toEqual({ ok: true, value: { changed: true } });
    const after = await t.store().getObject('patient', 'p-1');
    expect(after).toMatchObject({ version: '2', base: pulled.base, body: { identifier: stored['identifier'], address: stored['address'], gender: 'other' } });
    expect(await api.localChanges()).toMatchObject([{ category: 'patient', uuid: 'p-1', origin: 'local', action: 'UPDATED', hash: after?.hash }]);
    expect((await api.status()).pendingPushes).toBe(1);
    expect(await api.patients()).toMatchObject([{ uuid: 'p-1', name: 'Amina Wanjiru Kamau', pending: true }]);
    expect(await api.patient('p-1')).toMatchObject({ ok: true, value: { version: '2', pending: true, familyName: 'Kamau' } });
  });

  it('updatePatient() that changes nothing writes nothing', async () => {
    const { t, api } = await offlineTablet();
    await t.store().applyBatch({ objects: [fhirPatient('p-1', stored)] });
    const same = { givenName: 'Amina', familyName: 'Otieno', gender: 'female' as const, birthDate: '1990-04-02', version: '1' };
    expect(await api.updatePatient('p-1', same)).toEqual({ ok: true, value: { changed: false } });
    expect(await t.store().lastSeq()).toBe(0);
  });

  it('updatePatient() refuses an invalid field, a stale version, an open conflict and an unknown patient, writing nothing', async () => {
    const { t, api } = await offlineTablet();
    await t.store().applyBatch({ objects: [fhirPatient('p-1', stored, { version: '4' })] });
    expect(await api.updatePatient('p-1', { ...edit, birthDate: '2999-01-01', version: '4' }))
      .toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { field: 'birthDate' } } });
    expect(await api.updatePatient('p-1', { ...edit, familyName: ' ', version: '4' }))
      .toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { field: 'familyName' } } });
    // The form was filled from version 3; a sync has stored version 4 since.
    expect(await api.updatePatient('p-1', { ...edit, version: '3' }))
      .toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { reason: 'changed' } } });
    expect(await api.updatePatient('nobody', { ...edit, version: '1' })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
    await t.store().applyBatch({
      conflicts: { put: [{ id: 'patient/p-1', category: 'patient', uuid: 'p-1', representation: 'fhir', base: {}, local: {}, parent: {}, fields: ['gender'], reason: 'overlap', createdAt: 1 }] },
    });
    expect(await api.updatePatient('p-1', { ...edit, version: '4' }))
      .toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { reason: 'conflict-open' } } });
    expect(await t.store().lastSeq()).toBe(0);
    expect((await t.store().getObject('patient', 'p-1'))?.version).toBe('4');
  });

  it('patient() refuses a patient stored in the REST form or removed', async () => {
    const { t, api } = await offlineTablet();
    const rest: StoredObject = {
      category: 'patient', uuid: 'r-1', representation: 'rest', body: { uuid: 'r-1', person: { gender: 'F' } }, hash: 'h', version: '1', removed: false, updatedAt: 1,
    };
    await t.store().applyBatch({ objects: [rest, fhirPatient('gone', stored, { removed: true })] });
    expect(await api.patient('r-1')).toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { reason: 'representation' } } });
    expect(await api.updatePatient('r-1', { ...edit, version: '1' })).toMatchObject({ ok: false, error: { details: { reason: 'representation' } } });
    expect(await api.patient('gone')).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });

  it('an edited patient reaches the parent at the next push, with its other fields kept', async () => {
    const parent = await seededParent(1);
    const t = tablet(parent.fetch);
    const api = await t.open();
    open.push(api);
    await api.configure(tabletSettings(), childPassword);
    await api.syncNow();
    const [patient] = await api.patients();
    if (!patient) throw new Error('no patient pulled');
    const details = await api.patient(patient.uuid);
    if (!details.ok) throw new Error(details.error.message);
    const before = (await parent.store.getObject('patient', patient.uuid))?.body as JsonObject;
    expect(await api.updatePatient(patient.uuid, { ...edit, version: details.value.version })).toMatchObject({ ok: true, value: { changed: true } });
    expect((await api.syncNow('push')).push?.status).toBe('ok');
    const after = (await parent.store.getObject('patient', patient.uuid))?.body as JsonObject;
    expect(after).toMatchObject({ gender: 'other', birthDate: '1991-05-06', identifier: before['identifier'] });
    expect((after['name'] as JsonObject[])[0]).toMatchObject({ family: 'Kamau', given: ['Amina', 'Wanjiru'] });
    expect((await api.status()).pendingPushes).toBe(0);
    expect(await api.patients()).toMatchObject([{ uuid: patient.uuid, pending: false }]);
  });
});
