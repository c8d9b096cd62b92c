import { afterEach, describe, expect, it } from 'vitest';
import { credentialsKey, settingsKey } from '../../src/browser/browser-settings.ts';
import type { SyncApiService } from '../../src/browser/create-sync-api.ts';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import { isSyncError } from '../../src/core/errors/sync-error.ts';
import type { LogFields, Logger } from '../../src/core/ports/ports.ts';
import { childPassword, memoryChannel, seededParent, tablet, tabletSettings } from './_browser-api-kit.ts';
import { dumpIndexedDB } from './_dump-indexeddb.ts';

const open: SyncApiService[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});
function track(api: SyncApiService): SyncApiService {
  open.push(api);
  return api;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, fields?: LogFields) => { lines.push(`${message} ${JSON.stringify(fields ?? {})}`); };
  return { lines, debug: record, info: record, warn: record, error: record };
}

describe('SyncApi.configure()', () => {
  it('configure() refuses a wrong password with PARENT_UNAUTHORIZED and saves nothing', async () => {
    const parent = await seededParent(0);
    const t = tablet(parent.fetch);
    const api = track(await t.open());
    const result = await api.configure(tabletSettings(), 'wrong-password');
    expect(result).toMatchObject({ ok: false, error: { code: 'PARENT_UNAUTHORIZED' } });
    expect(result.ok || result.error.message).toContain('child-1');
    expect(await api.settings()).toBeUndefined();
    expect((await api.status()).configured).toBe(false);
  });

  it('configure() refuses an unreachable parent with PARENT_UNREACHABLE', async () => {
    const api = track(await tablet(async () => { throw new TypeError('Failed to fetch'); }).open());
    const result = await api.configure(tabletSettings(), childPassword);
    expect(result).toMatchObject({ ok: false, error: { code: 'PARENT_UNREACHABLE' } });
  });

  it('configure() refuses invalid settings with CONFIG_INVALID naming the field, before asking the parent', async () => {
    let asked = 0;
    const api = track(await tablet(async () => { asked += 1; return new Response(null, { status: 500 }); }).open());
    const withLogin = await api.configure(tabletSettings({ parentBase: 'https://child-1:secret@hub.example/openmrs' }), childPassword);
    expect(withLogin).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', details: { field: 'parentBase' } } });
    const badPolicy = await api.configure(tabletSettings({ conflictPolicy: 'newest' as never }), childPassword);
    expect(badPolicy).toMatchObject({ ok: false, error: { details: { field: 'conflictPolicy' } } });
    expect(await api.configure(tabletSettings(), '')).toMatchObject({ ok: false, error: { details: { field: 'password' } } });
    expect(asked).toBe(0);
  });

  it('configure() saves the settings and only a sealed password: nothing in IndexedDB or the logs holds it, and a reopened API is signed in', async () => {
    const parent = await seededParent(0);
    const log = recordingLogger();
    const t = tablet(parent.fetch, { log });
    const api = track(await t.open());
    expect(await api.configure(tabletSettings(), childPassword)).toEqual({ ok: true, value: undefined });
    expect(await api.settings()).toEqual(tabletSettings());
    expect(await t.store().getSetting(credentialsKey)).toMatchObject({ alg: 'AES-GCM-256' });
    const everything = await dumpIndexedDB(t.indexedDB);
    for (const secret of [childPassword, btoa(childPassword), btoa(`child-1:${childPassword}`)]) {
      expect(everything).not.toContain(secret);
      expect(log.lines.join('\n')).not.toContain(secret);
    }
    await api.close();
    const reopened = track(await t.open());
    expect((await reopened.status()).configured).toBe(true);
  });

  it('configure() refuses a new parent while changes made against the old one are unpushed', async () => {
    const parent = await seededParent(0);
    const api = track(await tablet(parent.fetch, { push: undefined }).open());
    await api.configure(tabletSettings(), childPassword);
    await api.registerPatient({ givenName: 'A', familyName: 'B', gender: 'other', birthDate: '2000-01-01' });
    const moved = await api.configure(tabletSettings({ parentBase: 'http://other.test/openmrs' }), childPassword);
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', details: { field: 'parentBase', previous: tabletSettings().parentBase } } });
    expect((await api.settings())?.parentBase).toBe(tabletSettings().parentBase);
  });

  it('signOut() wipes the sealed password; a reopened API is signed out and syncNow() throws NOT_CONFIGURED', async () => {
    const parent = await seededParent(0);
    const t = tablet(parent.fetch);
    const api = track(await t.open());
    await api.configure(tabletSettings(), childPassword);
    await api.signOut();
    expect(await t.store().getSetting(credentialsKey)).toBeUndefined();
    expect(await t.store().getSetting(settingsKey)).toBeDefined();
    expect((await api.status()).configured).toBe(false);
    await api.close();
    const reopened = track(await t.open());
    expect((await reopened.status()).configured).toBe(false);
    const error = await reopened.syncNow().catch((e: unknown) => e);
    expect(isSyncError(error, 'NOT_CONFIGURED')).toBe(true);
  });
});

