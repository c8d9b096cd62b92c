// The sync worker as the page starts it: a real module worker from Vite's transform, wrapped with comlink; and the Web Lock run lock.
import { afterAll, describe, expect, it } from 'vitest';
import { connectWorker, type SyncWorkerConnection } from '../../src/browser/connect-worker.ts';
import { keyStoreName, syncStoreName } from '../../src/browser/global-sync-ports.ts';
import { navigatorRunLock } from '../../src/browser/navigator-run-lock.ts';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import { SyncError } from '../../src/core/errors/sync-error.ts';
import { deleteDatabase } from './_fresh-chromium-store.ts';

let connection: SyncWorkerConnection | undefined;
afterAll(async () => {
  connection?.close();
  await deleteDatabase(syncStoreName);
  await deleteDatabase(keyStoreName);
});

describe('the sync worker in Chromium', () => {
  it('status() answers through comlink from the module worker, with storage figures', async () => {
    connection = connectWorker();
    const status = await connection.api.status();
    expect(status).toMatchObject({ configured: false, pendingPushes: 0, objects: {} });
    expect(status.storeError).toBeUndefined();
    expect(status.storage?.quotaBytes).toBeGreaterThan(0);
  });

  it('a SyncError thrown in the worker arrives with its code', async () => {
    connection ??= connectWorker();
    const error = await connection.api.syncNow().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('NOT_CONFIGURED');
  });

  it('subscribe() delivers statuses to the page, and a local write in the worker is counted as pending', async () => {
    connection ??= connectWorker();
    const seen: BrowserStatus[] = [];
    const unsubscribe = await connection.subscribe((status) => { seen.push(status); });
    const registered = await connection.api.registerPatient({ givenName: 'Amina', familyName: 'Otieno', gender: 'female', birthDate: '1990-04-02' });
    expect(registered.ok).toBe(true);
    await expect.poll(() => seen.at(-1)?.pendingPushes).toBe(1);
    await unsubscribe();
  });
});

describe('navigatorRunLock()', () => {
  it('lets one run hold the origin lock; another asking meanwhile is told at once that it is busy', async () => {
    const first = navigatorRunLock(navigator.locks);
    const second = navigatorRunLock(navigator.locks);
    let release!: () => void;
    const holding = first('sync', () => new Promise<string>((resolve) => { release = () => resolve('first done'); }));
    await expect.poll(async () => (await navigator.locks.query()).held?.some((l) => l.name === 'openmrs-sync-run')).toBe(true);
    expect(await second('sync', async () => 'second ran')).toEqual({ acquired: false });
    release();
    expect(await holding).toEqual({ acquired: true, value: 'first done' });
    expect(await second('sync', async () => 'second ran')).toEqual({ acquired: true, value: 'second ran' });
  });
});
