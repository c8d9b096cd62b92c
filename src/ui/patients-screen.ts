/** The patient list: search over the patients on this tablet, each with an Edit link; those with changes not yet sent carry a badge. */

import type { PatientSummary } from '../browser/sync-api.ts';
import { h, heading, replaceChildren } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { plural } from './format.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

const pageSize = 50;

/**
 * The patients screen. Searching asks `api.patients({ search })`; a patient just registered is
 * named at the top and listed even when it falls outside the first page.
 *
 * @example
 * ```ts
 * main.append(patientsScreen(context).element);
 * ```
 */
export function patientsScreen(context: ScreenContext): Screen {
  const { registered, edited } = context.flash;
  context.flash.registered = undefined;
  context.flash.edited = undefined;
  const { form, search } = searchForm();
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', {}, 'Loading patients…'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void load(search.value);
  });
  // Search as the person types, once they pause.
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(search.value), 300);
  });
  const load = async (text: string): Promise<void> => {
    results.setAttribute('aria-busy', 'true');
    try {
      const query = text.trim() === '' ? { limit: pageSize } : { search: text.trim(), limit: pageSize };
      const found = await context.api.patients(query);
      const list = registered && text.trim() === '' ? await withRegistered(context, found, registered.uuid, registered.name) : found;
      replaceChildren(results, patientList(list, text.trim()));
    } catch (error) {
      replaceChildren(results, failureBox(error, { heading: 'The patients could not be read' }));
    }
    results.setAttribute('aria-busy', 'false');
  };
  const element = h('section', { class: 'screen patients-screen' }, [
    heading('Patients'),
    registered ? h('p', { class: 'notice success', role: 'status' }, `${registered.name} is registered on this tablet. It will be sent to the parent at the next sync.`) : null,
    edited ? h('p', { class: 'notice success', role: 'status' }, `The changes to ${edited.name} are saved on this tablet. They will be sent to the parent at the next sync.`) : null,
    h('p', {}, h('a', { href: hrefOf({ screen: 'patient-new' }), class: 'button primary' }, 'Register a patient')),
    form, results,
  ]);
  void load('');
  return { title: 'Patients', element, dispose: () => clearTimeout(timer) };
}

function searchForm(): { form: HTMLFormElement; search: HTMLInputElement } {
  const search = h('input', { type: 'search', id: 'patient-search', name: 'search', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
  const form = h('form', { role: 'search', class: 'search-form', 'aria-label': 'Patients' }, [
    h('label', { for: 'patient-search' }, 'Search by name or identifier'),
    h('div', { class: 'row' }, [search, h('button', { type: 'submit' }, 'Search')]),
  ]);
  return { form, search };
}

/** The list with the just-registered patient first, found by its name when it is not on the first page. */
async function withRegistered(context: ScreenContext, list: PatientSummary[], uuid: string, name: string): Promise<PatientSummary[]> {
  const inList = list.find((p) => p.uuid === uuid);
  const found = inList ?? (await context.api.patients({ search: name, limit: pageSize })).find((p) => p.uuid === uuid);
  return found ? [found, ...list.filter((p) => p.uuid !== uuid)] : list;
}

function patientList(patients: PatientSummary[], search: string): HTMLElement {
  if (patients.length === 0) {
    return h('p', {}, search ? `No patient on this tablet matches "${search}".` : 'No patients on this tablet yet. They arrive with the first sync, or register one.');
  }
  const more = patients.length >= pageSize ? ' Only the first ones are shown: search to narrow the list.' : '';
  return h('div', {}, [
    h('p', { class: 'hint' }, `${plural(patients.length, 'patient')} shown.${more}`),
    h('ul', { class: 'patient-list', 'aria-label': 'Patients on this tablet' }, patients.map((p) => h('li', { class: 'patient', 'data-uuid': p.uuid }, [
      h('p', { class: 'patient-name' }, [p.name, p.pending ? h('span', { class: 'badge pending' }, 'Not sent yet') : null]),
      h('p', { class: 'patient-facts' }, [p.gender ? genderWord(p.gender) : '', p.birthDate ? `born ${p.birthDate}` : '', p.identifier ? `ID ${p.identifier}` : '']
        .filter((t) => t !== '').join(' · ')),
      h('p', { class: 'patient-actions' }, h('a', { href: hrefOf({ screen: 'patient-edit', uuid: p.uuid }), class: 'button', 'aria-label': `Edit ${p.name}` }, 'Edit')),
    ]))),
  ]);
}

function genderWord(gender: string): string {
  return gender.charAt(0).toUpperCase() + gender.slice(1);
}
