/** Sign-in and settings: parent, login, instance id, categories, schedule, conflict policy; checked against the parent before saving. */

import { defaultBrowserSettings } from '../browser/default-browser-settings.ts';
import type { BrowserSettings } from '../browser/sync-api.ts';
import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { inputField, showErrors } from './form-field.ts';
import { defaultInstanceId } from './instance-id.ts';
import type { Screen, ScreenContext } from './screen.ts';
import { categoriesFieldset, policyField } from './settings-fields.ts';
import { checkSettingsForm, type SettingsFormValues } from './settings-values.ts';

/**
 * The settings screen. Submitting calls `api.configure(settings, password)`; a refusal shows its
 * code in plain words and stays here; only success moves on to the status screen. The password
 * lives only in its field until it is handed to the worker, and the field is emptied then.
 *
 * @example
 * ```ts
 * main.append(settingsScreen(context).element);
 * ```
 */
export function settingsScreen(context: ScreenContext): Screen {
  const body = h('div', {}, h('p', {}, 'Reading the settings…'));
  const element = h('section', { class: 'screen settings-screen' }, [heading('Sign in and settings'), body]);
  let dirty = false;
  const load = async (): Promise<void> => {
    const saved = await context.api.settings().catch(() => undefined);
    replaceChildren(body, [settingsForm(context, saved, { onInput: () => { dirty = true; }, onSaved: () => { dirty = false; } }), saved ? signOutBlock(context, load) : null]);
  };
  void load();
  return { title: 'Sign in and settings', element, hasUnsavedInput: () => dirty };
}

function initialSettings(context: ScreenContext, saved: BrowserSettings | undefined): BrowserSettings {
  const defaults = saved ?? defaultBrowserSettings(globalThis.location?.origin ?? 'http://localhost');
  if (defaults.instanceId) return defaults;
  const storage = context.deps.storage ?? globalThis.localStorage;
  return { ...defaults, instanceId: defaultInstanceId(storage, context.deps.randomId ?? (() => crypto.randomUUID())) };
}

type SettingsFields = ReturnType<typeof settingsFields>;

function settingsFields(initial: BrowserSettings) {
  const plain = { autocapitalize: 'off', spellcheck: 'false', required: true };
  return {
    parentBase: inputField('Parent address', { ...plain, name: 'parentBase', type: 'url', inputmode: 'url', autocomplete: 'url', value: initial.parentBase },
      { hint: 'The hub or OpenMRS server this tablet syncs with, with its context path, e.g. https://hub.example.org/openmrs' }),
    username: inputField('Username', { ...plain, name: 'username', autocomplete: 'username', value: initial.username }),
    password: inputField('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true },
      { hint: 'Kept encrypted on this tablet for syncing; never shown or sent anywhere but the parent.' }),
    instanceId: inputField('Instance id', { ...plain, name: 'instanceId', value: initial.instanceId }, { hint: 'The name of this tablet on the parent.' }),
    scheduleMinutes: inputField('Sync every (minutes)', {
      name: 'scheduleMinutes', type: 'number', inputmode: 'numeric', min: 1, max: 1440, step: 1, required: true,
      value: Math.max(1, Math.round(initial.scheduleSeconds / 60)),
    }),
    conflictPolicy: policyField(initial.conflictPolicy),
  };
}

function settingsForm(context: ScreenContext, saved: BrowserSettings | undefined, hooks: { onInput(): void; onSaved(): void }): HTMLFormElement {
  const initial = initialSettings(context, saved);
  const fields = settingsFields(initial);
  const categories = categoriesFieldset(initial.categories);
  const outcome = h('div', { class: 'form-outcome' });
  const submit = h('button', { type: 'submit', class: 'primary big' }, saved ? 'Check and save' : 'Sign in');
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Sign in and settings', oninput: hooks.onInput }, [
    h('fieldset', {}, [h('legend', {}, 'Parent and login'), fields.parentBase.element, fields.username.element, fields.password.element, fields.instanceId.element]),
    categories.element,
    h('fieldset', {}, [h('legend', {}, 'Schedule and conflicts'), fields.scheduleMinutes.element, fields.conflictPolicy.element]),
    outcome, submit,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  const save = async (): Promise<void> => {
    replaceChildren(outcome, []);
    const checked = checkSettingsForm(formValues(fields, categories.values()));
    if (!showErrors(fields, checked.ok ? {} : checked.errors) || !checked.ok) return;
    const result = await whileBusy(submit, 'Checking with the parent…', () => context.api.configure(checked.settings, checked.password))
      .catch((error: unknown) => ({ ok: false as const, error }));
    if (!result.ok) return showRefusal(fields, outcome, result.error);
    fields.password.control.value = '';
    hooks.onSaved();
    context.announce('Signed in and saved. Syncing starts now.');
    await context.refreshStatus();
    context.navigate({ screen: 'status' });
  };
  return form;
}

function formValues(fields: SettingsFields, categories: SettingsFormValues['categories']): SettingsFormValues {
  return {
    parentBase: fields.parentBase.control.value, username: fields.username.control.value, password: fields.password.control.value,
    instanceId: fields.instanceId.control.value, scheduleMinutes: fields.scheduleMinutes.control.value,
    conflictPolicy: fields.conflictPolicy.control.value, categories,
  };
}

/** The refusal in plain words, and the field it most likely concerns marked. */
function showRefusal(fields: SettingsFields, outcome: HTMLElement, error: unknown): void {
  const code = (error as { code?: unknown }).code;
  if (code === 'PARENT_UNAUTHORIZED') fields.password.setError('The parent refused this username or password');
  if (code === 'PARENT_UNREACHABLE' || code === 'RESPONSE_MALFORMED') fields.parentBase.setError('Check this address');
  replaceChildren(outcome, failureBox(error, { heading: 'Not saved' }));
}

function signOutBlock(context: ScreenContext, reload: () => Promise<void>): HTMLElement {
  const button = h('button', { type: 'button', class: 'danger' }, 'Sign out');
  button.addEventListener('click', () => void (async () => {
    const sure = await context.confirm({
      title: 'Sign out?', confirmLabel: 'Sign out',
      message: 'Syncing stops until someone signs in again. Records and changes not yet sent stay on this tablet.',
    });
    if (!sure) return;
    try {
      await whileBusy(button, 'Signing out…', () => context.api.signOut());
    } catch (error) {
      return replaceChildren(outcome, failureBox(error, { heading: 'Not signed out' }));
    }
    context.announce('Signed out. Syncing has stopped.');
    await context.refreshStatus();
    await reload();
  })());
  const outcome = h('div');
  return h('section', { class: 'card', 'aria-labelledby': 'sign-out-title' }, [
    h('h2', { id: 'sign-out-title' }, 'Sign out'),
    h('p', {}, 'Forget the login on this tablet. Records and unsent changes stay here.'),
    outcome, button,
  ]);
}