describe('SyncApi sync and local writes', () => {
  it('syncNow() pulls the parent\'s patients; status() and patients() show them', async () => {
    const parent = await seededParent(3);
    const api = track(await tablet(parent.fetch).open());
    await api.configure(tabletSettings(), childPassword);
    const summary = await api.syncNow();
    expect(summary.status).toBe('ok');
    const status = await api.status();
    expect(status).toMatchObject({ configured: true, pendingPushes: 0, failedEvents: 0, openConflicts: 0 });
    expect(status.objects['patient']).toEqual({ live: 3, removed: 0 });
    expect(status.runner.lastPull?.status).toBe('ok');
    const patients = await api.patients();
    expect(patients).toHaveLength(3);
    expect(patients.every((p) => !p.pending && p.name.length > 0 && /^\d+-\d$/.test(p.identifier ?? ''))).toBe(true);
    const first = patients[0]!;
    expect(await api.patients({ search: first.identifier! })).toEqual([first]);
    expect(await api.patients({ search: `${first.name.split(' ')[0]!.toUpperCase()} ${first.identifier!}` })).toEqual([first]);
  });

  it('registerPatient() writes a local change that counts as pending until the push sends it to the parent with its id', async () => {
    const parent = await seededParent(1);
    const t = tablet(parent.fetch);
    const api = track(await t.open());
    await api.configure(tabletSettings(), childPassword);
    await api.syncNow();
    const registered = await api.registerPatient({ givenName: 'Amina Wanjiru', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02', identifier: 'TAB-1' });
    if (!registered.ok) throw new Error(registered.error.message);
    const { uuid } = registered.value;
    const rows = await t.store().changesSince(await t.store().lastSeq() - 1);
    expect(rows).toMatchObject([{ category: 'patient', uuid, origin: 'local', action: 'CREATED' }]);
    expect((await api.status()).pendingPushes).toBe(1);
    expect(await api.localChanges()).toMatchObject([{ uuid, origin: 'local' }]);
    expect(await api.patients({ search: 'otieno' })).toMatchObject([{ uuid, name: 'Amina Wanjiru Otieno', pending: true, identifier: 'TAB-1' }]);

    const pushed = await api.syncNow('push');
    expect(pushed.push?.status).toBe('ok');
    expect((await parent.store.getObject('patient', uuid))?.body).toMatchObject({ id: uuid, name: [{ family: 'Otieno', given: ['Amina', 'Wanjiru'] }] });
    expect((await api.status()).pendingPushes).toBe(0);
    expect(await api.localChanges()).toEqual([]);
  });

  it('registerPatient() refuses a form without a family name or with a future birth date, writing nothing', async () => {
    const t = tablet(async () => new Response(null, { status: 500 }));
    const api = track(await t.open());
    const noName = await api.registerPatient({ givenName: 'A', familyName: ' ', gender: 'female', birthDate: '1990-04-02' });
    expect(noName).toMatchObject({ ok: false, error: { code: 'OBJECT_INVALID', details: { field: 'familyName' } } });
    const future = await api.registerPatient({ givenName: 'A', familyName: 'B', gender: 'female', birthDate: '2999-01-01' });
    expect(future).toMatchObject({ ok: false, error: { details: { field: 'birthDate' } } });
    const impossible = await api.registerPatient({ givenName: 'A', familyName: 'B', gender: 'female', birthDate: '2001-02-30' });
    expect(impossible).toMatchObject({ ok: false, error: { details: { field: 'birthDate' } } });
    expect(await t.store().lastSeq()).toBe(0);
  });

  it('publishes the status to subscribers and the channel after a local write, and passes on statuses from other contexts', async () => {
    const channel = memoryChannel();
    const api = track(await tablet(async () => new Response(null, { status: 500 }), { openChannel: () => channel }).open());
    const seen: BrowserStatus[] = [];
    await api.subscribe((status) => { seen.push(status); });
    await api.registerPatient({ givenName: 'A', familyName: 'B', gender: 'other', birthDate: '2000-01-01' });
    expect(seen.at(-1)?.pendingPushes).toBe(1);
    expect(channel.posted.at(-1)).toMatchObject({ type: 'openmrs-sync-status', status: { pendingPushes: 1 } });
    const fromServiceWorker = { ...seen.at(-1)!, runner: { ...seen.at(-1)!.runner, running: true, phase: 'pull' as const } };
    const posted = channel.posted.length;
    channel.deliver({ type: 'openmrs-sync-status', status: fromServiceWorker });
    expect(seen.at(-1)?.runner.running).toBe(true);
    expect(channel.posted).toHaveLength(posted);
  });

  it('a status from another context shows this tab\'s own schedule, not the service worker\'s (which has none)', async () => {
    const parent = await seededParent(0);
    const channel = memoryChannel();
    const api = track(await tablet(parent.fetch, { openChannel: () => channel }).open());
    await api.configure(tabletSettings(), childPassword);
    await api.syncNow();
    const seen: BrowserStatus[] = [];
    await api.subscribe((status) => { seen.push(status); });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const own = seen.at(-1)!;
    expect(own.runner).toMatchObject({ scheduled: true, nextRunAt: expect.any(Number) });
    const { nextRunAt: _none, ...idle } = own.runner;
    channel.deliver({ type: 'openmrs-sync-status', status: { ...own, pendingPushes: 3, runner: { ...idle, scheduled: false } } });
    expect(seen.at(-1)).toMatchObject({ pendingPushes: 3, runner: { scheduled: true, nextRunAt: own.runner.nextRunAt } });
  });

  it('close() right after a run (as the service worker does after a sync event) first tells the other tabs the run has ended', async () => {
    const parent = await seededParent(2);
    const channels: ReturnType<typeof memoryChannel>[] = [];
    const t = tablet(parent.fetch, { openChannel: () => channels[channels.push(memoryChannel()) - 1]! });
    const page = await t.open();
    await page.configure(tabletSettings(), childPassword);
    await page.stop();
    const serviceWorker = await t.open();
    // A status already collected: progress events are then published at once, with the runner running.
    await serviceWorker.status();
    const summary = await serviceWorker.syncNow();
    await serviceWorker.close();
    await page.close();
    const posted = (channels[1]?.posted ?? []) as { type: string; status: BrowserStatus }[];
    const statuses = posted.filter((m) => m.type === 'openmrs-sync-status').map((m) => m.status);
    expect(summary.status).toBe('ok');
    expect(statuses.some((s) => s.runner.running)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ configured: true, runner: { running: false, lastPull: { status: 'ok' } } });
  });

  it('status() reports a store that cannot open, and the other calls throw STORE_UNAVAILABLE', async () => {
    const t = tablet(async () => new Response(null, { status: 500 }), {
      openStore: async () => { throw Object.assign(new Error('denied'), { name: 'InvalidStateError' }); },
    });
    const api = track(await t.open());
    expect((await api.status()).storeError?.code).toBe('UNEXPECTED');
    const error = await api.patients().catch((e: unknown) => e);
    expect(isSyncError(error, 'STORE_UNAVAILABLE')).toBe(true);
  });

  it('a newer app version taking the database ends the session and turns the status into a STORE_UNAVAILABLE', async () => {
    const parent = await seededParent(0);
    const channel = memoryChannel();
    const t = tablet(parent.fetch, { openChannel: () => channel });
    const api = track(await t.open());
    await api.configure(tabletSettings(), childPassword);
    const upgrade = t.indexedDB.open('tablet', 100_000);
    await new Promise((resolve, reject) => { upgrade.onsuccess = resolve; upgrade.onerror = reject; });
    upgrade.result.close();
    const status = await api.status();
    expect(status).toMatchObject({ configured: false, storeError: { code: 'STORE_UNAVAILABLE' } });
    expect(channel.posted.at(-1)).toMatchObject({ status: { storeError: { code: 'STORE_UNAVAILABLE' } } });
    expect(isSyncError(await api.syncNow().catch((e: unknown) => e), 'STORE_UNAVAILABLE')).toBe(true);
  });
});
