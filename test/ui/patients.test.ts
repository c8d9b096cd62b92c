// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { NewPatient } from '../../src/browser/sync-api.ts';
import { startApp } from '../../src/ui/app.ts';
import { patientFormScreen } from '../../src/ui/patient-form.ts';
import { checkPatientForm } from '../../src/ui/patient-validation.ts';
import { patientsScreen } from '../../src/ui/patients-screen.ts';
import { $, button, byLabel, FakeApi, fakeContext, settle, stopAppsAfterEach, type } from './_ui-kit.ts';

const tracked = stopAppsAfterEach();

function fill(root: HTMLElement, values: { given?: string; family?: string; gender?: string; birth?: string; id?: string }): void {
  type(byLabel(root, 'Given name'), values.given ?? '');
  type(byLabel(root, 'Family name'), values.family ?? '');
  if (values.gender) (root.querySelector(`input[name="gender"][value="${values.gender}"]`) as HTMLInputElement).checked = true;
  type(byLabel(root, 'Birth date'), values.birth ?? '');
  type(byLabel(root, 'Identifier (optional)'), values.id ?? '');
}

describe('patients', () => {
  it('patientsScreen() lists local patients with a badge on those not sent yet', async () => {
    const api = new FakeApi();
    api.patientList = [
      { uuid: 'a', name: 'Amina Otieno', gender: 'female', birthDate: '1990-04-02', identifier: '10001', pending: false },
      { uuid: 'b', name: 'Baraka Mwangi', pending: true },
    ];
    const { context } = fakeContext(api);
    const root = patientsScreen(context).element;
    await settle();
    expect(api.callsOf('patients')).toEqual([[{ limit: 50 }]]);
    // A named list: screen readers announce "Patients on this tablet, list, 2 items".
    const items = [...root.querySelectorAll('ul[aria-label="Patients on this tablet"] > li.patient')];
    expect(items.map((li) => li.querySelector('.patient-name')?.textContent)).toEqual(['Amina Otieno', 'Baraka MwangiNot sent yet']);
    expect(items[0]?.querySelector('.patient-facts')?.textContent).toBe('Female · born 1990-04-02 · ID 10001');
  });

  it('patientsScreen() searches the local store with the words typed', async () => {
    const api = new FakeApi();
    api.patientList = [{ uuid: 'a', name: 'Amina Otieno', pending: false }, { uuid: 'b', name: 'Baraka Mwangi', pending: false }];
    const { context } = fakeContext(api);
    const root = patientsScreen(context).element;
    await settle();
    type(byLabel(root, 'Search by name or identifier'), '  amina ');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.callsOf('patients').at(-1)).toEqual([{ search: 'amina', limit: 50 }]);
    expect([...root.querySelectorAll('.patient-name')].map((n) => n.textContent)).toEqual(['Amina Otieno']);
    type(byLabel(root, 'Search by name or identifier'), 'nobody');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.textContent).toContain('No patient on this tablet matches "nobody".');
  });

  it('patientFormScreen() shows a message per invalid field and registers nothing', async () => {
    const api = new FakeApi();
    const { context } = fakeContext(api);
    const root = patientFormScreen(context).element;
    document.body.append(root);
    fill(root, { given: 'Amina', birth: '2030-01-01' });
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.callsOf('registerPatient')).toEqual([]);
    const errors = [...root.querySelectorAll('.field-error:not([hidden])')].map((e) => e.textContent);
    expect(errors).toEqual(['Enter the family name', 'Choose a gender', 'The birth date cannot be in the future']);
    expect(document.activeElement).toBe(byLabel(root, 'Family name'));
  });

  it('checkPatientForm() trims names, drops an empty identifier and refuses impossible dates', () => {
    const ok = checkPatientForm({ givenName: ' Amina ', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', identifier: ' ' }, '2025-11-26');
    expect(ok).toEqual({ ok: true, patient: { givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02' } });
    const bad = checkPatientForm({ givenName: 'A', familyName: 'B', gender: 'female', birthDate: '2023-02-30', identifier: '' }, '2025-11-26');
    expect(bad.ok === false && bad.errors.birthDate).toBe('Enter the birth date as a real date (day, month, year)');
  });

  it('patientFormScreen() shows the worker refusal on its field', async () => {
    const api = new FakeApi();
    api.registerResult = { ok: false, error: { code: 'OBJECT_INVALID', message: 'The gender must be one of male, female, other, unknown', details: { field: 'gender' } } };
    const { context, record } = fakeContext(api);
    const root = patientFormScreen(context).element;
    fill(root, { given: 'Amina', family: 'Otieno', gender: 'other', birth: '1990-04-02' });
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect($(root, '[role="alert"]').textContent).toContain('OBJECT_INVALID');
    expect($(root, 'fieldset.radio-group .field-error').textContent).toBe('The gender must be one of male, female, other, unknown');
    expect(record.navigated).toEqual([]);
  });

  it('registering a patient goes back to the list, which shows the new patient as not sent yet', async () => {
    const api = new FakeApi();
    api.patientList = [{ uuid: 'a', name: 'Amina Otieno', pending: false }];
    let localChanges = 0;
    history.replaceState(null, '', '#/patients/new');
    const root = document.createElement('div');
    document.body.append(root);
    tracked(await startApp(root, { api, onLocalChange: () => { localChanges += 1; }, now: () => Date.UTC(2025, 10, 26) }));
    fill(root, { given: 'Zawadi', family: 'Kamau', gender: 'female', birth: '2001-09-30', id: 'ZK-1' });
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(10);
    expect(api.callsOf('registerPatient')).toEqual([[{ givenName: 'Zawadi', familyName: 'Kamau', gender: 'female', birthDate: '2001-09-30', identifier: 'ZK-1' } satisfies NewPatient]]);
    expect(location.hash).toBe('#/patients');
    expect(localChanges).toBe(1);
    expect($(root, '.notice').textContent).toContain('Zawadi Kamau is registered on this tablet');
    const first = $(root, 'li.patient');
    expect(first.dataset['uuid']).toBe('new-uuid');
    expect(first.textContent).toContain('Not sent yet');
    expect(button(root, 'Search')).toBeTruthy();
  });
});
