// Two tabs of one tablet (two pages of one browser context) never run two syncs at once: the Web Lock lets one run, the other is told it is busy.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type E2eEdge, edgeCounts, launchBrowser, newTablet, openScreen, type RequestRecord, runLockHolders, screenshot, signIn, startE2eEdge,
  waitForNoRun, waitForQuiet, waitForSyncedCounts, waitMs,
} from './_e2e-kit.ts';

let edge: E2eEdge;
let browser: Browser;
let context: BrowserContext;
let tabA: Page;
let tabB: Page;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startE2eEdge({ seedPatients: 3 }), launchBrowser()]);
  ({ context, page: tabA } = await newTablet(browser));
  await tabA.goto(edge.url);
  await signIn(tabA, edge);
  const counts = await edgeCounts(edge);
  await waitForSyncedCounts(tabA, counts);
  tabB = await context.newPage();
  await tabB.goto(edge.url);
  await tabB.getByRole('heading', { name: 'Sync status' }).waitFor({ timeout: waitMs });
  await waitForSyncedCounts(tabB, counts);
  // Opening tab B started its schedule's first run (and the service worker's sync event): let those end.
  await waitForQuiet(tabB);
});

afterAll(async () => {
  await browser?.close();
  await edge?.close();
});

/** The categories of the feed reads (`…/{category}/recent`), in the order they started. */
function feedReads(requests: readonly RequestRecord[]): string[] {
  return requests.flatMap((r) => /\/atomfeed\/([a-z_]+)\/recent$/.exec(r.path)?.[1] ?? []);
}

it('"Sync now" in both tabs at once: one run holds the lock, the other tab is told a sync is already running; the runs never overlap', async () => {
  const before = edge.requests.length;
  // Holds the first feed read of the next run: that run is then going on, holding the lock, until released.
  const hold = edge.hold((r) => r.path.endsWith('/atomfeed/location/recent'));
  await tabA.getByRole('button', { name: 'Sync now' }).click();
  await hold.arrived;
  expect(await runLockHolders(tabB)).toBe(1);
  // Every tab shows the run: B's button is disabled as soon as A's status reaches it.
  const buttonB = tabB.getByRole('button', { name: 'Sync now' });
  await expect.poll(() => buttonB.isDisabled(), { timeout: waitMs }).toBe(true);
  await tabB.getByRole('main').getByText('Receiving changes from the parent…').waitFor({ timeout: waitMs });
  await screenshot(tabB, 'two-tabs-other-tab-running');
  // A person pressing both buttons at the same moment gets past that: press B's as they would.
  await buttonB.evaluate((button: HTMLButtonElement) => { button.disabled = false; });
  await buttonB.click();
  await tabB.getByRole('main').getByText('Sync ended: Another tab or the background sync was running.').waitFor({ timeout: waitMs });
  // B's attempt is over and ran nothing: the only feed read is A's, still held.
  expect(hold.held()).toBe(1);
  expect(feedReads(edge.requests.slice(before))).toEqual(['location']);

  hold.release();
  await tabA.getByRole('main').getByText('Sync finished: Succeeded.').waitFor({ timeout: waitMs });
  await waitForNoRun(tabA);
  await openScreen(tabB, 'Status');
  await expect.poll(() => buttonB.isEnabled(), { timeout: waitMs }).toBe(true);
  // Over the whole test, runs read the feeds one whole run after another, never interleaved.
  const cycle = ['location', 'patient', 'visit', 'encounter', 'observation'];
  const reads = feedReads(edge.requests);
  expect(reads.length % cycle.length).toBe(0);
  expect(reads).toEqual(reads.map((_, i) => cycle[i % cycle.length]));
});

it('the tab running a sync is closed mid-run: the other tab stops showing the run, though no last status came from it', async () => {
  await waitForNoRun(tabB);
  const hold = edge.hold((r) => r.path.endsWith('/atomfeed/location/recent'));
  try {
    await openScreen(tabA, 'Status');
    const buttonA = tabA.getByRole('button', { name: 'Sync now' });
    await expect.poll(() => buttonA.isEnabled(), { timeout: waitMs }).toBe(true);
    await buttonA.click();
    await hold.arrived;
    await openScreen(tabB, 'Status');
    await tabB.getByRole('main').getByText('Receiving changes from the parent…').waitFor({ timeout: waitMs });
    // Closing the tab ends its worker mid-run: it never says "idle", but the browser frees its run lock.
    await tabA.close();
    await tabB.getByRole('main').getByText('Idle: waiting for the next sync.').waitFor({ timeout: waitMs });
    expect(await runLockHolders(tabB)).toBe(0);
    await expect.poll(() => tabB.getByRole('button', { name: 'Sync now' }).isEnabled(), { timeout: waitMs }).toBe(true);
    await screenshot(tabB, 'two-tabs-closed-tab-run-ended');
  } finally {
    hold.release();
  }
});
