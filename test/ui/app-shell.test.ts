// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import type { AppDeps, NetworkState, UpdateAnswer } from '../../src/ui/app-deps.ts';
import { startApp } from '../../src/ui/app.ts';
import { hrefOf, parseRoute } from '../../src/ui/routes.ts';
import { $, button, byLabel, FakeApi, settle, statusOf, stopAppsAfterEach, type } from './_ui-kit.ts';

const tracked = stopAppsAfterEach();

/** Starts the app with a status stream the test drives. */
async function start(api: FakeApi, deps: Partial<AppDeps> = {}) {
  let push: (status: BrowserStatus) => void = () => undefined;
  const root = document.createElement('div');
  document.body.append(root);
  tracked(await startApp(root, {
    api,
    subscribe: async (listener) => { push = listener; listener(api.current); return () => undefined; },
    ...deps,
  }));
  await settle();
  return { root, push: (status: BrowserStatus) => push(status), live: () => $(document.body, '#announcer').textContent };
}

function fakeNetwork(online: boolean) {
  let listener: (online: boolean) => void = () => undefined;
  const network: NetworkState = { online: () => online, watch: (l) => { listener = l; return () => undefined; } };
  return { network, set: (value: boolean) => listener(value) };
}

describe('app shell', () => {
  it('startApp() opens the settings screen on a first run without settings', async () => {
    const api = new FakeApi();
    api.saved = undefined;
    api.current = statusOf({ configured: false });
    history.replaceState(null, '', '#/patients');
    const { root } = await start(api);
    expect(location.hash).toBe('#/settings');
    expect($(root, 'h1').textContent).toBe('Sign in and settings');
    expect(document.title).toBe('Sign in and settings — OpenMRS Sync');
    expect($(root, 'nav a[aria-current="page"]').textContent).toBe('Settings');
  });

  it('startApp() shows the status screen by default and follows the status stream', async () => {
    const api = new FakeApi();
    const { root, push, live } = await start(api);
    expect(location.hash).toBe('#/status');
    push(statusOf({ openConflicts: 2 }, { running: true, phase: 'pull', progress: { phase: 'pull', category: 'patient', done: 5, total: 10 } }));
    await settle();
    expect($(root, 'progress').getAttribute('value')).toBe('5');
    expect(live()).toBe('Sync: receiving changes from the parent');
    expect($(root, 'nav').textContent).toContain('Conflicts2 open');
    push(statusOf({}, { running: false, lastPull: { status: 'ok', at: Date.now() } }));
    await settle();
    expect(root.querySelector('progress')).toBeNull();
    expect(live()).toBe('Sync finished');
  });

  it('the update banner waits while changes are unsent, and applies itself once they are', async () => {
    const api = new FakeApi();
    api.current = statusOf({ pendingPushes: 3 });
    let notify: () => void = () => undefined;
    const applied: number[] = [];
    const { root, push } = await start(api, {
      onUpdateAvailable: (cb) => { notify = cb; },
      applyUpdate: async (): Promise<UpdateAnswer> => { applied.push(1); return { activated: true }; },
    });
    notify();
    const banner = $(root, '.update-banner');
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toBe('Update ready — it will apply once your changes are sent');
    expect(banner.querySelector('button')).toBeNull();
    push(statusOf({ pendingPushes: 0 }));
    await settle();
    expect(applied).toHaveLength(1);
  });

  it('the update banner offers "Update now" when nothing is unsent, and shows a refusal', async () => {
    const api = new FakeApi();
    let notify: () => void = () => undefined;
    const { root, live } = await start(api, {
      onUpdateAvailable: (cb) => { notify = cb; },
      applyUpdate: async () => ({ activated: false, reason: 'unpushed', unpushed: { pendingPushes: 0, pushFailures: 2, openConflicts: 0 } }),
    });
    notify();
    button(root, 'Update now').click();
    await settle();
    expect($(root, '.update-banner').textContent).toContain('The update waits: 2 failed changes on this tablet.');
    expect(live()).toBe('The update waits: 2 failed changes on this tablet.');
  });

  it('the update does not reload over a form being filled in', async () => {
    const api = new FakeApi();
    api.current = statusOf({ pendingPushes: 1 });
    let notify: () => void = () => undefined;
    let applied = 0;
    history.replaceState(null, '', '#/patients/new');
    const { root, push } = await start(api, { onUpdateAvailable: (cb) => { notify = cb; }, applyUpdate: async () => { applied += 1; return { activated: true }; } });
    type(byLabel(root, 'Given name'), 'Amina');
    notify();
    push(statusOf({ pendingPushes: 0 }));
    await settle();
    expect(applied).toBe(0);
    expect(button(root, 'Update now')).toBeTruthy();
  });

  it('the offline indicator follows the network and announces changes', async () => {
    const net = fakeNetwork(false);
    const { root, live } = await start(new FakeApi(), { network: net.network });
    const offline = $(root, '.offline');
    expect(offline.hidden).toBe(false);
    net.set(true);
    await settle();
    expect(offline.hidden).toBe(true);
    expect(live()).toBe('Back online');
  });

  it('navigating moves focus to the new screen heading', async () => {
    const { root } = await start(new FakeApi());
    location.hash = '#/audit';
    await settle();
    expect(document.activeElement).toBe($(root, 'h1'));
    expect($(root, 'h1').textContent).toBe('Audit log');
  });

  it('parseRoute() and hrefOf() round-trip every screen, ids encoded', () => {
    for (const hash of [
      '#/status', '#/patients', '#/patients/new', '#/patients/p-1/edit', '#/audit', '#/audit/12', '#/failed', '#/conflicts', '#/conflicts/patient%2Fp1', '#/settings',
    ]) {
      expect(hrefOf(parseRoute(hash))).toBe(hash);
    }
    expect(parseRoute('#/patients/a%2Fb/edit')).toEqual({ screen: 'patient-edit', uuid: 'a/b' });
    expect(parseRoute('#/patients/p-1')).toEqual({ screen: 'patients' });
    expect(parseRoute('#/conflicts/patient%2Fp1')).toEqual({ screen: 'conflict', id: 'patient/p1' });
    expect(parseRoute('')).toEqual({ screen: 'status' });
    expect(parseRoute('#/audit/-3')).toEqual({ screen: 'audit' });
  });
});
