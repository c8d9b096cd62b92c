// Tests of the console logger: levels, line format and field rendering.
import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../../src/edge/node/create-console-logger.ts';
import { describeStartFailure } from '../../../src/edge/node/describe-start-failure.ts';
import { SyncError } from '../../../src/core/errors/sync-error.ts';

describe('createConsoleLogger()', () => {
  it('createConsoleLogger() writes timestamped lines at or above its level', () => {
    const lines: string[] = [];
    const log = createConsoleLogger({ level: 'info', now: () => Date.UTC(2026, 2, 2), write: (line) => lines.push(line) });
    log.debug('hidden');
    log.info('edge node listening', { url: 'http://127.0.0.1:8080', note: 'two words', n: 3 });
    log.error('failed');
    expect(lines).toEqual([
      '2026-03-02T00:00:00.000Z INFO  edge node listening url=http://127.0.0.1:8080 note="two words" n=3',
      '2026-03-02T00:00:00.000Z ERROR failed',
    ]);
  });
});

describe('describeStartFailure()', () => {
  it('describeStartFailure() keeps the stable code and the cause', () => {
    const error = new SyncError('STORE_UNAVAILABLE', { details: { dataDir: './data' }, cause: new Error('locked') });
    expect(describeStartFailure(error)).toEqual({ code: 'STORE_UNAVAILABLE', message: error.message, details: { dataDir: './data' }, cause: 'locked' });
    expect(describeStartFailure('boom')).toEqual({ message: 'boom' });
  });
});
