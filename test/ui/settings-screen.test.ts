// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserSettings } from '../../src/browser/sync-api.ts';
import { settingsScreen } from '../../src/ui/settings-screen.ts';
import { checkSettingsForm } from '../../src/ui/settings-values.ts';
import { $, button, byLabel, FakeApi, fakeContext, memoryStorage, settle, type } from './_ui-kit.ts';

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  vi.restoreAllMocks();
});

async function render(api: FakeApi, overrides: Parameters<typeof fakeContext>[1] = {}) {
  const kit = fakeContext(api, overrides);
  const screen = settingsScreen(kit.context);
  document.body.append(screen.element);
  await settle();
  return { ...kit, screen, root: screen.element };
}

describe('settings screen', () => {
  it('settingsScreen() defaults the parent to this origin + /openmrs and generates the instance id once', async () => {
    const api = new FakeApi();
    api.saved = undefined;
    const storage = memoryStorage();
    let ids = 0;
    const randomId = () => `${++ids}abcdef0-1234`;
    const kit = fakeContext(api);
    kit.context.deps.storage = storage;
    kit.context.deps.randomId = randomId;
    const a = settingsScreen(kit.context).element;
    const b = settingsScreen(kit.context).element;
    await settle();
    expect(byLabel(a, 'Parent address').value).toBe(`${location.origin}/openmrs`);
    expect(byLabel(a, 'Instance id').value).toBe('tablet-1abcdef0');
    expect(byLabel(b, 'Instance id').value).toBe('tablet-1abcdef0');
    expect(ids).toBe(1);
    expect(byLabel(a, 'Password').getAttribute('type')).toBe('password');
    expect(byLabel(a, 'Password').getAttribute('autocomplete')).toBe('current-password');
    expect((a.querySelector('input[name="pull-patient"]') as HTMLInputElement).checked).toBe(true);
    expect((a.querySelector('input[name="push-location"]') as HTMLInputElement).checked).toBe(false);
    expect(button(a, 'Sign in')).toBeTruthy();
  });

  it('settingsScreen() shows a message per invalid field, focuses the first, and does not call configure', async () => {
    const api = new FakeApi();
    const { root } = await render(api);
    type(byLabel(root, 'Parent address'), 'hub.example.org');
    type(byLabel(root, 'Username'), ' ');
    type(byLabel(root, 'Sync every (minutes)'), '0');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.callsOf('configure')).toEqual([]);
    const parent = byLabel(root, 'Parent address');
    expect(parent.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${parent.id}-error`)?.textContent).toContain('https://');
    expect(parent.getAttribute('aria-describedby')).toContain(`${parent.id}-error`);
    expect(byLabel(root, 'Username').getAttribute('aria-invalid')).toBe('true');
    expect(byLabel(root, 'Password').getAttribute('aria-invalid')).toBe('true');
    expect(byLabel(root, 'Sync every (minutes)').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(parent);
  });

  it('settingsScreen() shows the refusal in plain words with its code, marks the password, and stays', async () => {
    const api = new FakeApi();
    api.configureResult = { ok: false, error: { code: 'PARENT_UNAUTHORIZED', message: 'The parent refused the username "nurse1" or its password' } };
    const { root, record } = await render(api);
    type(byLabel(root, 'Password'), 'wrong-secret');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    const alert = $(root, '[role="alert"]');
    expect(alert.textContent).toContain('Wrong username or password');
    expect(alert.textContent).toContain('PARENT_UNAUTHORIZED');
    expect(byLabel(root, 'Password').getAttribute('aria-invalid')).toBe('true');
    expect(record.navigated).toEqual([]);
    expect(button(root, 'Check and save').disabled).toBe(false);
  });

  it('settingsScreen() says an unreachable parent clearly', async () => {
    const api = new FakeApi();
    api.configureResult = { ok: false, error: { code: 'PARENT_UNREACHABLE', message: 'The parent at https://hub.example.org/openmrs could not be reached' } };
    const { root } = await render(api);
    type(byLabel(root, 'Password'), 'pw');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect($(root, '[role="alert"]').textContent).toContain('The parent server cannot be reached');
    expect(byLabel(root, 'Parent address').getAttribute('aria-invalid')).toBe('true');
  });

  it('settingsScreen() hands settings and password apart to configure, empties the password, keeps it nowhere, then navigates', async () => {
    const api = new FakeApi();
    const logged: unknown[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args) => void logged.push(...args));
    const { root, record } = await render(api);
    type(byLabel(root, 'Parent address'), 'https://hub.example.org/openmrs/');
    type(byLabel(root, 'Password'), 's3cret-pw');
    type(byLabel(root, 'Sync every (minutes)'), '15');
    type(byLabel<HTMLSelectElement>(root, 'When a record changed on both sides'), 'parent-wins');
    const pushPatient = root.querySelector('input[name="push-patient"]') as HTMLInputElement;
    pushPatient.checked = false;
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    const [[settings, password]] = api.callsOf('configure') as [[BrowserSettings, string]];
    expect(password).toBe('s3cret-pw');
    expect(settings).toMatchObject({ parentBase: 'https://hub.example.org/openmrs', username: 'nurse1', instanceId: 'tablet-7', scheduleSeconds: 900, conflictPolicy: 'parent-wins' });
    expect(JSON.stringify(settings)).not.toContain('s3cret-pw');
    expect(settings.categories.find((c) => c.category === 'patient')).toEqual({ category: 'patient', pull: true, push: false });
    expect(byLabel(root, 'Password').value).toBe('');
    expect(record.navigated).toEqual([{ screen: 'status' }]);
    const stored = Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n');
    expect(stored).not.toContain('s3cret-pw');
    expect(location.href).not.toContain('s3cret-pw');
    expect(JSON.stringify(logged)).not.toContain('s3cret-pw');
  });

  it('settingsScreen() explains the chosen conflict policy', async () => {
    const { root } = await render(new FakeApi());
    const select = byLabel<HTMLSelectElement>(root, 'When a record changed on both sides');
    const explanation = () => document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(explanation()).toContain('a person chooses');
    type(select, 'last-write-wins');
    expect(explanation()).toContain("parent's clock");
  });

  it('settingsScreen() signs out after confirmation', async () => {
    const api = new FakeApi();
    const { root, record } = await render(api, { confirm: async () => true });
    button(root, 'Sign out').click();
    await settle();
    expect(api.callsOf('signOut')).toHaveLength(1);
    expect(record.said).toContain('Signed out. Syncing has stopped.');
    expect(button(root, 'Sign in')).toBeTruthy();
  });

  it('checkSettingsForm() refuses a parent address carrying credentials', () => {
    const checked = checkSettingsForm({
      parentBase: 'https://nurse:pw@hub.example.org/openmrs', username: 'u', password: 'p', instanceId: 't1',
      scheduleMinutes: '5', conflictPolicy: 'manual', categories: [],
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.parentBase).toBeTruthy();
  });
});
