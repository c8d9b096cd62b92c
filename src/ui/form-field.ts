/** A labelled form control with its hint and an error slot linked through aria-describedby. */

import { type Attrs, h, uniqueId } from './dom.ts';

/** A field: its wrapper, its control and a way to show or clear its error. */
export interface Field<E extends HTMLElement = HTMLInputElement> {
  element: HTMLElement;
  control: E;
  setError(message: string | undefined): void;
}

/**
 * A `<label>` + control + optional hint + error message; the control is `aria-invalid` while an error shows.
 *
 * @example
 * ```ts
 * const user = inputField('Username', { name: 'username', autocomplete: 'username', required: true });
 * user.setError('The username is required');
 * ```
 */
export function inputField(label: string, attrs: Attrs, options: { hint?: string } = {}): Field {
  return field(label, h('input', attrs), options);
}

/** A labelled `<select>` with `[value, text]` options. */
export function selectField(label: string, attrs: Attrs, choices: [string, string][], options: { hint?: string; value?: string } = {}): Field<HTMLSelectElement> {
  const select = h('select', attrs, choices.map(([value, text]) => h('option', { value, selected: value === options.value }, text)));
  return field(label, select, options);
}

/** Wraps any control as a field. */
export function field<E extends HTMLElement>(label: string, control: E, options: { hint?: string } = {}): Field<E> {
  const id = control.id || uniqueId('field');
  control.id = id;
  const hint = options.hint ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const describedBy = (withError: boolean): string => [hint ? `${id}-hint` : '', withError ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  const described = describedBy(false);
  if (described) control.setAttribute('aria-describedby', described);
  const element = h('div', { class: 'field' }, [h('label', { for: id }, label), hint, control, error]);
  return {
    element,
    control,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = message === undefined;
      if (message === undefined) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', 'true');
      const ids = describedBy(message !== undefined);
      if (ids) control.setAttribute('aria-describedby', ids);
      else control.removeAttribute('aria-describedby');
    },
  };
}

/** Shows each field's message (or clears it), focuses the first invalid control; true when all are valid. */
export function showErrors(fields: Record<string, Field<HTMLElement>>, errors: Record<string, string>): boolean {
  let first: HTMLElement | undefined;
  for (const [name, f] of Object.entries(fields)) {
    f.setError(errors[name]);
    if (errors[name] !== undefined && !first) first = f.control;
  }
  first?.focus();
  return first === undefined;
}
