// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PatientDetails } from '../../src/browser/sync-api.ts';
import { startApp } from '../../src/ui/app.ts';
import { patientEditScreen } from '../../src/ui/patient-edit.ts';
import { patientsScreen } from '../../src/ui/patients-screen.ts';
import { $, button, byLabel, FakeApi, fakeContext, settle, stopAppsAfterEach, type } from './_ui-kit.ts';

const tracked = stopAppsAfterEach();

const amina: PatientDetails = {
  uuid: 'p-1', givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', identifier: '10001-5', version: '3', pending: false,
};

async function render(api: FakeApi, uuid = 'p-1') {
  const kit = fakeContext(api);
  const screen = patientEditScreen(kit.context, uuid);
  document.body.append(screen.element);
  await settle();
  return { ...kit, screen, root: screen.element };
}

function submit(root: HTMLElement): void {
  $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
}

describe('patient edit', () => {
  it('patientsScreen() offers an Edit link per patient, named after the patient', async () => {
    const api = new FakeApi();
    api.patientList = [{ uuid: 'p-1', name: 'Amina Otieno', pending: false }];
    const root = patientsScreen(fakeContext(api).context).element;
    await settle();
    const link = $(root, 'li.patient a');
    expect(link.textContent).toBe('Edit');
    expect(link.getAttribute('aria-label')).toBe('Edit Amina Otieno');
    expect(link.getAttribute('href')).toBe('#/patients/p-1/edit');
  });

  it('patientEditScreen() fills a labelled form from the stored patient', async () => {
    const api = new FakeApi();
    api.details = { 'p-1': amina };
    const { root } = await render(api);
    expect(api.callsOf('patient')).toEqual([['p-1']]);
    expect($(root, 'form').getAttribute('aria-label')).toBe('Edit patient');
    expect(byLabel(root, 'Given name').value).toBe('Amina');
    expect(byLabel(root, 'Family name').value).toBe('Otieno');
    expect(byLabel(root, 'Birth date').value).toBe('1990-04-02');
    expect((root.querySelector('input[name="gender"]:checked') as HTMLInputElement).value).toBe('female');
    expect($(root, 'fieldset.radio-group legend').textContent).toBe('Gender');
    expect(root.querySelector('.badge.pending')).toBeNull();
  });

  it('patientEditScreen() saves the changes with the version it was filled from, then goes back to the list', async () => {
    const api = new FakeApi();
    api.details = { 'p-1': amina };
    let localChanges = 0;
    const { root, record, context, screen } = await render(api);
    context.deps.onLocalChange = () => { localChanges += 1; };
    type(byLabel(root, 'Family name'), ' Kamau ');
    (root.querySelector('input[name="gender"][value="other"]') as HTMLInputElement).checked = true;
    expect(screen.hasUnsavedInput?.()).toBe(true);
    submit(root);
    await settle();
    expect(api.callsOf('updatePatient')).toEqual([['p-1', { givenName: 'Amina', familyName: 'Kamau', gender: 'other', birthDate: '1990-04-02', version: '3' }]]);
    expect(record.navigated).toEqual([{ screen: 'patients' }]);
    expect(context.flash.edited).toEqual({ uuid: 'p-1', name: 'Amina Kamau' });
    expect(record.said.at(-1)).toBe('Changes to Amina Kamau saved. They will be sent at the next sync.');
    expect(localChanges).toBe(1);
    expect(screen.hasUnsavedInput?.()).toBe(false);
  });

  it('patientEditScreen() shows a message per invalid field, focuses the first, and saves nothing', async () => {
    const api = new FakeApi();
    api.details = { 'p-1': { ...amina, gender: '' } };
    const { root } = await render(api);
    type(byLabel(root, 'Given name'), '  ');
    type(byLabel(root, 'Birth date'), '2030-01-01');
    submit(root);
    await settle();
    expect(api.callsOf('updatePatient')).toEqual([]);
    const errors = [...root.querySelectorAll('.field-error:not([hidden])')].map((e) => e.textContent);
    expect(errors).toEqual(['Enter the given name', 'Choose a gender', 'The birth date cannot be in the future']);
    expect(byLabel(root, 'Given name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(byLabel(root, 'Given name'));
  });

  it('patientEditScreen() shows the refusal when the patient changed since the form was filled, and stays', async () => {
    const api = new FakeApi();
    api.details = { 'p-1': amina };
    api.updateResult = { ok: false, error: { code: 'OBJECT_INVALID', message: 'This patient changed on this tablet since the form was opened', details: { reason: 'changed' } } };
    const { root, record } = await render(api);
    submit(root);
    await settle();
    expect($(root, '[role="alert"]').textContent).toContain('This patient changed on this tablet since the form was opened');
    expect(record.navigated).toEqual([]);
  });

  it('patientEditScreen() says when there was nothing to save', async () => {
    const api = new FakeApi();
    api.details = { 'p-1': amina };
    api.updateResult = { ok: true, value: { changed: false } };
    const { root, record, context } = await render(api);
    submit(root);
    await settle();
    expect(record.said.at(-1)).toBe('No changes to save for Amina Otieno.');
    expect(context.flash.edited).toBeUndefined();
    expect(record.navigated).toEqual([{ screen: 'patients' }]);
  });

  it('patientEditScreen() of a patient that cannot be edited explains why and links back, with no form', async () => {
    const api = new FakeApi();
    const { root } = await render(api, 'nobody');
    expect(root.querySelector('form')).toBeNull();
    expect($(root, '[role="alert"]').textContent).toContain('RECORD_NOT_FOUND');
    expect($(root, 'a[href="#/patients"]').textContent).toBe('Back to the patients');
  });

  it('editing from the list: the patient shows with a "Not sent yet" badge and a notice after saving', async () => {
    const api = new FakeApi();
    api.patientList = [{ uuid: 'p-1', name: 'Amina Otieno', pending: false }];
    api.details = { 'p-1': { ...amina, pending: true } };
    api.updatePatient = async (uuid, edit) => {
      api.calls.push(['updatePatient', uuid, edit]);
      api.patientList = [{ uuid, name: `${edit.givenName} ${edit.familyName}`, pending: true }];
      return { ok: true, value: { changed: true } };
    };
    history.replaceState(null, '', '#/patients');
    const root = document.createElement('div');
    document.body.append(root);
    tracked(await startApp(root, { api, now: () => Date.UTC(2025, 10, 26) }));
    await settle();
    location.hash = $(root, 'li.patient a').getAttribute('href') ?? '';
    await settle();
    expect($(root, 'h1').textContent).toBe('Edit patient');
    expect($(root, 'nav a[aria-current="page"]').textContent).toBe('Patients');
    // Earlier changes not sent yet are said before the form.
    expect($(root, '.notice .badge.pending').textContent).toBe('Not sent yet');
    type(byLabel(root, 'Family name'), 'Kamau');
    submit(root);
    await settle(10);
    expect(location.hash).toBe('#/patients');
    expect($(root, '.notice.success').textContent).toContain('The changes to Amina Kamau are saved on this tablet');
    expect($(root, 'li.patient .patient-name').textContent).toBe('Amina KamauNot sent yet');
    expect(button(root, 'Search')).toBeTruthy();
  });
});
