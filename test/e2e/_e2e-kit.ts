/** The e2e suite's kit: the edge node, headless Chromium, sign-in, waits on the UI and the tablet's IndexedDB, screenshots. */

import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { syncRunLockName } from '../../src/browser/navigator-run-lock.ts';
import { artifactsDir } from './_e2e-paths.ts';
import { type E2eEdge, tabletLogin } from './_e2e-edge.ts';

export { adminLogin, type E2eEdge, type Hold, type RequestRecord, startE2eEdge, tabletLogin } from './_e2e-edge.ts';
export { readTabletStore, type TabletStore } from './_tablet-store.ts';

/** Long enough for a sync of a few thousand records on a 2-core machine; waits end as soon as their condition holds. */
export const waitMs = 45_000;

/**
 * Polls `read` until `done` holds for its value and returns that value; throws, showing the last
 * value, after `timeout` ms. Usable in hooks, where `expect.poll` is not.
 */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: { timeout?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? waitMs);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? 'a condition'}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const launchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const tabletViewport = { width: 1024, height: 768 };

/** Debian's Chromium (or CHROMIUM_PATH), headless, without the calls home that flood a closed network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

/**
 * Chromium on a profile kept in `userDataDir`: closing the context quits that browser (its tabs,
 * workers and service worker), and launching it again on the same folder finds the app's data.
 */
export function launchTabletProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...launchOptions, viewport: tabletViewport });
}

/** A fresh tablet: its own context (storage, service worker) and a page sized like a tablet. */
export async function newTablet(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: tabletViewport });
  const page = await context.newPage();
  return { context, page };
}

/** Resolves once a service worker controls `page` and its registration is active. */
export async function waitForServiceWorker(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: waitMs });
  // A worker can control the page while it is still 'activating' (clients.claim in its activate event): wait for the end.
  return page.evaluate(async () => {
    const active = (await navigator.serviceWorker.ready).active;
    if (active?.state === 'activating') await new Promise((resolve) => active.addEventListener('statechange', resolve, { once: true }));
    return active?.state ?? 'none';
  });
}

/** Signs in on the settings screen the first start opens, and waits for the status screen. */
export async function signIn(page: Page, edge: E2eEdge, login: { username: string; password: string; instanceId: string } = tabletLogin): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in and settings' });
  await form.waitFor({ timeout: waitMs });
  // The parent defaults to the hub that served the app.
  const parent = await form.getByLabel('Parent address').inputValue();
  if (parent !== `${edge.url}/openmrs`) throw new Error(`The parent address defaults to ${parent}, not ${edge.url}/openmrs`);
  await form.getByLabel('Username', { exact: true }).fill(login.username);
  await form.getByLabel('Password', { exact: true }).fill(login.password);
  await form.getByLabel('Instance id').fill(login.instanceId);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sync status' }).waitFor({ timeout: waitMs });
}

/** Goes to a screen through the main navigation. */
export async function openScreen(page: Page, label: 'Status' | 'Patients' | 'Conflicts' | 'Failed' | 'Audit' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
}

/** The per-category counts of the status screen's "Records on this tablet" table. */
export async function shownRecordCounts(page: Page): Promise<Record<string, number>> {
  const table = page.getByRole('table', { name: 'Records per category' });
  if ((await table.count()) === 0) return {};
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
  return Object.fromEntries(rows.map(([category, live]) => [category, Number((live ?? '').replace(/\D/g, ''))]));
}

/** The edge node's live objects per category. */
export async function edgeCounts(edge: E2eEdge): Promise<Record<string, number>> {
  const counts = await edge.node.store.countObjects();
  return Object.fromEntries(Object.entries(counts).map(([category, c]) => [category, c.live]));
}

/** Waits until the status screen shows the tablet holding `counts` (live records per category) and the runner idle. */
export async function waitForSyncedCounts(page: Page, counts: Record<string, number>): Promise<void> {
  const same = (shown: Record<string, number>): boolean => JSON.stringify(sorted(shown)) === JSON.stringify(sorted(counts));
  await waitUntil(() => shownRecordCounts(page), same, { what: `the tablet to hold ${JSON.stringify(counts)}` });
  await page.getByRole('main').getByText('Idle: waiting for the next sync.').waitFor({ timeout: waitMs });
}

/** How many contexts of the origin (tabs' workers, the service worker) hold the sync run lock now: 0 or 1. */
export function runLockHolders(page: Page): Promise<number> {
  return page.evaluate(async (name) => ((await navigator.locks.query()).held ?? []).filter((lock) => lock.name === name).length, syncRunLockName);
}

/** Waits until no context of the origin is running a sync. */
export async function waitForNoRun(page: Page): Promise<void> {
  await waitUntil(() => runLockHolders(page), (holders) => holders === 0, { what: 'the sync runs of the origin to end' });
}

/**
 * Waits until nothing of the origin will sync on its own soon: the status screen of `page` shows
 * its next scheduled sync minutes away (its first run is over), the service worker has no
 * Background Sync left to run, and no context holds the run lock.
 */
export async function waitForQuiet(page: Page): Promise<void> {
  await openScreen(page, 'Status');
  const nextRun = async (): Promise<number> => {
    const time = page.getByRole('main').getByText('Next automatic sync:').locator('time');
    return (await time.count()) === 0 ? 0 : Date.parse((await time.getAttribute('datetime')) ?? '');
  };
  await waitUntil(nextRun, (at) => at > Date.now() + 60_000, { what: 'the next scheduled sync to be minutes away' });
  const tags = () => page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: { getTags(): Promise<string[]> } };
    return (await registration.sync?.getTags()) ?? [];
  });
  await waitUntil(tags, (pending) => pending.length === 0, { what: 'the service worker\'s Background Sync to be done' });
  await waitForNoRun(page);
}

/** Clicks "Sync now" on the status screen and returns the outcome sentence it shows. */
export async function syncNow(page: Page): Promise<string> {
  await openScreen(page, 'Status');
  const button = page.getByRole('button', { name: 'Sync now' });
  await waitUntil(() => button.isEnabled(), (enabled) => enabled, { what: '"Sync now" to be enabled' });
  await button.click();
  const result = page.getByRole('main').getByText(/^Sync (finished|ended):/);
  await result.waitFor({ timeout: waitMs });
  return (await result.textContent()) ?? '';
}

function sorted(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** Saves a full-page screenshot as `test-results/e2e/{name}.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
