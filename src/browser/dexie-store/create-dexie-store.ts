/** Assembles the Dexie store over a declared database: opening, version changes, reads, applyBatch, errors. */

import { SyncError } from '../../core/errors/sync-error.ts';
import { silentLogger, type Logger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { applyDexieBatch } from './apply-dexie-batch.ts';
import { dexieLogReads } from './dexie-log-reads.ts';
import { dexieObjectReads } from './dexie-object-reads.ts';
import type { SyncDexie } from './dexie-schema.ts';
import { dexieStateReads } from './dexie-state-reads.ts';
import { toDexieStoreError } from './to-dexie-store-error.ts';

export interface CreateDexieStoreOptions {
  log?: Logger;
  /** Called once when another tab or worker opens a newer schema and this store closes for it. */
  onVersionChange?: () => void;
}

/**
 * Opens `db` (its schema already declared) and returns the store port over it. When another
 * connection asks for a newer version (or a deletion), the store closes at once so that one can
 * proceed, calls `onVersionChange`, and every later call rejects with `STORE_UNAVAILABLE`, as
 * after `close()`. An open that fails (e.g. a newer schema already on disk) is `STORE_UNAVAILABLE`.
 */
export async function createDexieStore(db: SyncDexie, options: CreateDexieStoreOptions = {}): Promise<SyncStore> {
  const log = options.log ?? silentLogger;
  let closedBy: 'close' | 'versionchange' | undefined;
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    closedBy = 'versionchange';
    db.close();
    log.warn('dexie store: closed for a newer version of the database', { name: db.name, newVersion: event.newVersion });
    try {
      options.onVersionChange?.();
    } catch (error) {
      log.error('dexie store: onVersionChange failed', { error: String(error) });
    }
    // Stops Dexie's default handler: it closes too, but leaves auto-open on, so the next call
    // would silently reopen the database this code no longer understands.
    return false;
  });
  db.on('blocked', () => {
    log.warn('dexie store: opening waits for other tabs to close the database', { name: db.name });
    return false;
  });
  await openCurrent(db);
  const assertOpen = (): void => {
    if (!closedBy) return;
    throw new SyncError('STORE_UNAVAILABLE', { message: closedMessage[closedBy], details: { name: db.name, closedBy } });
  };
  const port: Omit<SyncStore, 'close'> = {
    ...dexieObjectReads(db),
    ...dexieLogReads(db),
    ...dexieStateReads(db),
    applyBatch: (plan) => applyDexieBatch(db, plan),
  };
  return {
    ...guard(port, assertOpen, log),
    async close() {
      closedBy ??= 'close';
      db.close();
    },
  };
}

const closedMessage = {
  close: 'The browser store is closed',
  versionchange: 'The browser store was closed for a newer version of the app; reload the page',
} as const;

/**
 * Opens `db`, refusing a database that a newer version of the app has upgraded: Dexie would
 * open it anyway, but this code does not know that schema's rows.
 */
async function openCurrent(db: SyncDexie): Promise<void> {
  const declared = db.verno;
  try {
    await db.open();
  } catch (cause) {
    db.close();
    throw toUnavailable(cause, db.name);
  }
  // Dexie stores version n as 10n, and may patch a schema by adding 1: compare whole versions.
  const onDisk = Math.floor(db.backendDB().version / 10);
  if (onDisk > declared) {
    db.close();
    throw new SyncError('STORE_UNAVAILABLE', {
      message: 'The browser store was upgraded by a newer version of the app; reload the page',
      details: { name: db.name, version: onDisk, supported: declared },
    });
  }
}

function toUnavailable(cause: unknown, name: string): SyncError {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const message = `The browser store could not be opened: ${reason}`;
  return new SyncError('STORE_UNAVAILABLE', { message, details: { name, reason }, cause });
}

/** Wraps every method: rejects once closed, and maps IndexedDB failures to SyncErrors. */
function guard<T extends object>(port: T, assertOpen: () => void, log: Logger): T {
  const wrapped: Record<string, unknown> = {};
  for (const [key, method] of Object.entries(port) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[key] = async (...args: unknown[]) => {
      assertOpen();
      try {
        return await method(...args);
      } catch (error) {
        const mapped = toDexieStoreError(error);
        if (mapped instanceof SyncError && mapped.code === 'STORE_QUOTA') {
          log.error('dexie store: out of space, batch not written', mapped.details);
        }
        throw mapped;
      }
    };
  }
  return wrapped as T;
}
