/** Registers a patient offline: a form with validation; the patient becomes a local change sent at the next sync. */

import { h, heading, replaceChildren, uniqueId, whileBusy } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { type Field, inputField, showErrors } from './form-field.ts';
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
    if (!result.ok) return showRefusal(fields, outcome, result.error);
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

type PatientFields = ReturnType<typeof patientFields>;

function patientFields(today: string) {
  return {
    givenName: inputField('Given name', { name: 'givenName', autocomplete: 'off', required: true }),
    familyName: inputField('Family name', { name: 'familyName', autocomplete: 'off', required: true }),
    gender: genderField(),
    birthDate: inputField('Birth date', { name: 'birthDate', type: 'date', max: today, min: '1890-01-01', required: true }),
    identifier: inputField('Identifier (optional)', { name: 'identifier', autocomplete: 'off' }, { hint: 'A clinic number, if the patient has one.' }),
  };
}

/** The worker's refusal, on the field it names (OBJECT_INVALID carries `details.field`) and in plain words. */
function showRefusal(fields: PatientFields, outcome: HTMLElement, error: unknown): void {
  const { details, message } = error as { details?: { field?: unknown }; message?: unknown };
  const field = details?.field;
  if (typeof field === 'string' && Object.hasOwn(fields, field)) {
    fields[field as keyof PatientFields].setError(typeof message === 'string' ? message : 'Check this field');
  }
  replaceChildren(outcome, failureBox(error, { heading: 'The patient was not registered' }));
}

/** A radio group for the gender, usable as a field (its first radio takes focus on error). */
function genderField(): Field & { value(): string } {
  const id = uniqueId('gender');
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const radios = (['female', 'male', 'other', 'unknown'] as const).map((value) =>
    h('input', { type: 'radio', name: 'gender', value, id: `${id}-${value}` }));
  const element = h('fieldset', { class: 'field radio-group', id }, [
    h('legend', {}, 'Gender'),
    ...radios.map((radio) => h('label', { class: 'choice', for: radio.id }, [radio, ` ${radio.value.charAt(0).toUpperCase()}${radio.value.slice(1)}`])),
    error,
  ]);
  return {
    element,
    control: radios[0] as HTMLInputElement,
    value: () => radios.find((r) => r.checked)?.value ?? '',
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = message === undefined;
      if (message === undefined) element.removeAttribute('aria-describedby');
      else element.setAttribute('aria-describedby', error.id);
      for (const radio of radios) {
        if (message === undefined) radio.removeAttribute('aria-invalid');
        else radio.setAttribute('aria-invalid', 'true');
      }
    },
  };
}
