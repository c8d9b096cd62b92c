/** The status screen: what the sync is doing, what waits, storage, and "Sync now". */

import type { BrowserStatus } from '../browser/sync-api.ts';
import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { explainFailure } from './explain-failure.ts';
import { failureBox } from './failure-box.ts';
import { timeElement } from './format.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';
import { countsList, describeRun, lastErrorBlock, objectsTable, outcomesList, phaseText, progressBlock, storageFacts } from './status-parts.ts';

type Parts = ReturnType<typeof emptyParts>;

function emptyParts() {
  return {
    storeError: h('div'), phase: h('p', { class: 'phase' }), progress: h('div'), next: h('p'), result: h('div'),
    outcomes: h('div'), counts: h('div'), lastError: h('div', { class: 'card', hidden: true }), objects: h('div'), storage: h('div'),
    syncButton: h('button', { type: 'button', class: 'primary big' }, 'Sync now'),
    persistButton: h('button', { type: 'button', hidden: true }, 'Ask to keep data on this tablet'),
  };
}

/**
 * Builds the status screen; it fills in as statuses arrive (`update`). The "Sync now" button is
 * disabled while a run is going on, and its outcome is announced.
 *
 * @example
 * ```ts
 * const screen = statusScreen(context); main.append(screen.element); screen.update?.(status);
 * ```
 */
export function statusScreen(context: ScreenContext): Screen {
  const parts = emptyParts();
  let latest: BrowserStatus | undefined;
  const canSync = (): boolean => latest !== undefined && latest.configured && !latest.runner.running;
  parts.syncButton.addEventListener('click', () => void syncNow(context, parts, canSync));
  parts.persistButton.addEventListener('click', () => void askPersistence(context, parts.persistButton));
  const update = (status: BrowserStatus): void => {
    latest = status;
    if (parts.syncButton.getAttribute('aria-busy') !== 'true') parts.syncButton.disabled = !canSync();
    fill(parts, status, context);
  };
  const current = context.status();
  if (current) update(current);
  else replaceChildren(parts.phase, 'Reading the status…');
  return { title: 'Sync status', element: layout(parts), update };
}

function layout(parts: Parts): HTMLElement {
  const card = (id: string, title: string, ...children: HTMLElement[]): HTMLElement =>
    h('section', { 'aria-labelledby': id, class: 'card' }, [h('h2', { id }, title), ...children]);
  return h('section', { class: 'screen status-screen' }, [
    heading('Sync status'),
    parts.storeError,
    card('sync-now-title', 'Sync', parts.phase, parts.progress, parts.syncButton, parts.next, parts.result),
    card('last-sync-title', 'Last sync', parts.outcomes),
    card('waiting-title', 'Waiting', parts.counts),
    parts.lastError,
    card('objects-title', 'Records on this tablet', parts.objects),
    card('storage-title', 'Storage', parts.storage, parts.persistButton),
  ]);
}

function fill(parts: Parts, status: BrowserStatus, context: ScreenContext): void {
  const now = context.now();
  const { runner } = status;
  replaceChildren(parts.storeError, status.storeError ? failureBox(status.storeError, { heading: 'Problem with the data on this tablet' }) : []);
  replaceChildren(parts.phase, status.configured ? phaseText(status) : [phaseText(status), ' ', h('a', { href: hrefOf({ screen: 'settings' }) }, 'Sign in')]);
  replaceChildren(parts.progress, runner.running && runner.progress ? progressBlock(runner.progress) : []);
  replaceChildren(parts.next, !runner.running && runner.nextRunAt !== undefined ? ['Next automatic sync: ', timeElement(runner.nextRunAt, now)] : []);
  replaceChildren(parts.outcomes, outcomesList(status, now));
  replaceChildren(parts.counts, countsList(status));
  replaceChildren(parts.lastError, lastErrorBlock(status, now));
  // Hidden when empty, so it takes no cell of the grid.
  parts.lastError.hidden = !runner.lastError;
  replaceChildren(parts.objects, objectsTable(status.objects));
  replaceChildren(parts.storage, storageFacts(status.storage));
  parts.persistButton.hidden = !context.deps.requestPersistence || !status.storage || status.storage.persistent;
}

/** Runs a sync now; the outcome is shown and announced. */
async function syncNow(context: ScreenContext, parts: Parts, canSync: () => boolean): Promise<void> {
  replaceChildren(parts.result, []);
  try {
    const summary = await whileBusy(parts.syncButton, 'Syncing…', () => context.api.syncNow());
    const said = describeRun(summary);
    replaceChildren(parts.result, h('p', { class: `run-result outcome-${summary.status}` }, said));
    context.announce(said);
  } catch (error) {
    replaceChildren(parts.result, failureBox(error, { heading: 'The sync could not run' }));
    context.announce(`Sync failed: ${explainFailure(error).title}`);
  }
  parts.syncButton.disabled = !canSync();
  await context.refreshStatus();
}

async function askPersistence(context: ScreenContext, button: HTMLButtonElement): Promise<void> {
  const granted = await whileBusy(button, 'Asking…', () => context.deps.requestPersistence?.() ?? Promise.resolve(false));
  context.announce(granted
    ? 'Storage is now persistent: the browser keeps this data'
    : 'The browser did not grant persistent storage. Installing the app to the home screen often helps.');
  await context.refreshStatus();
}
