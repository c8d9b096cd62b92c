import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { deferredSyncApi } from '../../src/browser/deferred-sync-api.ts';
import { registerSyncErrorTransfer } from '../../src/browser/sync-error-transfer.ts';
import type { BrowserStatus, SyncApi } from '../../src/browser/sync-api.ts';
import { SyncError } from '../../src/core/errors/sync-error.ts';
import { tablet } from './_browser-api-kit.ts';

registerSyncErrorTransfer(Comlink.transferHandlers);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** `api` exposed on one end of an in-process MessageChannel and wrapped on the other, as between page and worker. */
function overChannel<T extends object>(api: T): Comlink.Remote<T> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port1 as unknown as Comlink.Endpoint);
  const remote = Comlink.wrap<T>(port2 as unknown as Comlink.Endpoint);
  cleanups.push(() => { remote[Comlink.releaseProxy](); port1.close(); port2.close(); });
  return remote;
}

describe('registerSyncErrorTransfer()', () => {
  it('a SyncError thrown behind comlink arrives as a SyncError with its code, message and details', async () => {
    const remote = overChannel({
      fail: (): void => { throw new SyncError('PARENT_UNAUTHORIZED', { message: 'refused', details: { status: 401 } }); },
    });
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'PARENT_UNAUTHORIZED', message: 'refused', details: { status: 401 } });
  });

  it('other errors still cross as comlink sends them: name and message kept, no code', async () => {
    const remote = overChannel({ fail: (): void => { throw new RangeError('out of range'); } });
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });

  it('installing twice keeps one wrapper (the code still survives)', async () => {
    registerSyncErrorTransfer(Comlink.transferHandlers);
    const remote = overChannel({ fail: async (): Promise<void> => { throw new SyncError('STORE_QUOTA'); } });
    expect(await remote.fail().catch((e: unknown) => (e as SyncError).code)).toBe('STORE_QUOTA');
  });
});

describe('the SyncApi over comlink', () => {
  it('status() answers plain data, syncNow() before sign-in rejects with NOT_CONFIGURED, and subscribe() calls a proxied listener', async () => {
    const t = tablet(async () => new Response(null, { status: 500 }));
    const api = await t.open();
    cleanups.push(() => api.close());
    const remote = overChannel<SyncApi>(deferredSyncApi(Promise.resolve(api)));
    expect(await remote.status()).toMatchObject({ configured: false, pendingPushes: 0 });
    const error = await remote.syncNow().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('NOT_CONFIGURED');
    const seen = await new Promise<BrowserStatus>((resolve) => {
      void remote.subscribe(Comlink.proxy((status: BrowserStatus) => resolve(status)));
    });
    expect(seen.configured).toBe(false);
  });

  it('deferredSyncApi() holds calls until the API exists, then answers them in order', async () => {
    let release!: (api: SyncApi) => void;
    const deferred = deferredSyncApi(new Promise<SyncApi>((resolve) => { release = resolve; }));
    const calls: string[] = [];
    const first = deferred.settings().then(() => calls.push('settings'));
    const second = deferred.conflicts().then(() => calls.push('conflicts'));
    expect(calls).toEqual([]);
    release({ settings: async () => undefined, conflicts: async () => [] } as unknown as SyncApi);
    await Promise.all([first, second]);
    expect(calls).toEqual(['settings', 'conflicts']);
  });
});
