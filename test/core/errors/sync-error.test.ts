import { describe, expect, it } from 'vitest';
import { SyncError, isSyncError } from '../../../src/core/errors/sync-error.ts';

describe('SyncError', () => {
  it('keeps its code, details and cause', () => {
    const cause = new Error('boom');
    const err = new SyncError('FEED_MALFORMED', { details: { line: 3 }, cause });
    expect(err.code).toBe('FEED_MALFORMED');
    expect(err.details).toEqual({ line: 3 });
    expect(err.cause).toBe(cause);
    expect(err).toBeInstanceOf(Error);
  });

  it('survives a structured clone through toJSON and fromJSON', () => {
    const err = new SyncError('HTTP_ERROR', { message: 'HTTP 503 from parent', details: { status: 503 } });
    const copy = SyncError.fromJSON(structuredClone(err.toJSON()));
    expect(isSyncError(copy, 'HTTP_ERROR')).toBe(true);
    expect(copy.message).toBe('HTTP 503 from parent');
    expect(copy.details).toEqual({ status: 503 });
  });
});
