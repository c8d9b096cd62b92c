import { describe, expect, it } from 'vitest';
import { childStatusFields } from '../../../src/edge/child/child-status.ts';

const idle = { running: false, phase: 'idle' as const, consecutiveFailures: 1, scheduled: true };
const options = { parentBase: 'http://hub:8080/openmrs', scheduleSeconds: 3600 };

describe('childStatusFields()', () => {
  it('childStatusFields() gives the last success of a phase whose last outcome failed, as an ISO time', () => {
    const { sync } = childStatusFields({
      ...idle,
      lastPull: { status: 'failed', at: Date.UTC(2026, 10, 27, 10), lastSuccessAt: Date.UTC(2026, 10, 27, 8) },
      lastPush: { status: 'ok', at: Date.UTC(2026, 10, 27, 9) },
    }, options);
    expect(sync.lastPull).toEqual({ status: 'failed', at: '2026-11-27T10:00:00.000Z', lastSuccessAt: '2026-11-27T08:00:00.000Z' });
    expect(sync.lastPush).toEqual({ status: 'ok', at: '2026-11-27T09:00:00.000Z' });
  });

  it('childStatusFields() leaves absent fields absent', () => {
    expect(childStatusFields(idle, options)).toEqual({
      role: 'child', parent: options.parentBase,
      sync: { running: false, phase: 'idle', consecutiveFailures: 1, scheduled: true, scheduleSeconds: 3600 },
    });
  });
});
