// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { FailedEvent } from '../../src/core/store/store-port.ts';
import { failedScreen } from '../../src/ui/failed-screen.ts';
import { $, button, FakeApi, fakeContext, settle } from './_ui-kit.ts';

afterEach(() => document.body.replaceChildren());

const now = Date.UTC(2025, 10, 26, 12);
const events: FailedEvent[] = [
  {
    id: 'push/patient/p1', direction: 'push', feed: 'push', category: 'patient', uuid: 'p1',
    error: { code: 'PUSH_UNSUPPORTED', message: 'The parent offers no way to write this object' },
    attempts: 8, firstFailedAt: now - 86_400_000, lastFailedAt: now - 3_600_000, dead: true,
  },
  {
    id: 'pull/feed/e2', direction: 'pull', feed: 'feed', category: 'encounter', uuid: 'e2',
    error: { code: 'HTTP_TIMEOUT', message: 'timed out after 15 s' },
    attempts: 2, firstFailedAt: now - 600_000, lastFailedAt: now - 60_000, nextRetryAt: now + 240_000, dead: false,
  },
];

async function render(api: FakeApi, confirmAnswer = true) {
  api.failed = [...events];
  const order: string[] = [];
  const kit = fakeContext(api, { confirm: async () => { order.push('confirm'); return confirmAnswer; } });
  const download = kit.context.download;
  kit.context.download = (file) => { order.push(`download ${file.name}`); download(file); };
  const api2 = api.exportAndDropFailedEvent.bind(api);
  api.exportAndDropFailedEvent = async (id) => { order.push(`drop ${id}`); return api2(id); };
  const root = failedScreen(kit.context).element;
  document.body.append(root);
  await settle();
  return { ...kit, root, order };
}

function card(root: HTMLElement, id: string): HTMLElement {
  return $(root, `li[data-id="${id}"]`);
}

describe('failed events screen', () => {
  it('failedScreen() shows code in plain words, attempts, next retry and the dead-letter badge', async () => {
    const { root } = await render(new FakeApi());
    const dead = card(root, 'push/patient/p1');
    expect(dead.textContent).toContain('Dead letter');
    expect(dead.textContent).toContain('The parent cannot accept this record');
    expect(dead.textContent).toContain('PUSH_UNSUPPORTED');
    expect(dead.textContent).toContain('Attempts8');
    expect(dead.textContent).toContain('None: retried no more');
    const live = card(root, 'pull/feed/e2');
    expect(live.textContent).not.toContain('Dead letter');
    expect(live.textContent).toContain('Next retryin 4 minutes');
  });

  it('failedScreen() saves the export before dropping, then saves the fuller export the API returns', async () => {
    const api = new FakeApi();
    const { root, order, record } = await render(api);
    button(card(root, 'push/patient/p1'), 'Export and drop').click();
    await settle();
    expect(order).toEqual([
      'confirm', 'download failed-event-patient-p1.json', 'drop push/patient/p1', 'download failed-event-patient-p1-with-record.json',
    ]);
    expect(JSON.parse(record.downloads[0]?.text ?? '{}').failedEvent.id).toBe('push/patient/p1');
    expect(record.downloads[1]?.text).toContain('"object"');
    expect(root.querySelector('li[data-id="push/patient/p1"]')).toBeNull();
    expect(record.said.at(-1)).toBe('Exported and dropped patient p1');
  });

  it('failedScreen() neither saves nor drops when the person cancels', async () => {
    const api = new FakeApi();
    const { root, order } = await render(api, false);
    button(card(root, 'push/patient/p1'), 'Export and drop').click();
    await settle();
    expect(order).toEqual(['confirm']);
    expect(api.callsOf('exportAndDropFailedEvent')).toEqual([]);
  });

  it('failedScreen() "Download" saves the event with its record and keeps it: no question, no drop, still listed', async () => {
    const api = new FakeApi();
    const { root, order, record } = await render(api);
    const download = button(card(root, 'push/patient/p1'), 'Download');
    expect(download.getAttribute('aria-label')).toBe('Download patient p1');
    download.click();
    expect(download.disabled).toBe(true);
    await settle();
    expect(order).toEqual(['download failed-event-patient-p1-with-record.json']);
    expect(api.callsOf('exportFailedEvent')).toEqual([['push/patient/p1']]);
    expect(api.callsOf('exportAndDropFailedEvent')).toEqual([]);
    expect(record.downloads[0]).toMatchObject({ type: 'application/json', text: '{"failedEvent":"push/patient/p1","object":{}}' });
    expect(card(root, 'push/patient/p1')).toBeDefined();
    expect(download.disabled).toBe(false);
    expect(record.said.at(-1)).toBe('Downloaded patient p1; it is still retried');
  });

  it('failedScreen() "Download" of an event gone meanwhile saves nothing and says why', async () => {
    const api = new FakeApi();
    const { root, record } = await render(api);
    api.failed = [];
    button(card(root, 'pull/feed/e2'), 'Download').click();
    await settle();
    expect(record.downloads).toEqual([]);
    expect($(root, '.form-outcome').textContent).toContain('RECORD_NOT_FOUND');
  });

  it('failedScreen() retries an event and reloads the list', async () => {
    const api = new FakeApi();
    const { root, record } = await render(api);
    button(card(root, 'pull/feed/e2'), 'Retry').click();
    await settle();
    expect(api.callsOf('retryFailedEvent')).toEqual([['pull/feed/e2']]);
    expect(api.callsOf('failedEvents')).toHaveLength(2);
    expect(record.said.at(-1)).toBe('Retry of encounter e2 is due now');
  });
});
