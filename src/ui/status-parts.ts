/** Pieces of the status screen, each a pure rendering of part of the status. */

import type { BrowserStatus, FailedCounts } from '../browser/sync-api.ts';
import { lastSuccessAt } from '../core/sync/runner/last-success-at.ts';
import type { PhaseOutcome, RunStatus, RunSummary, SyncProgress } from '../core/sync/runner/runner-types.ts';
import { h } from './dom.ts';
import { explainFailure } from './explain-failure.ts';
import { formatBytes, formatCount, plural, timeElement } from './format.ts';
import { hrefOf } from './routes.ts';

const outcomeWords: Record<RunStatus, string> = {
  ok: 'Succeeded', partial: 'Partly done: some records failed', failed: 'Failed',
  unauthorized: 'The parent refused the login', aborted: 'Stopped before the end', busy: 'Another tab or the background sync was running',
};

/** What the sync is doing, in words. */
export function phaseText(status: BrowserStatus): string {
  if (!status.configured) return 'Not signed in: nothing is synced yet.';
  const { runner } = status;
  if (!runner.running) return runner.scheduled ? 'Idle: waiting for the next sync.' : 'Idle: automatic sync is off.';
  if (runner.phase === 'pull') return 'Receiving changes from the parent…';
  if (runner.phase === 'push') return 'Sending changes to the parent…';
  return 'Starting a sync…';
}

/** A run's outcome as one sentence, for the live region. */
export function describeRun(summary: RunSummary): string {
  const base = `Sync ${summary.status === 'ok' ? 'finished' : 'ended'}: ${outcomeWords[summary.status]}`;
  return summary.error ? `${base}. ${explainFailure(summary.error).title}.` : `${base}.`;
}

/** The progress bar of a long sync: category, place among the categories, done of total (indeterminate without a total). */
export function progressBlock(progress: SyncProgress): HTMLElement {
  const verb = progress.phase === 'push' ? 'Sending' : 'Receiving';
  const what = progress.category ?? 'records';
  const place = progress.categoryIndex !== undefined && progress.categoryCount
    ? ` (category ${progress.categoryIndex + 1} of ${progress.categoryCount})` : '';
  const counted = progress.total !== undefined ? `${formatCount(progress.done)} of ${formatCount(progress.total)}` : `${formatCount(progress.done)} so far`;
  const label = `${verb} ${what}${place}: ${counted}`;
  const bar = h('progress', { 'aria-label': `${verb} ${what}`, 'aria-valuetext': counted, max: progress.total ?? undefined, value: progress.total !== undefined ? progress.done : undefined });
  return h('div', { class: 'progress-block' }, [h('p', { class: 'progress-label' }, label), bar]);
}

/**
 * Last outcome of each direction with relative and absolute time; when it was not a success, the
 * time of the last one that was ("Last received successfully"), so a failure never hides it.
 */
export function outcomesList(status: BrowserStatus, now: number): HTMLElement {
  const row = (label: string, outcome: PhaseOutcome | undefined): HTMLElement[] => [
    h('dt', {}, label),
    h('dd', {}, outcome
      ? [h('span', { class: `outcome outcome-${outcome.status}` }, outcomeWords[outcome.status]), ' ', timeElement(outcome.at, now)]
      : 'Never'),
  ];
  const success = (label: string, outcome: PhaseOutcome | undefined): HTMLElement[] => {
    const at = lastSuccessAt(outcome);
    if (!outcome || at === outcome.at) return [];
    return [h('dt', {}, label), h('dd', { class: 'last-success' }, at === undefined ? 'None recorded' : timeElement(at, now))];
  };
  const { lastPull, lastPush } = status.runner;
  return h('dl', { class: 'facts' }, [
    ...row('Last receive (pull)', lastPull), ...success('Last received successfully', lastPull),
    ...row('Last send (push)', lastPush), ...success('Last sent successfully', lastPush),
  ]);
}

/** What waits for the network or for a person, with links to act on it; failed records per direction when the status has them. */
export function countsList(status: BrowserStatus): HTMLElement {
  const byDirection = status.failedByDirection;
  const failed = byDirection
    ? [...failedRow('Failed records to receive (pull)', 'failed-pull', byDirection.pull), ...failedRow('Failed records to send (push)', 'failed-push', byDirection.push)]
    : failedRow('Failed records', 'failed', { retrying: status.failedEvents, dead: status.deadLetters });
  return h('dl', { class: 'facts counts' }, [
    h('dt', {}, 'Changes not sent yet'), h('dd', { 'data-count': 'pending' }, formatCount(status.pendingPushes)),
    ...failed,
    h('dt', {}, 'Open conflicts'),
    h('dd', { 'data-count': 'conflicts' }, h('a', { href: hrefOf({ screen: 'conflicts' }) }, formatCount(status.openConflicts))),
  ]);
}

function failedRow(label: string, key: string, counts: FailedCounts): HTMLElement[] {
  return [
    h('dt', {}, label),
    h('dd', { 'data-count': key }, [
      h('a', { href: hrefOf({ screen: 'failed' }) }, formatCount(counts.retrying + counts.dead)),
      counts.dead > 0 ? ` (${plural(counts.dead, 'dead letter')}: retried no more)` : '',
    ]),
  ];
}

/** Objects per category on this tablet. */
export function objectsTable(objects: BrowserStatus['objects']): HTMLElement {
  const names = Object.keys(objects).sort();
  if (names.length === 0) return h('p', {}, 'No records on this tablet yet.');
  return h('table', { class: 'data' }, [
    h('caption', { class: 'visually-hidden' }, 'Records per category'),
    h('thead', {}, h('tr', {}, [h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'In use'), h('th', { scope: 'col' }, 'Removed')])),
    h('tbody', {}, names.map((name) => h('tr', {}, [
      h('th', { scope: 'row' }, name), h('td', {}, formatCount(objects[name]?.live ?? 0)), h('td', {}, formatCount(objects[name]?.removed ?? 0)),
    ]))),
  ]);
}

/** Storage used of the quota, and whether the browser keeps it under pressure. */
export function storageFacts(storage: BrowserStatus['storage']): HTMLElement {
  if (!storage) return h('p', {}, 'This browser does not report storage use.');
  const share = storage.quotaBytes > 0 ? ` (${((storage.usedBytes / storage.quotaBytes) * 100).toFixed(1)}%)` : '';
  return h('dl', { class: 'facts' }, [
    h('dt', {}, 'Used'), h('dd', {}, `${formatBytes(storage.usedBytes)} of ${formatBytes(storage.quotaBytes)}${share}`),
    h('dt', {}, 'Persistent'),
    h('dd', {}, storage.persistent ? 'Yes: the browser keeps this data' : 'No: the browser may clear this data when space runs low'),
  ]);
}

/** The last error of the runner, in plain words with its code and time. */
export function lastErrorBlock(status: BrowserStatus, now: number): HTMLElement | null {
  const error = status.runner.lastError;
  if (!error) return null;
  const explained = explainFailure(error);
  return h('div', { class: 'last-error' }, [
    h('h2', {}, 'Last error'),
    h('p', { class: 'failure-title' }, explained.title),
    h('p', {}, explained.message),
    h('p', { class: 'failure-code' }, ['Code: ', h('code', {}, explained.code), ' · ', timeElement(error.at, now)]),
  ]);
}
