/** Drives the PWA like a person for the browser bench: sign in through the form, look at the patients while the sync runs, wait for the run's end. */

import type { Page } from 'playwright-core';
import { childCredentials } from '../edge/app/start-test-edge.ts';
import { type BenchProbes, searchPatientsOnce } from './browser-page-probes.ts';

/** How long the bench waits for the initial sync before giving up. */
const syncTimeoutMs = 150_000;

/** Fills the sign-in form (the default parent: this origin + /openmrs) with the test child user and presses "Sign in". */
export async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Username').fill(childCredentials.name);
  await page.getByLabel('Password', { exact: true }).fill(childCredentials.password);
  await page.getByLabel('Instance id').fill(childCredentials.instanceId);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the probes hold the screen mark `name`, rendered. */
export async function waitForMark(page: Page, name: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((mark) => Number.isFinite(globalThis.__bench?.marks[mark]?.painted), name, { timeout, polling: 20 });
}

/** What the patients screen showed during the sync. */
export interface PatientsProbe {
  /** Milliseconds of each empty search (the list asked of the worker again), click to rendered list. */
  searches: number[];
  listed: boolean;
}

/**
 * Opens the patients screen through the navigation and, until a patient is listed (or the run
 * ends), presses Search every `everyMs`; then goes back to the status screen.
 */
export async function watchPatients(page: Page, everyMs = 250): Promise<PatientsProbe> {
  await page.getByRole('link', { name: 'Patients' }).click();
  await waitForMark(page, 'patientsScreen');
  const searches: number[] = [];
  let listed = await page.locator('.patients-screen li.patient').count() > 0;
  while (!listed && !(await page.evaluate(() => globalThis.__bench.statuses.some((s) => !s.running && s.lastPullAt !== undefined)))) {
    await page.waitForTimeout(everyMs);
    const result = await page.evaluate(searchPatientsOnce);
    searches.push(result.ms);
    listed = result.listed;
  }
  await page.getByRole('link', { name: 'Status' }).click();
  return { searches, listed };
}

/** Waits (polling every 250 ms) until a run began (a status with `running`) and a later status says it ended; returns the probes. */
export async function waitForRunEnd(page: Page): Promise<BenchProbes> {
  await page.waitForFunction(() => {
    const statuses = globalThis.__bench.statuses;
    const start = statuses.findIndex((s) => s.running);
    return start >= 0 && statuses.slice(start).some((s) => !s.running);
  }, undefined, { timeout: syncTimeoutMs, polling: 250 });
  return await page.evaluate(() => globalThis.__bench);
}

/** Waits for the status screen's progress bar after "Sign in"; a refusal on the form becomes the error's message. */
export async function waitForProgress(page: Page): Promise<void> {
  try {
    await waitForMark(page, 'progress');
  } catch (error) {
    const outcome = await page.locator('.form-outcome').textContent().catch(() => null);
    throw new Error(`no sync progress after "Sign in"${outcome ? `; the form says: ${outcome}` : ''}`, { cause: error });
  }
}
