/** The fields the patient forms share (registration and edit): names, gender, birth date, and how a refusal lands on them. */

import { h, replaceChildren, uniqueId } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { type Field, inputField } from './form-field.ts';

/** The given name, family name, gender and birth date fields; `today` (YYYY-MM-DD) caps the birth date. */
export function personFields(today: string) {
  return {
    givenName: inputField('Given name', { name: 'givenName', autocomplete: 'off', required: true }),
    familyName: inputField('Family name', { name: 'familyName', autocomplete: 'off', required: true }),
    gender: genderField(),
    birthDate: inputField('Birth date', { name: 'birthDate', type: 'date', max: today, min: '1890-01-01', required: true }),
  };
}

/** The worker's refusal, on the field it names (OBJECT_INVALID carries `details.field`) and in plain words under `heading`. */
export function showRefusal(fields: Record<string, Field<HTMLElement>>, outcome: HTMLElement, error: unknown, heading: string): void {
  const { details, message } = error as { details?: { field?: unknown }; message?: unknown };
  const field = details?.field;
  if (typeof field === 'string' && Object.hasOwn(fields, field)) {
    fields[field]?.setError(typeof message === 'string' ? message : 'Check this field');
  }
  replaceChildren(outcome, failureBox(error, { heading }));
}

/** A radio group for the gender, usable as a field (its first radio takes focus on error). */
export function genderField(): Field & { value(): string; setValue(value: string): void } {
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
    setValue(value) {
      for (const radio of radios) radio.checked = radio.value === value;
    },
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
