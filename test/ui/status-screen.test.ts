// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { statusScreen } from '../../src/ui/status-screen.ts';
import { $, button, FakeApi, fakeContext, settle, statusOf } from './_ui-kit.ts';

afterEach(() => document.body.replaceChildren());

const now = Date.UTC(2025, 10, 26, 12, 0, 0);

function render(api: FakeApi, deps: Partial<ReturnType<typeof fakeContext>['context']['deps']> = {}) {
  const kit = fakeContext(api);
  Object.assign(kit.context.deps, deps);
  const screen = statusScreen(kit.context);
  document.body.append(screen.element);
  return { ...kit, screen, root: screen.element };
}

describe('status screen', () => {
  it('statusScreen() shows a labelled progress bar with category, place and done/total during a sync, and disables Sync now', () => {
    const api = new FakeApi();
    api.current = statusOf({}, {
      running: true, phase: 'pull', progress: { phase: 'pull', category: 'patient', done: 1200, total: 20000, categoryIndex: 1, categoryCount: 5 },
    });
    const { root } = render(api);
    const bar = $(root, 'progress') as HTMLProgressElement;
    expect(bar.getAttribute('max')).toBe('20000');
    expect(bar.getAttribute('value')).toBe('1200');
    expect(bar.getAttribute('aria-label')).toBe('Receiving patient');
    expect(bar.getAttribute('aria-valuetext')).toBe('1,200 of 20,000');
    expect($(root, '.progress-label').textContent).toBe('Receiving patient (category 2 of 5): 1,200 of 20,000');
    expect($(root, '.phase').textContent).toBe('Receiving changes from the parent…');
    expect(button(root, 'Sync now').disabled).toBe(true);
  });

  it('statusScreen() shows an indeterminate bar when the total is unknown, and none when idle', () => {
    const api = new FakeApi();
    api.current = statusOf({}, { running: true, phase: 'push', progress: { phase: 'push', done: 3 } });
    const { root, screen } = render(api);
    expect($(root, 'progress').hasAttribute('value')).toBe(false);
    expect($(root, '.progress-label').textContent).toBe('Sending records: 3 so far');
    screen.update?.(statusOf());
    expect(root.querySelector('progress')).toBeNull();
    expect(button(root, 'Sync now').disabled).toBe(false);
  });

  it('statusScreen() shows pending pushes, failed events with dead letters, conflicts, objects and storage', () => {
    const api = new FakeApi();
    api.current = statusOf({
      pendingPushes: 4, failedEvents: 2, deadLetters: 1, openConflicts: 3,
      objects: { patient: { live: 1500, removed: 2 }, location: { live: 7, removed: 0 } },
      storage: { usedBytes: 12_300_000, quotaBytes: 2_000_000_000, persistent: false },
    });
    const { root } = render(api);
    expect($(root, '[data-count="pending"]').textContent).toBe('4');
    // A status without the split (broadcast by an older app version): one total.
    expect($(root, '[data-count="failed"]').textContent).toBe('3 (1 dead letter: retried no more)');
    expect($(root, '[data-count="conflicts"]').textContent).toBe('3');
    const rows = [...root.querySelectorAll('table.data tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['location70', 'patient1,5002']);
    expect(root.textContent).toContain('12.3 MB of 2.0 GB (0.6%)');
    expect(root.textContent).toContain('No: the browser may clear this data');
  });

  it('statusScreen() shows failed records received and sent apart, each with its dead letters, linking to the failed records', () => {
    const api = new FakeApi();
    api.current = statusOf({
      failedEvents: 3, deadLetters: 2, failedByDirection: { pull: { retrying: 1, dead: 0 }, push: { retrying: 2, dead: 2 } },
    });
    const { root } = render(api);
    expect(root.querySelector('[data-count="failed"]')).toBeNull();
    const counts = $(root, 'dl.counts');
    const labels = [...counts.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual(['Changes not sent yet', 'Failed records to receive (pull)', 'Failed records to send (push)', 'Open conflicts']);
    expect($(root, '[data-count="failed-pull"]').textContent).toBe('1');
    expect($(root, '[data-count="failed-push"]').textContent).toBe('4 (2 dead letters: retried no more)');
    expect($(root, '[data-count="failed-push"] a').getAttribute('href')).toBe('#/failed');
  });

  it('statusScreen() asks for persistent storage and announces the answer', async () => {
    const api = new FakeApi();
    api.current = statusOf({ storage: { usedBytes: 1, quotaBytes: 10, persistent: false } });
    let asked = 0;
    const { root, record } = render(api, { requestPersistence: async () => { asked += 1; return true; } });
    button(root, 'Ask to keep data on this tablet').click();
    await settle();
    expect(asked).toBe(1);
    expect(record.said.at(-1)).toContain('Storage is now persistent');
  });

  it('statusScreen() hides the persistence button when storage is persistent or the host cannot ask', () => {
    const api = new FakeApi();
    api.current = statusOf({ storage: { usedBytes: 1, quotaBytes: 10, persistent: false } });
    expect(button(render(api).root, 'Ask to keep data on this tablet').hidden).toBe(true);
    api.current = statusOf({ storage: { usedBytes: 1, quotaBytes: 10, persistent: true } });
    expect(button(render(api, { requestPersistence: async () => true }).root, 'Ask to keep data on this tablet').hidden).toBe(true);
  });

  it('statusScreen() runs Sync now and announces the outcome', async () => {
    const api = new FakeApi();
    api.syncNow = async () => ({ status: 'partial', direction: 'both', startedAt: 1, finishedAt: 2, error: { code: 'HTTP_TIMEOUT', message: 'timed out' } });
    const { root, record } = render(api);
    button(root, 'Sync now').click();
    expect(button(root, 'Syncing…').disabled).toBe(true);
    await settle();
    expect(record.said.at(-1)).toBe('Sync ended: Partly done: some records failed. The parent server took too long to answer.');
    expect($(root, '.run-result').textContent).toBe(record.said.at(-1));
    expect(button(root, 'Sync now').disabled).toBe(false);
  });

  it('statusScreen() shows a thrown sync error with its code', async () => {
    const api = new FakeApi();
    api.syncNow = async () => { throw Object.assign(new Error('sign in first'), { code: 'NOT_CONFIGURED' }); };
    const { root, record } = render(api);
    button(root, 'Sync now').click();
    await settle();
    expect($(root, '[role="alert"]').textContent).toContain('NOT_CONFIGURED');
    expect(record.said.at(-1)).toBe('Sync failed: Not signed in');
  });

  it('statusScreen() shows the last outcome per direction, relative and absolute, and the last error in plain words', () => {
    const api = new FakeApi();
    api.current = statusOf({}, {
      lastPull: { status: 'ok', at: now - 5 * 60_000 },
      lastError: { code: 'PARENT_UNREACHABLE', message: 'fetch failed', at: now - 2 * 3_600_000 },
    });
    const { root } = render(api);
    const facts = $(root, 'dl.facts').textContent ?? '';
    expect(facts).toContain('Last receive (pull)Succeeded 5 minutes ago (');
    expect(facts).toContain('Last send (push)Never');
    const error = $(root, '.last-error').textContent ?? '';
    expect(error).toContain('The parent server cannot be reached');
    expect(error).toContain('PARENT_UNREACHABLE');
    expect(error).toContain('2 hours ago');
  });

  it('statusScreen() shows when each direction last succeeded when its last outcome was not a success', () => {
    const api = new FakeApi();
    api.current = statusOf({}, {
      lastPull: { status: 'failed', at: now - 60_000, lastSuccessAt: now - 2 * 3_600_000, error: { code: 'PARENT_UNREACHABLE', message: 'x' } },
      lastPush: { status: 'unauthorized', at: now - 60_000 },
    });
    const { root } = render(api);
    const rows = [...$(root, 'dl.facts').querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      expect.stringMatching(/^Last receive \(pull\): Failed 1 minute ago \(/),
      expect.stringMatching(/^Last received successfully: 2 hours ago \(/),
      expect.stringMatching(/^Last send \(push\): The parent refused the login 1 minute ago \(/),
      // Not a success, and none on record (a first sync refused, or a state kept by an older version).
      'Last sent successfully: None recorded',
    ]);
    expect($(root, '.last-success time').getAttribute('datetime')).toBe(new Date(now - 2 * 3_600_000).toISOString());
  });

  it('statusScreen() adds no "successfully" row when the last outcome was itself a success (ok or partial)', () => {
    const api = new FakeApi();
    api.current = statusOf({}, { lastPull: { status: 'partial', at: now - 60_000 }, lastPush: { status: 'ok', at: now - 60_000 } });
    const { root } = render(api);
    expect(root.querySelector('.last-success')).toBeNull();
    expect($(root, 'dl.facts').textContent).not.toContain('successfully');
  });

  it('statusScreen() points to sign-in when not configured', () => {
    const api = new FakeApi();
    api.current = statusOf({ configured: false });
    const { root } = render(api);
    expect($(root, '.phase a').getAttribute('href')).toBe('#/settings');
    expect(button(root, 'Sync now').disabled).toBe(true);
  });
});
