// One tablet's day, in order, in headless Chromium against a real edge node: install, sign in, first sync, offline registration, push.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2eEdge, edgeCounts, type Hold, launchBrowser, newTablet, openScreen, readTabletStore, screenshot, signIn, startE2eEdge,
  syncNow, tabletLogin, waitForQuiet, waitForServiceWorker, waitForSyncedCounts, waitMs,
} from './_e2e-kit.ts';

let edge: E2eEdge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The patient registered offline, once it is. */
let registered: { uuid: string; family: string } | undefined;
let initialSyncHold: Hold | undefined;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startE2eEdge({ seedPatients: 12 }), launchBrowser()]);
  ({ context, page } = await newTablet(browser));
});

afterAll(async () => {
  await browser?.close();
  await edge?.close();
});

/** The patient list's item of `name`. */
const patientRow = (on: Page, name: string) => on.getByRole('list', { name: 'Patients on this tablet' }).getByRole('listitem').filter({ hasText: name });

describe('a tablet in headless Chromium against an edge node', () => {
  it('the first load installs the service worker, which then controls the page', async () => {
    await page.goto(edge.url);
    expect(await waitForServiceWorker(page)).toBe('activated');
    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(scriptURL).toBe(`${edge.url}/service-worker.js`);
  });

  it('sign-in is checked against the parent: a wrong password is refused, the right one opens the status screen', async () => {
    // The first sync waits at the observations' feed until the next test has seen its progress.
    initialSyncHold = edge.hold((r) => r.path.endsWith('/atomfeed/observation/recent'));
    const form = page.getByRole('form', { name: 'Sign in and settings' });
    await form.waitFor({ timeout: waitMs });
    await screenshot(page, 'settings-sign-in');
    await form.getByLabel('Username', { exact: true }).fill(tabletLogin.username);
    await form.getByLabel('Password', { exact: true }).fill('not-the-password');
    await form.getByLabel('Instance id').fill(tabletLogin.instanceId);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await form.getByText('The parent refused this username or password').waitFor({ timeout: waitMs });
    expect(await readTabletStore(page)).toMatchObject({ objects: [], changes: [] });
    await signIn(page, edge);
    expect(await page.getByRole('heading', { name: 'Sync status' }).isVisible()).toBe(true);
  });

  it('the initial sync shows its progress and ends with the parent\'s patients listed', async () => {
    await initialSyncHold?.arrived;
    const bar = page.getByRole('progressbar', { name: 'Receiving observation' });
    await bar.waitFor({ timeout: waitMs });
    expect(await page.getByRole('main').getByText('Receiving changes from the parent…').isVisible()).toBe(true);
    await screenshot(page, 'status-during-sync');
    initialSyncHold?.release();
    const expected = await edgeCounts(edge);
    await waitForSyncedCounts(page, expected);
    expect(await page.getByText('Last receive (pull)').locator('xpath=following-sibling::dd[1]').textContent()).toContain('Succeeded');
    await screenshot(page, 'status-after-sync');
    await openScreen(page, 'Patients');
    const patients = page.getByRole('list', { name: 'Patients on this tablet' }).getByRole('listitem');
    await expect.poll(() => patients.count(), { timeout: waitMs }).toBe(expected['patient']);
    const edgePatients = (await (await edge.fhir('Patient?_count=1000')).json()) as { entry: { resource: { id: string } }[] };
    const listed = await patients.evaluateAll((items) => items.map((li) => li.getAttribute('data-uuid')));
    expect(new Set(listed)).toEqual(new Set(edgePatients.entry.map((e) => e.resource.id)));
    await screenshot(page, 'patients-list');
  });

  it('offline, the app reloads from the service worker and a patient is registered with the form', async () => {
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Patients' }).waitFor({ timeout: waitMs });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByText('You can keep working: changes are kept on this tablet').waitFor({ timeout: waitMs });
    await page.getByRole('link', { name: 'Register a patient' }).click();
    const form = page.getByRole('form', { name: 'Register a patient' });
    await form.getByLabel('Given name').fill('Wanjiru');
    await form.getByLabel('Family name').fill('Offline-Kamau');
    await form.getByRole('radio', { name: 'Female' }).check();
    await form.getByLabel('Birth date').fill('1994-07-21');
    await form.getByLabel('Identifier (optional)').fill('OFF-1');
    await screenshot(page, 'patient-registration-form');
    await form.getByRole('button', { name: 'Register patient' }).click();
    const row = patientRow(page, 'Wanjiru Offline-Kamau');
    await row.waitFor({ timeout: waitMs });
    expect(await row.getByText('Not sent yet').isVisible()).toBe(true);
    registered = { uuid: (await row.getAttribute('data-uuid')) ?? '', family: 'Offline-Kamau' };
    expect((await edge.fhir(`Patient/${registered.uuid}`)).status).toBe(404);
    await screenshot(page, 'patients-registered-offline');
  });

  it('back online, the registered patient reaches the edge node once, with its id', async () => {
    const { uuid, family } = registered ?? { uuid: '', family: '' };
    await context.setOffline(false);
    // Back online the page syncs by itself (and the service worker runs the Background Sync the registration asked for).
    await expect.poll(async () => (await edge.fhir(`Patient/${uuid}`)).status, { timeout: waitMs, interval: 250 }).toBe(200);
    // Once those runs are over, one more: the patient comes back in the edge's feed, and must not be sent again.
    await waitForQuiet(page);
    expect(await syncNow(page)).toContain('Succeeded');
    const patient = (await (await edge.fhir(`Patient/${uuid}`)).json()) as { id: string; name: { family: string }[]; gender: string };
    expect(patient).toMatchObject({ id: uuid, gender: 'female', name: [{ family }] });
    const all = (await (await edge.fhir('Patient?_count=1000')).json()) as { entry: { resource: { id: string; name?: { family?: string }[] } }[] };
    expect(all.entry.filter((e) => e.resource.name?.[0]?.family === family).map((e) => e.resource.id)).toEqual([uuid]);
    const created = (await edge.node.store.changesSince(0, { limit: 100_000 })).filter((c) => c.uuid === uuid);
    expect(created.map((c) => [c.action, c.origin, c.originId])).toEqual([['CREATED', 'child', tabletLogin.instanceId]]);
    await openScreen(page, 'Patients');
    const row = patientRow(page, 'Wanjiru Offline-Kamau');
    await expect.poll(() => row.getByText('Not sent yet').count(), { timeout: waitMs }).toBe(0);
  });

  it('the settings screen shows the saved login, never its password, which is in no page or localStorage', async () => {
    await openScreen(page, 'Settings');
    const form = page.getByRole('form', { name: 'Sign in and settings' });
    await form.getByRole('button', { name: 'Check and save' }).waitFor({ timeout: waitMs });
    expect(await form.getByLabel('Username', { exact: true }).inputValue()).toBe(tabletLogin.username);
    expect(await form.getByLabel('Instance id').inputValue()).toBe(tabletLogin.instanceId);
    expect(await form.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(tabletLogin.password);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(tabletLogin.password);
    await screenshot(page, 'settings-signed-in');
  });

  it('the audit screen lists the sync operations', async () => {
    await openScreen(page, 'Audit');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor({ timeout: waitMs });
    const rows = page.getByRole('table', { name: 'Audit rows, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: waitMs }).toBeGreaterThan(0);
    const uuid = registered?.uuid ?? '';
    await expect.poll(() => rows.filter({ hasText: uuid.slice(0, 8) }).count(), { timeout: waitMs }).toBeGreaterThan(0);
    await screenshot(page, 'audit');
  });
});
