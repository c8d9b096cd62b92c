/** Registers a patient offline: a form with validation; the patient becomes a local change sent at the next sync. */

import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { inputField, showErrors } from './form-field.ts';
import { personFields, showRefusal } from './patient-fields.ts';
import { checkPatientForm } from './patient-validation.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * The registration screen: on success the patient list shows the new patient as not sent yet.
 *
 * @example
 * ```ts
 * main.append(patientFormScreen(context).element);
 * ```
 */
export function patientFormScreen(context: ScreenContext): Screen {
  const today = new Date(context.now()).toISOString().slice(0, 10);
  const fields = patientFields(today);
  const outcome = h('div', { class: 'form-outcome' });
  const submit = h('button', { type: 'submit', class: 'primary big' }, 'Register patient');
  let dirty = false;
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Register a patient', oninput: () => { dirty = true; } }, [
    fields.givenName.element, fields.familyName.element, fields.gender.element, fields.birthDate.element, fields.identifier.element,
    outcome,
    h('div', { class: 'actions' }, [submit, h('a', { href: hrefOf({ screen: 'patients' }), class: 'button' }, 'Cancel')]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void register();
  });
  const register = async (): Promise<void> => {
    replaceChildren(outcome, []);
    const checked = checkPatientForm({
      givenName: fields.givenName.control.value, familyName: fields.familyName.control.value, gender: fields.gender.value(),
      birthDate: fields.birthDate.control.value, identifier: fields.identifier.control.value,
    }, today);
    if (!showErrors(fields, checked.ok ? {} : checked.errors) || !checked.ok) return;
    const result = await whileBusy(submit, 'Registering…', () => context.api.registerPatient(checked.patient))
      .catch((error: unknown) => ({ ok: false as const, error }));
    if (!result.ok) return showRefusal(fields, outcome, result.error, 'The patient was not registered');
    dirty = false;
    const name = `${checked.patient.givenName} ${checked.patient.familyName}`;
    context.flash.registered = { uuid: result.value.uuid, name };
    context.announce(`${name} registered. It will be sent at the next sync.`);
    context.deps.onLocalChange?.();
    void context.refreshStatus();
    context.navigate({ screen: 'patients' });
  };
  const element = h('section', { class: 'screen patient-form-screen' }, [
    heading('Register a patient'),
    h('p', { class: 'hint' }, 'The patient is saved on this tablet at once, and sent to the parent at the next sync.'),
    form,
  ]);
  return { title: 'Register a patient', element, hasUnsavedInput: () => dirty };
}

/** The registration's fields: the person's, and an optional identifier. */
function patientFields(today: string) {
  return {
    ...personFields(today),
    identifier: inputField('Identifier (optional)', { name: 'identifier', autocomplete: 'off' }, { hint: 'A clinic number, if the patient has one.' }),
  };
}
