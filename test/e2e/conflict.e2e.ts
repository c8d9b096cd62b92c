// A conflict made on both sides (the tablet offline, the edge node through FHIR) shows on the conflicts screen and is resolved there, field by field.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type E2eEdge, edgeCounts, launchBrowser, newTablet, openScreen, readTabletStore, screenshot, signIn, startE2eEdge, syncNow,
  waitForQuiet, waitForSyncedCounts, waitMs,
} from './_e2e-kit.ts';

let edge: E2eEdge;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [edge, browser] = await Promise.all([startE2eEdge({ seedPatients: 3 }), launchBrowser()]);
  ({ context, page } = await newTablet(browser));
  await page.goto(edge.url);
  await signIn(page, edge);
  await waitForSyncedCounts(page, await edgeCounts(edge));
});

afterAll(async () => {
  await browser?.close();
  await edge?.close();
});

/** Registers a patient with the form and returns its uuid. */
async function registerOnTablet(given: string, family: string): Promise<string> {
  await openScreen(page, 'Patients');
  await page.getByRole('link', { name: 'Register a patient' }).click();
  const form = page.getByRole('form', { name: 'Register a patient' });
  await form.getByLabel('Given name').fill(given);
  await form.getByLabel('Family name').fill(family);
  await form.getByRole('radio', { name: 'Female' }).check();
  await form.getByLabel('Birth date').fill('1990-04-02');
  await form.getByRole('button', { name: 'Register patient' }).click();
  const row = page.getByRole('list', { name: 'Patients on this tablet' }).getByRole('listitem').filter({ hasText: `${given} ${family}` });
  await row.waitFor({ timeout: waitMs });
  return (await row.getAttribute('data-uuid')) ?? '';
}

it('a record changed on the tablet and on the edge shows as a conflict, is resolved per field in the UI, and the edge gets the chosen values', async () => {
  await context.setOffline(true);
  const uuid = await registerOnTablet('Amani', 'Tablet-Side');
  // Meanwhile a clerk at the hub writes the same record (same id) with other values.
  const edgeVersion = {
    resourceType: 'Patient', id: uuid, active: true, gender: 'male', birthDate: '1988-11-30',
    name: [{ id: crypto.randomUUID(), family: 'Hub-Side', given: ['Amani'] }],
  };
  expect((await edge.fhir(`Patient/${uuid}`, { method: 'PUT', body: edgeVersion })).status).toBeLessThan(300);
  await context.setOffline(false);

  // Back online the page syncs by itself; "Sync now" makes sure a run starts after the hub's write.
  await waitForQuiet(page);
  await syncNow(page);
  await openScreen(page, 'Conflicts');
  const conflicts = page.getByRole('list', { name: 'Open conflicts' }).getByRole('listitem');
  const card = conflicts.filter({ hasText: uuid });
  await card.waitFor({ timeout: waitMs });
  expect(await conflicts.count()).toBe(1);
  await screenshot(page, 'conflicts-list');
  // The tablet's version is not pushed over the hub's while the conflict is open.
  expect(((await (await edge.fhir(`Patient/${uuid}`)).json()) as { name: { family: string }[] }).name[0]?.family).toBe('Hub-Side');

  await card.getByRole('link', { name: `Resolve the conflict on patient ${uuid}` }).click();
  const form = page.getByRole('form', { name: 'Choose per field' });
  await form.waitFor({ timeout: waitMs });
  const keep = (field: string, side: 'Mine' | 'Theirs') => form.getByRole('group', { name: `Version of ${field} to keep` }).getByRole('radio', { name: side });
  await keep('name', 'Mine').check();
  await keep('gender', 'Theirs').check();
  await keep('birthDate', 'Theirs').check();
  await screenshot(page, 'conflict-resolution');
  await form.getByRole('button', { name: 'Apply choices' }).click();
  await page.getByText('No open conflicts. Nothing needs a decision.').waitFor({ timeout: waitMs });

  // The resolution asked for a Background Sync: once that and any other run are over, one more sends what is left.
  await waitForQuiet(page);
  expect(await syncNow(page)).toContain('Succeeded');
  const onEdge = (await (await edge.fhir(`Patient/${uuid}`)).json()) as { id: string; gender: string; birthDate: string; name: { family: string }[] };
  expect(onEdge).toMatchObject({ id: uuid, gender: 'male', birthDate: '1988-11-30', name: [{ family: 'Tablet-Side' }] });
  expect((await readTabletStore(page)).openConflicts).toBe(0);
  await openScreen(page, 'Status');
  expect(await page.locator('[data-count="conflicts"]').textContent()).toBe('0');
});
