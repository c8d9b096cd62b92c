// Conflicts made on both sides (the tablet offline, the edge node through FHIR) show on the conflicts screen and are resolved there, field by field.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  adminLogin, type E2eEdge, edgeCounts, launchBrowser, newTablet, openScreen, readTabletStore, screenshot, signIn, startE2eEdge, syncNow,
  waitForQuiet, waitForSyncedCounts, waitMs,
} from './_e2e-kit.ts';

let edge: E2eEdge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The ids of the edge's seeded patients, pulled by the tablet's first sync. */
let seeded: string[] = [];

beforeAll(async () => {
  [edge, browser] = await Promise.all([startE2eEdge({ seedPatients: 3 }), launchBrowser()]);
  seeded = ((await (await edge.fhir('Patient?_count=100')).json()) as { entry: { resource: { id: string } }[] }).entry.map((e) => e.resource.id);
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

interface FhirPatient { id: string; birthDate: string; name: { id: string; family: string; given: string[] }[] }

/** The edge's current version of a patient and its ETag. */
async function edgePatient(uuid: string): Promise<{ patient: FhirPatient; etag: string }> {
  const response = await edge.fhir(`Patient/${uuid}`);
  return { patient: (await response.json()) as FhirPatient, etag: response.headers.get('etag') ?? '' };
}

/** The edge node's open conflicts, from its admin `/status`. */
async function edgeOpenConflicts(): Promise<number> {
  const authorization = `Basic ${btoa(`${adminLogin.username}:${adminLogin.password}`)}`;
  const status = (await (await fetch(`${edge.url}/status`, { headers: { authorization } })).json()) as { conflicts: { open: number } };
  return status.conflicts.open;
}

it('two edits of a pulled patient merge field by field: one-sided changes merge silently, the field changed on both sides is asked in the UI', async () => {
  const uuid = seeded[0] ?? '';
  const { patient: before } = await edgePatient(uuid);
  const beforeName = before.name[0] as FhirPatient['name'][number];
  const shownBefore = `${beforeName.given.join(' ')} ${beforeName.family}`;

  // Offline, the clinician corrects the family name and the birth date through the Edit form.
  await context.setOffline(true);
  await openScreen(page, 'Patients');
  await page.getByRole('link', { name: `Edit ${shownBefore}`, exact: true }).click();
  const edit = page.getByRole('form', { name: 'Edit patient' });
  await edit.waitFor({ timeout: waitMs });
  expect(await edit.getByLabel('Family name').inputValue()).toBe(beforeName.family);
  await edit.getByLabel('Family name').fill('Tablet-Family');
  await edit.getByLabel('Birth date').fill('1991-02-03');
  await screenshot(page, 'patient-edit-form');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  const row = page.getByRole('list', { name: 'Patients on this tablet' }).locator(`li[data-uuid="${uuid}"]`);
  await row.getByText(`${beforeName.given.join(' ')} Tablet-Family`).waitFor({ timeout: waitMs });
  expect(await row.getByText('Not sent yet').isVisible()).toBe(true);

  // Meanwhile a clerk at the hub changes the given name and the birth date of the version it holds.
  const { patient: hubRead, etag } = await edgePatient(uuid);
  const hubEdit = { ...hubRead, birthDate: '1985-06-07', name: [{ ...beforeName, given: ['Edge-Given'] }, ...hubRead.name.slice(1)] };
  const put = await edge.fhir(`Patient/${uuid}`, { method: 'PUT', body: hubEdit, headers: { 'if-match': etag } });
  expect(put.status).toBe(200);
  await context.setOffline(false);

  await waitForQuiet(page);
  await syncNow(page);
  await openScreen(page, 'Conflicts');
  const card = page.getByRole('list', { name: 'Open conflicts' }).getByRole('listitem').filter({ hasText: uuid });
  await card.waitFor({ timeout: waitMs });
  // Only the birth date was changed on both sides; the names were changed in different places.
  expect(await card.textContent()).toContain('Fields changed on both sides: birthDate');
  // Nothing of the tablet's edit reaches the hub while the conflict is open.
  expect((await edgePatient(uuid)).patient).toMatchObject({ birthDate: '1985-06-07', name: [{ family: beforeName.family, given: ['Edge-Given'] }] });

  await card.getByRole('link', { name: `Resolve the conflict on patient ${uuid}` }).click();
  const form = page.getByRole('form', { name: 'Choose per field' });
  await form.waitFor({ timeout: waitMs });
  const picker = (field: string) => form.getByRole('group', { name: `Version of ${field} to keep` });
  // The birth date needs a decision: nothing is preselected.
  expect(await picker('birthDate').getByRole('radio', { checked: true }).count()).toBe(0);
  expect(await form.locator('tr.both-changed').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')))).toEqual(['birthDate']);
  // The name was changed on both sides in different places: both changes are kept unless a side is picked.
  expect(await picker('name').getByRole('radio', { name: 'Both changes' }).isChecked()).toBe(true);
  await picker('birthDate').getByRole('radio', { name: 'Mine' }).check();
  await screenshot(page, 'conflict-detail-merge');
  await form.getByRole('button', { name: 'Apply choices' }).click();
  await page.getByText('No open conflicts. Nothing needs a decision.').waitFor({ timeout: waitMs });

  await waitForQuiet(page);
  expect(await syncNow(page)).toContain('Succeeded');
  const { patient: merged } = await edgePatient(uuid);
  expect(merged.birthDate).toBe('1991-02-03');
  expect(merged.name).toEqual([{ ...beforeName, family: 'Tablet-Family', given: ['Edge-Given'] }, ...hubRead.name.slice(1)]);
  expect(await edgeOpenConflicts()).toBe(0);
  expect((await readTabletStore(page)).openConflicts).toBe(0);
  await openScreen(page, 'Patients');
  const mergedRow = page.getByRole('list', { name: 'Patients on this tablet' }).locator(`li[data-uuid="${uuid}"]`);
  await mergedRow.getByText('Edge-Given Tablet-Family').waitFor({ timeout: waitMs });
  expect(await mergedRow.textContent()).toContain('born 1991-02-03');
  await expect.poll(() => mergedRow.getByText('Not sent yet').count(), { timeout: waitMs }).toBe(0);
});
