import { afterEach, describe, expect, it } from 'vitest';
import type { SyncApiService } from '../../src/browser/create-sync-api.ts';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { ConflictRecord, JsonObject, StoredObject } from '../../src/core/store/store-port.ts';
import { conflict, failedEvent, obj, uuid } from '../core/store/_contract-fixtures.ts';
import { tablet, type Tablet } from './_browser-api-kit.ts';

let api: SyncApiService | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

async function offlineTablet(): Promise<{ t: Tablet; api: SyncApiService }> {
  const t = tablet(async () => { throw new TypeError('offline'); });
  api = await t.open();
  return { t, api };
}

describe('SyncApi failed events', () => {
  it('retryFailedEvent() brings a dead letter back, due now, with a retry audit row', async () => {
    const { t, api } = await offlineTablet();
    await t.store().applyBatch({ failedEvents: { put: [failedEvent('pull:patient:e1', { dead: true, nextRetryAt: undefined, attempts: 8 })] } });
    expect(await api.status()).toMatchObject({ failedEvents: 0, deadLetters: 1 });
    const before = Date.now();
    expect(await api.retryFailedEvent('pull:patient:e1')).toEqual({ ok: true, value: undefined });
    const event = await t.store().getFailedEvent('pull:patient:e1');
    expect(event).toMatchObject({ dead: false, attempts: 8 });
    expect(event!.nextRetryAt!).toBeGreaterThanOrEqual(before);
    expect(await api.status()).toMatchObject({ failedEvents: 1, deadLetters: 0 });
    expect((await api.audit({ operation: 'retry' }))[0]).toMatchObject({ uuid: uuid(1), details: { failedEventId: 'pull:patient:e1', wasDead: true } });
    expect(await api.retryFailedEvent('nope')).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });

  it('status() counts failed events per direction, retrying and dead, beside the totals', async () => {
    const { t, api } = await offlineTablet();
    await t.store().applyBatch({
      failedEvents: {
        put: [
          failedEvent('pull:patient:e1'), failedEvent('pull:patient:e2', { dead: true, nextRetryAt: undefined }),
          failedEvent('push:patient:1', { direction: 'push' }), failedEvent('push:patient:2', { direction: 'push' }),
          failedEvent('push:patient:3', { direction: 'push', dead: true, nextRetryAt: undefined }),
        ],
      },
    });
    expect(await api.status()).toMatchObject({
      failedEvents: 3, deadLetters: 2, failedByDirection: { pull: { retrying: 1, dead: 1 }, push: { retrying: 2, dead: 1 } },
    });
  });

  it('exportFailedEvent() returns the event and its object as JSON and changes nothing', async () => {
    const { t, api } = await offlineTablet();
    const object = obj('patient', 1);
    const event = failedEvent('push:patient:1', { direction: 'push' });
    await t.store().applyBatch({ objects: [object], failedEvents: { put: [event] } });
    const seqBefore = (await t.store().lastAudit())?.seq;
    const exported = await api.exportFailedEvent('push:patient:1');
    if (!exported.ok) throw new Error(exported.error.message);
    const parsed = JSON.parse(exported.value) as { exportedAt: string; instanceId: string; failedEvent: unknown; object: StoredObject };
    expect(parsed.failedEvent).toEqual(JSON.parse(JSON.stringify(event)));
    expect(parsed.object.body).toEqual(object.body);
    expect(Number.isNaN(Date.parse(parsed.exportedAt))).toBe(false);
    expect(await t.store().getFailedEvent('push:patient:1')).toEqual(event);
    expect((await t.store().lastAudit())?.seq).toBe(seqBefore);
    expect(await api.exportFailedEvent('nope')).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });

  it('exportFailedEvent() of an event whose object is not stored exports the object as null', async () => {
    const { t, api } = await offlineTablet();
    await t.store().applyBatch({ failedEvents: { put: [failedEvent('pull:patient:e1')] } });
    const exported = await api.exportFailedEvent('pull:patient:e1');
    expect(exported.ok && (JSON.parse(exported.value) as { object: unknown }).object).toBeNull();
  });

  it('exportAndDropFailedEvent() returns the event and its object as JSON, then drops only the event', async () => {
    const { t, api } = await offlineTablet();
    const object = obj('patient', 1);
    await t.store().applyBatch({ objects: [object], failedEvents: { put: [failedEvent('push:patient:1', { direction: 'push' })] } });
    const exported = await api.exportAndDropFailedEvent('push:patient:1');
    if (!exported.ok) throw new Error(exported.error.message);
    const parsed = JSON.parse(exported.value) as { failedEvent: { id: string }; object: StoredObject };
    expect(parsed.failedEvent.id).toBe('push:patient:1');
    expect(parsed.object.body).toEqual(object.body);
    expect(await api.failedEvents()).toEqual([]);
    expect(await t.store().getObject('patient', uuid(1))).toEqual(object);
    expect((await api.audit({ operation: 'drop' }))[0]).toMatchObject({ outcome: 'ok', details: { exported: true } });
    expect(await api.exportAndDropFailedEvent('push:patient:1')).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });
});

