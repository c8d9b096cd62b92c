/** Failed events: what failed and why, retries, dead letters; retry now, download, or export and drop (the export is saved first). */

import type { FailedEvent } from '../core/store/store-port.ts';
import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { explainFailure } from './explain-failure.ts';
import { failureBox } from './failure-box.ts';
import { formatCount, plural, timeElement } from './format.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * Lists `api.failedEvents()`. "Download" saves the event with its record (`api.exportFailedEvent`)
 * and changes nothing. "Export and drop" asks first, saves the event as a file, and only then calls
 * `api.exportAndDropFailedEvent`, whose fuller export (with the record) is saved too.
 *
 * @example
 * ```ts
 * main.append(failedScreen(context).element);
 * ```
 */
export function failedScreen(context: ScreenContext): Screen {
  const outcome = h('div', { class: 'form-outcome' });
  const list = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading failed records…'));
  const load = async (): Promise<void> => {
    try {
      const events = await context.api.failedEvents();
      replaceChildren(list, events.length === 0 ? h('p', {}, 'No failed records. Everything went through.') : [
        h('p', {}, `${plural(events.length, 'failed record')}.`),
        h('ul', { class: 'cards' }, events.map((event) => eventCard(event, { context, outcome, reload: load }))),
      ]);
    } catch (error) {
      replaceChildren(list, failureBox(error, { heading: 'The failed records could not be read' }));
    }
    list.setAttribute('aria-busy', 'false');
  };
  void load();
  const element = h('section', { class: 'screen failed-screen' }, [
    heading('Failed records'),
    h('p', { class: 'hint' }, 'Records that could not be received or sent. They are retried automatically; a dead letter is retried no more and needs you.'),
    outcome, list,
  ]);
  return { title: 'Failed records', element };
}

interface CardOptions {
  context: ScreenContext;
  outcome: HTMLElement;
  reload(): Promise<void>;
}

function eventCard(event: FailedEvent, options: CardOptions): HTMLElement {
  const { context } = options;
  const now = context.now();
  const explained = explainFailure(event.error);
  const retry = h('button', { type: 'button' }, 'Retry');
  const save = h('button', { type: 'button', 'aria-label': `Download ${event.category} ${event.uuid}` }, 'Download');
  const drop = h('button', { type: 'button', class: 'danger' }, 'Export and drop');
  retry.addEventListener('click', () => void act(options, `Retry of ${event.category} ${event.uuid} is due now`,
    () => whileBusy(retry, 'Retrying…', () => context.api.retryFailedEvent(event.id))));
  save.addEventListener('click', () => void download(event, save, options));
  drop.addEventListener('click', () => void exportThenDrop(event, drop, options));
  return h('li', { class: `card failed-event${event.dead ? ' dead' : ''}`, 'data-id': event.id }, [
    h('h2', {}, [
      `${event.category} ${event.uuid}`,
      h('span', { class: 'badge' }, event.direction === 'pull' ? 'Receiving' : 'Sending'),
      event.dead ? h('span', { class: 'badge dead-letter' }, 'Dead letter') : null,
    ]),
    h('p', { class: 'failure-title' }, explained.title),
    h('p', {}, explained.message),
    h('dl', { class: 'facts' }, [
      h('dt', {}, 'Code'), h('dd', {}, h('code', {}, explained.code)),
      h('dt', {}, 'Attempts'), h('dd', {}, formatCount(event.attempts)),
      h('dt', {}, 'Last failed'), h('dd', {}, timeElement(event.lastFailedAt, now)),
      h('dt', {}, 'Next retry'), h('dd', {}, event.nextRetryAt !== undefined && !event.dead ? timeElement(event.nextRetryAt, now) : 'None: retried no more'),
    ]),
    h('div', { class: 'actions' }, [retry, save, drop]),
  ]);
}

/** Saves the event with its record as a file, through the API's read-only export; the event stays and is retried as before. */
async function download(event: FailedEvent, button: HTMLButtonElement, options: CardOptions): Promise<void> {
  const { context, outcome } = options;
  replaceChildren(outcome, []);
  try {
    const result = await whileBusy(button, 'Downloading…', () => context.api.exportFailedEvent(event.id));
    if (!result.ok) return replaceChildren(outcome, failureBox(result.error, { heading: 'Not downloaded' }));
    context.download({ name: `${fileNameOf(event)}-with-record.json`, type: 'application/json', text: result.value });
    context.announce(`Downloaded ${event.category} ${event.uuid}; it is still retried`);
  } catch (error) {
    replaceChildren(outcome, failureBox(error, { heading: 'Not downloaded' }));
  }
}

function fileNameOf(event: FailedEvent): string {
  return `failed-event-${event.category}-${event.uuid}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Asks, saves the event as a file, then drops it through the API and saves the fuller export it returns. */
async function exportThenDrop(event: FailedEvent, button: HTMLButtonElement, options: CardOptions): Promise<void> {
  const { context } = options;
  const sure = await context.confirm({
    title: 'Export and drop this failed record?', confirmLabel: 'Export and drop',
    message: 'A file with the failed record is saved first. Then it is no longer retried. The record itself stays on this tablet.',
  });
  if (!sure) return;
  const name = fileNameOf(event);
  context.download({ name: `${name}.json`, type: 'application/json', text: JSON.stringify({ exportedAt: new Date(context.now()).toISOString(), failedEvent: event }, null, 2) });
  await act(options, `Exported and dropped ${event.category} ${event.uuid}`, async () => {
    const result = await whileBusy(button, 'Exporting…', () => context.api.exportAndDropFailedEvent(event.id));
    if (result.ok) context.download({ name: `${name}-with-record.json`, type: 'application/json', text: result.value });
    return result;
  });
}

/** Runs an action returning an ApiResult; announces success or shows the failure, then reloads. */
async function act(options: CardOptions, said: string, action: () => Promise<{ ok: boolean; error?: unknown }>): Promise<void> {
  replaceChildren(options.outcome, []);
  try {
    const result = await action();
    if (result.ok) options.context.announce(said);
    else replaceChildren(options.outcome, failureBox(result.error, { heading: 'Not done' }));
  } catch (error) {
    replaceChildren(options.outcome, failureBox(error, { heading: 'Not done' }));
  }
  await options.reload();
  await options.context.refreshStatus();
}
