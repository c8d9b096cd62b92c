import { afterEach, describe, expect, it } from 'vitest';
import type { SyncApiService } from '../../src/browser/create-sync-api.ts';
import { globalSyncPorts } from '../../src/browser/global-sync-ports.ts';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import { childPassword, seededParent, tablet, tabletSettings } from './_browser-api-kit.ts';

const open: SyncApiService[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

let channels = 0;

describe('two tabs of one origin', () => {
  it('a sign-in in one tab signs the other in, its statuses reach the other\'s subscribers, and a sign-out signs both out', async () => {
    const parent = await seededParent(1);
    // Both tabs share one IndexedDB and one BroadcastChannel name, as two tabs of one origin do.
    const name = `sync-status-test-${(channels += 1)}`;
    const t = tablet(parent.fetch, { openChannel: () => new BroadcastChannel(name) });
    const tabA = await t.open();
    const tabB = await t.open();
    open.push(tabA, tabB);
    const seenByB: BrowserStatus[] = [];
    await tabB.subscribe((status) => { seenByB.push(status); });

    expect(await tabA.configure(tabletSettings(), childPassword)).toMatchObject({ ok: true });
    await expect.poll(async () => (await tabB.status()).configured).toBe(true);
    await tabA.syncNow();
    await expect.poll(() => seenByB.some((s) => s.objects['patient']?.live === 1)).toBe(true);

    await tabA.signOut();
    await expect.poll(async () => (await tabB.status()).configured).toBe(false);
  });
});

describe('globalSyncPorts()', () => {
  it('fetch() never lets the browser add credentials: the login goes only in the Authorization header', async () => {
    const original = globalThis.fetch;
    const seen: (RequestInit | undefined)[] = [];
    globalThis.fetch = (async (_input: unknown, init?: RequestInit) => { seen.push(init); return new Response('{}'); }) as typeof fetch;
    try {
      await globalSyncPorts({ push: null }).fetch('https://hub.example/openmrs/ws/fhir2/R4/metadata', { headers: { authorization: 'Basic x' } });
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual([{ headers: { authorization: 'Basic x' }, credentials: 'omit' }]);
  });
});
