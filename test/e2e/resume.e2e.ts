// Closing the app in the middle of the initial sync and opening it again resumes where the committed pages end: every record arrives once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type E2eEdge, edgeCounts, launchTabletProfile, readTabletStore, screenshot, signIn, startE2eEdge, type TabletStore, waitForSyncedCounts,
  waitMs, waitUntil,
} from './_e2e-kit.ts';

let edge: E2eEdge;
let profile: string;

beforeAll(async () => {
  // 40 patients: about 860 records, the observations over seven feed pages of 100.
  [edge, profile] = await Promise.all([startE2eEdge({ seedPatients: 40 }), mkdtemp(join(tmpdir(), 'e2e-tablet-'))]);
});

afterAll(async () => {
  await edge?.close();
  await rm(profile, { recursive: true, force: true });
});

/** The numbers of the observation feed pages among `paths` (`…/observation/3` → 3). */
const observationPages = (paths: readonly string[]): number[] =>
  paths.flatMap((path) => /\/atomfeed\/observation\/(\d+)$/.exec(path)?.[1] ?? []).map(Number);

it('an app closed mid-sync and opened again ends with every parent record on the tablet once, reading on from its markers', async () => {
  // The sync stops at the fourth page of observations until released: the app is closed there.
  const hold = edge.hold((r) => r.path.endsWith('/atomfeed/observation/4'));
  const first = await launchTabletProfile(profile);
  const page = first.pages()[0] ?? (await first.newPage());
  await page.goto(edge.url);
  await signIn(page, edge);
  await hold.arrived;
  await page.getByRole('progressbar').first().waitFor({ timeout: waitMs });
  await screenshot(page, 'status-before-closing-mid-sync');
  // Pages 1 to 3 are committed (the marker says so); the sync waits for page 4.
  const markerPage = (store: TabletStore): number | undefined =>
    observationPages([store.markers.find((m) => m.feed.endsWith('/atomfeed/observation/recent'))?.pageUrl ?? ''])[0];
  const cut = await waitUntil(() => readTabletStore(page), (store) => markerPage(store) === 3, { what: 'the third observation page to be committed' });
  const expected = await edgeCounts(edge);
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  expect(cut.objects.length).toBeGreaterThan(0);
  expect(cut.objects.length).toBeLessThan(total);
  // The page first, then the rest of the app (the service worker may have been the one syncing).
  await page.close();
  await first.close();
  const closedAt = edge.requests.length;
  hold.release();

  const second = await launchTabletProfile(profile);
  try {
    const reopened = second.pages()[0] ?? (await second.newPage());
    await reopened.goto(edge.url);
    await reopened.getByRole('heading', { name: 'Sync status' }).waitFor({ timeout: waitMs });
    await waitForSyncedCounts(reopened, expected);
    const store = await readTabletStore(reopened);
    const onEdge = await Promise.all(Object.keys(expected).map(async (category) =>
      (await edge.node.store.listObjects({ category })).map((o) => `${category}/${o.uuid}`)));
    expect(new Set(store.objects)).toEqual(new Set(onEdge.flat()));
    expect(store.objects).toHaveLength(total);
    // One change-log row per record pulled: nothing was applied twice.
    const pulled = store.changes.filter((c) => c.origin === 'parent').map((c) => `${c.category}/${c.uuid}`);
    expect(pulled).toHaveLength(total);
    expect(new Set(pulled).size).toBe(total);
    // It read on from the committed marker: each record was pulled once (a page read again would
    // show as no-op pulls), and the page the cut fell on was asked again (pages fetched ahead
    // before the cut may come from the HTTP cache: full feed pages never change).
    const pulls = store.pulls.map((p) => `${p.category}/${p.uuid} ${p.outcome}`);
    expect(pulls.sort()).toEqual(onEdge.flat().map((key) => `${key} ok`).sort());
    expect(observationPages(edge.requests.slice(closedAt).map((r) => r.path))).toContain(4);
  } finally {
    await second.close();
  }
});
