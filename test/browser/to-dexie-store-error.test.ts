import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../src/core/errors/sync-error.ts';
import { isConstraintError, toDexieStoreError } from '../../src/browser/dexie-store/to-dexie-store-error.ts';

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const codeOf = (error: unknown): unknown => (error instanceof SyncError ? error.code : error);

describe('toDexieStoreError()', () => {
  it.each([
    { name: 'the DOM error', error: quota() },
    { name: "Dexie's wrapper", error: new Dexie.QuotaExceededError(quota()) },
    { name: 'an abort at commit', error: new Dexie.AbortError(quota()) },
    { name: 'a bulk failure', error: new Dexie.BulkError('bulkPut failed', { 3: new Dexie.QuotaExceededError(quota()) }) },
    { name: 'a cause', error: new Error('wrapped', { cause: quota() }) },
    { name: "Firefox's legacy name", error: new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED') },
  ])('maps a quota failure ($name) to STORE_QUOTA', ({ error }) => {
    const mapped = toDexieStoreError(error);
    expect(codeOf(mapped)).toBe('STORE_QUOTA');
    expect((mapped as SyncError).cause).toBe(error);
  });

  it('maps a closed or outdated connection to STORE_UNAVAILABLE', () => {
    expect(codeOf(toDexieStoreError(new Dexie.DatabaseClosedError()))).toBe('STORE_UNAVAILABLE');
    expect(codeOf(toDexieStoreError(new Dexie.OpenFailedError(new DOMException('newer', 'VersionError'))))).toBe('STORE_UNAVAILABLE');
  });

  it('maps a value IndexedDB cannot clone to STORE_BATCH_INVALID', () => {
    expect(codeOf(toDexieStoreError(new Dexie.DataCloneError(new DOMException('fn', 'DataCloneError'))))).toBe('STORE_BATCH_INVALID');
  });

  it('passes SyncErrors and unknown failures through unchanged', () => {
    const sync = new SyncError('STORE_BATCH_INVALID');
    const bug = new TypeError('x is undefined');
    expect(toDexieStoreError(sync)).toBe(sync);
    expect(toDexieStoreError(bug)).toBe(bug);
    expect(toDexieStoreError(new Dexie.ConstraintError('duplicate key'))).toBeInstanceOf(Dexie.ConstraintError);
  });
});

describe('isConstraintError()', () => {
  const taken = (): DOMException => new DOMException('Key already exists in the object store.', 'ConstraintError');

  it.each([
    { name: 'the DOM error', error: taken() },
    { name: 'a bulk failure', error: new Dexie.BulkError('bulkAdd failed', { 0: taken() }) },
    { name: 'an abort', error: new Dexie.AbortError('aborted', taken()) },
  ])('finds a ConstraintError ($name)', ({ error }) => {
    expect(isConstraintError(error)).toBe(true);
  });

  it('finds none in other failures', () => {
    expect(isConstraintError(new Dexie.BulkError('bulkPut failed', { 1: quota() }))).toBe(false);
    expect(isConstraintError(new TypeError('x is undefined'))).toBe(false);
    expect(isConstraintError(undefined)).toBe(false);
  });
});