describe('SyncApi conflicts', () => {
  const base: JsonObject = { resourceType: 'Patient', id: uuid(1), gender: 'female', birthDate: '1990-01-01' };
  const local: JsonObject = { ...base, gender: 'male', birthDate: '1991-01-01' };
  const parent: JsonObject = { ...base, gender: 'other', birthDate: '1992-01-01' };

  async function withConflict(): Promise<{ t: Tablet; api: SyncApiService; record: ConflictRecord }> {
    const { t, api } = await offlineTablet();
    const stored: StoredObject = {
      category: 'patient', uuid: uuid(1), representation: 'fhir', body: local, hash: canonicalHash(local), version: '2', removed: false,
      base: { body: base, hash: canonicalHash(base), version: '1' }, updatedAt: 1,
    };
    const record = conflict('patient/1', { base, local, parent, fields: ['gender', 'birthDate'] });
    await t.store().applyBatch({ objects: [stored], conflicts: { put: [record] } });
    return { t, api, record };
  }

  it('resolveConflict() with a side per field writes the chosen body as a local change, closes the record and audits it', async () => {
    const { t, api } = await withConflict();
    expect(await api.conflicts()).toMatchObject([{ id: 'patient/1' }]);
    expect((await api.status()).openConflicts).toBe(1);
    expect(await api.resolveConflict('patient/1', { fields: { gender: 'parent', birthDate: 'local' } })).toEqual({ ok: true, value: undefined });
    expect((await t.store().getObject('patient', uuid(1)))?.body).toMatchObject({ gender: 'other', birthDate: '1991-01-01' });
    expect(await api.conflicts()).toEqual([]);
    expect(await api.localChanges()).toMatchObject([{ uuid: uuid(1), origin: 'local' }]);
    expect((await api.audit({ operation: 'resolve' }))[0]).toMatchObject({ uuid: uuid(1), details: { resolution: 'merged' } });
    expect(await api.status()).toMatchObject({ openConflicts: 0, pendingPushes: 1 });
  });

  it('resolveConflict() refuses a choice missing a field, and one already resolved, writing nothing', async () => {
    const { t, api } = await withConflict();
    const missing = await api.resolveConflict('patient/1', { fields: { gender: 'local' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'CONFLICT_NOT_RESOLVED', details: { reason: 'fields-missing', fields: ['birthDate'] } } });
    expect(await t.store().lastSeq()).toBe(0);
    await api.resolveConflict('patient/1', { take: 'local' });
    const again = await api.resolveConflict('patient/1', { take: 'parent' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT_NOT_RESOLVED', details: { reason: 'resolved' } } });
    expect(await api.resolveConflict('other', { take: 'local' })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  });
});
