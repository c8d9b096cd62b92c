/** Edits a patient offline: names, gender and birth date, checked like a registration; saved on the tablet and sent at the next sync. */

import type { PatientDetails } from '../browser/sync-api.ts';
import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { showErrors } from './form-field.ts';
import { personFields, showRefusal } from './patient-fields.ts';
import { checkPatientForm } from './patient-validation.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * The edit screen of patient `uuid`: the form is filled from `api.patient(uuid)`, and saving
 * sends `api.updatePatient` with the version it was filled from (a patient changed meanwhile by
 * a sync is refused, not overwritten). On success the patient list shows it as not sent yet.
 *
 * @example
 * ```ts
 * main.append(patientEditScreen(context, uuid).element);
 * ```
 */
export function patientEditScreen(context: ScreenContext, uuid: string): Screen {
  const today = new Date(context.now()).toISOString().slice(0, 10);
  const fields = personFields(today);
  const outcome = h('div', { class: 'form-outcome' });
  const submit = h('button', { type: 'submit', class: 'primary big' }, 'Save changes');
  const content = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading the patient…'));
  let dirty = false;
  let loaded: PatientDetails | undefined;
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Edit patient', oninput: () => { dirty = true; } }, [
    fields.givenName.element, fields.familyName.element, fields.gender.element, fields.birthDate.element,
    outcome,
    h('div', { class: 'actions' }, [submit, h('a', { href: hrefOf({ screen: 'patients' }), class: 'button' }, 'Cancel')]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (loaded) void save(loaded);
  });
  const save = (details: PatientDetails): Promise<void> =>
    saveEdit(context, { uuid, details, fields, outcome, submit, today, saved: () => { dirty = false; } });
  void load(context, uuid).then((result) => {
    if (result.ok) {
      loaded = result.value;
      fill(fields, result.value);
    }
    replaceChildren(content, result.ok ? [pendingNote(result.value), form] : [
      failureBox(result.error, { heading: 'This patient cannot be edited' }),
      h('p', {}, h('a', { href: hrefOf({ screen: 'patients' }) }, 'Back to the patients')),
    ]);
    content.setAttribute('aria-busy', 'false');
  });
  const element = h('section', { class: 'screen patient-edit-screen' }, [
    heading('Edit patient'),
    h('p', { class: 'hint' }, 'The changes are saved on this tablet at once, and sent to the parent at the next sync.'),
    content,
  ]);
  return { title: 'Edit patient', element, hasUnsavedInput: () => dirty };
}

interface EditForm {
  uuid: string;
  details: PatientDetails;
  fields: ReturnType<typeof personFields>;
  outcome: HTMLElement;
  submit: HTMLButtonElement;
  today: string;
  /** Called once the edit is saved (or there was nothing to save), before leaving the screen. */
  saved(): void;
}

/** Checks the form, sends the edit, and on success announces it and goes back to the list. */
async function saveEdit(context: ScreenContext, form: EditForm): Promise<void> {
  const { uuid, fields, outcome } = form;
  replaceChildren(outcome, []);
  const checked = checkPatientForm({
    givenName: fields.givenName.control.value, familyName: fields.familyName.control.value, gender: fields.gender.value(),
    birthDate: fields.birthDate.control.value, identifier: '',
  }, form.today);
  if (!showErrors(fields, checked.ok ? {} : checked.errors) || !checked.ok) return;
  const { givenName, familyName, gender, birthDate } = checked.patient;
  const edit = { givenName, familyName, gender, birthDate, version: form.details.version };
  const result = await whileBusy(form.submit, 'Saving…', () => context.api.updatePatient(uuid, edit))
    .catch((error: unknown) => ({ ok: false as const, error }));
  if (!result.ok) return showRefusal(fields, outcome, result.error, 'The changes were not saved');
  form.saved();
  const name = `${givenName} ${familyName}`;
  if (result.value.changed) {
    context.flash.edited = { uuid, name };
    context.announce(`Changes to ${name} saved. They will be sent at the next sync.`);
    context.deps.onLocalChange?.();
    void context.refreshStatus();
  } else {
    context.announce(`No changes to save for ${name}.`);
  }
  context.navigate({ screen: 'patients' });
}

async function load(context: ScreenContext, uuid: string): Promise<{ ok: true; value: PatientDetails } | { ok: false; error: unknown }> {
  try {
    return await context.api.patient(uuid);
  } catch (error) {
    return { ok: false, error };
  }
}

function fill(fields: ReturnType<typeof personFields>, details: PatientDetails): void {
  fields.givenName.control.value = details.givenName;
  fields.familyName.control.value = details.familyName;
  fields.gender.setValue(details.gender);
  fields.birthDate.control.value = details.birthDate;
}

function pendingNote(details: PatientDetails): HTMLElement | null {
  if (!details.pending) return null;
  return h('p', { class: 'notice' }, [h('span', { class: 'badge pending' }, 'Not sent yet'), ' Earlier changes to this patient are waiting for the next sync.']);
}
