import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../../../src/core/config/parse-sync-config.ts';
import type { SyncConfig } from '../../../../src/core/config/sync-config.ts';
import { isSyncError } from '../../../../src/core/errors/sync-error.ts';
import { runnerConfigOf } from '../../../../src/core/sync/runner/runner-config-of.ts';

function parsed(json: unknown): SyncConfig {
  const result = parseSyncConfig(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('runnerConfigOf()', () => {
  it('runnerConfigOf() maps a sync2 file onto the runner configuration', () => {
    const config = runnerConfigOf(parsed({
      general: { parentFeedLocation: 'http://hub:8080/openmrs/', clients: { rest: { login: 'admin', password: 'Admin123' } } },
      pull: { enabled: true, schedule: 600, classes: [{ category: 'patient', enabled: true }, { category: 'visit', enabled: false }] },
      push: { enabled: true, schedule: 300, classes: [] },
      ts: { catchment: { bean: 'Kenya%*%*%*%*' }, prefetchPages: 3, failedEvents: { maxAttempts: 5, baseDelaySeconds: 10 }, timeoutSeconds: 20 },
    }));
    expect(config).toEqual({
      parentBase: 'http://hub:8080/openmrs', pull: { enabled: true }, push: { enabled: true }, scheduleSeconds: 300,
      classes: [{ category: 'patient', enabled: true }, { category: 'visit', enabled: false }],
      catchment: { bean: 'Kenya%*%*%*%*' }, prefetch: 3, failurePolicy: { maxAttempts: 5, baseDelayMs: 10_000 }, timeoutMs: 20_000,
      headers: { authorization: 'Basic YWRtaW46QWRtaW4xMjM=' },
    });
  });

  it('runnerConfigOf() takes the schedule of the enabled direction only, and sends no credentials when none are configured', () => {
    const config = runnerConfigOf(parsed({
      general: { parentFeedLocation: 'http://hub/openmrs' }, pull: { enabled: true, schedule: 900 }, push: { enabled: false, schedule: 60 },
    }));
    expect(config.scheduleSeconds).toBe(900);
    expect(config.headers).toBeUndefined();
  });

  it('runnerConfigOf() refuses a configuration without a parent (both directions off) with CONFIG_INVALID', () => {
    let thrown: unknown;
    try {
      runnerConfigOf(parsed({ general: {}, pull: { enabled: false }, push: { enabled: false } }));
    } catch (error) {
      thrown = error;
    }
    expect(isSyncError(thrown, 'CONFIG_INVALID')).toBe(true);
  });
});
