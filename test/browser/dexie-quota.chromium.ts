// The Dexie store running out of space in Chromium: a real QuotaExceededError, forced through the DevTools protocol.
//
// Chromium applies a quota override only to an origin whose IndexedDB has not been used yet in
// the browser context, so this file runs as its own vitest browser instance (its own context).
import { describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { auditRow, change, expectSyncError, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';
import { freshChromiumStore } from './_fresh-chromium-store.ts';

/** Chromium's quota for this origin; no size lifts the override. */
async function overrideQuota(quotaSize?: number): Promise<void> {
  const origin = location.origin;
  await cdp().send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin } : { origin, quotaSize });
}

/** Random printable text: Chromium compresses values, so a repeated character would hardly count. */
function randomText(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => String.fromCharCode(33 + (b % 94))).join('');
}

describe('openDexieStore() in Chromium, out of space', () => {
  it('maps a real QuotaExceededError to STORE_QUOTA and writes nothing of the batch', async () => {
    await overrideQuota(256 * 1024);
    const store = await freshChromiumStore();
    try {
      await store.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], settings: { s1: 1 } });
      const before = await snapshot(store);
      // About 3 MB, far above the quota.
      const big = Array.from({ length: 300 }, (_, i) => obj('patient', i + 2, { body: { uuid: uuid(i + 2), text: randomText(10_000) } }));
      const plan = { objects: big, changes: big.map((o, i) => change(`big${i}`, 'patient', i + 2)), audit: [auditRow(1)], settings: { s1: 2 } };
      await expectSyncError(store.applyBatch(plan), 'STORE_QUOTA');
      expect(await snapshot(store)).toEqual(before);
    } finally {
      await overrideQuota();
      await store.close();
    }
  });
});
