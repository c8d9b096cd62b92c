import { describe, expect, it } from 'vitest';
import { categoriesInOrder } from '../../../src/core/categories/category-table.ts';
import { parseSyncConfig } from '../../../src/core/config/parse-sync-config.ts';
import { preferredClients, resolveParentBase, resolveParentCredentials } from '../../../src/core/config/resolve-parent.ts';
import type { SyncConfig } from '../../../src/core/config/sync-config.ts';
import example from '../../../src/core/config/sync2.example.json' with { type: 'json' };

function parsed(json: unknown): SyncConfig {
  const result = parseSyncConfig(json);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.config;
}

function errorsOf(json: unknown): Record<string, string> {
  const result = parseSyncConfig(json);
  if (result.ok) throw new Error('expected errors');
  return Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

const minimal = { general: { parentFeedLocation: 'http://localhost:8080/openmrs/' } };

describe('parseSyncConfig() on valid files', () => {
  it('parseSyncConfig() reads the committed example', () => {
    const config = parsed(example);
    expect(config.general).toMatchObject({ parentFeedLocation: 'http://localhost:8080/openmrs', localInstanceId: 'clinic-kibera-01' });
    expect(config.general.clients['rest']).toEqual({ login: 'admin', password: 'change-me' });
    expect(config.pull).toMatchObject({ enabled: true, schedule: 3600 });
    expect(config.pull.classes.map((c) => c.category)).toEqual([
      'location', 'patient', 'person_name', 'patient_identifier', 'person_address', 'person_attribute', 'visit', 'encounter', 'observation',
    ]);
    expect(config.pull.classes[5]).toMatchObject({ category: 'person_attribute', enabled: false });
    expect(config.ts).toEqual({
      catchment: { 'atomfeed.locationFeedFilterStrategy': 'Kenya%Nairobi%*%*%*' }, batchSize: 100, concurrency: 6, prefetchPages: 'auto',
      conflictPolicy: 'manual', failedEvents: { maxAttempts: 8, baseDelaySeconds: 30 }, timeoutSeconds: 30,
    });
    expect(preferredClients(config, 'pull')).toEqual({ patient: 'fhir', person_name: 'rest', patient_identifier: 'rest', person_address: 'rest' });
  });

  it('parseSyncConfig() fills in defaults: classes from the category table in order, enabled, sync2 schedule', () => {
    const config = parsed(minimal);
    const table = categoriesInOrder().map((c) => ({ category: c.name, enabled: true }));
    expect(config.pull).toEqual({ enabled: true, schedule: 43_200, classes: table });
    expect(config.push).toEqual({ enabled: true, schedule: 43_200, classes: table });
    expect(config.general).toEqual({ parentFeedLocation: 'http://localhost:8080/openmrs/', persistSuccessAudit: true, persistFailureAudit: true, clients: {} });
    expect(config.whitelist).toEqual({ enabled: false, instanceIds: [] });
    expect(config.ts).toMatchObject({ catchment: {}, batchSize: 100, conflictPolicy: 'manual' });
  });

  it("parseSyncConfig() reads sync2's own default file: unknown keys tolerated, null instance id, clients at the top level", () => {
    const sync2 = {
      general: { parentFeedLocation: 'http://localhost:8081/openmrs', localFeedLocation: 'http://localhost:8080/openmrs', localInstanceId: null, persistSuccessAudit: true, filterBeans: ['x'] },
      clients: { rest: { hostAddress: '', login: 'admin', password: 'Admin123' } },
      push: { enabled: false, schedule: 43200, classes: [{ classTitle: 'Allergy', category: 'allergy', openMrsClass: 'org.openmrs.Allergy', enabled: true }] },
      pull: { enabled: false, schedule: 12, classes: [{ classTitle: 'Location', category: 'location', openMrsClass: 'org.openmrs.Location', enabled: true }] },
      whitelist: { enabled: true, instanceIds: ['childInstanceId'] },
      somethingNew: { any: 1 },
    };
    const config = parsed(sync2);
    expect(config.general.localInstanceId).toBeUndefined();
    expect(config.general.clients).toEqual({ rest: { login: 'admin', password: 'Admin123' } });
    expect(config.push.classes).toEqual([{ category: 'allergy', enabled: true, classTitle: 'Allergy', openMrsClass: 'org.openmrs.Allergy' }]);
    expect(config.whitelist).toEqual({ enabled: true, instanceIds: ['childInstanceId'] });
  });

  it('parseSyncConfig() needs no parent when pull and push are both off, and keeps passwords as written', () => {
    const config = parsed({ pull: { enabled: false }, push: { enabled: false }, general: { clients: { rest: { login: 'a', password: ' p ' } } } });
    expect(config.general.parentFeedLocation).toBeUndefined();
    expect(config.general.clients['rest']?.password).toBe(' p ');
  });
});

describe('parseSyncConfig() on invalid files', () => {
  it('parseSyncConfig() refuses a file that is not an object', () => {
    for (const json of [null, [], 'sync2', 3]) expect(errorsOf(json)).toEqual({ $: expect.stringContaining('JSON object') });
  });

  it('parseSyncConfig() reports every bad field at once, each with its path', () => {
    const bad = {
      general: {
        parentFeedLocation: 'ftp://parent/openmrs', localInstanceId: 'has spaces', persistSuccessAudit: 'yes',
        clients: { rest: { login: 'admin' }, fhir: { password: 'x' }, '9bad': {}, other: 'text' },
      },
      pull: {
        enabled: 'true', schedule: -5,
        classes: [{ category: 'patient' }, { category: 'patient' }, { enabled: true }, 'location', { category: 'obs', preferredClient: 'two words' }],
      },
      push: { classes: 'all' },
      whitelist: { instanceIds: ['a', 7] },
      ts: {
        catchment: { locationFilter: 'a%b%c%d%e%f', other: '' }, batchSize: 0, concurrency: 2.5, prefetchPages: 99,
        conflictPolicy: 'newest-wins', failedEvents: { maxAttempts: 0, baseDelay: 3 }, timeoutSecs: 30,
      },
    };
    expect(errorsOf(bad)).toEqual({
      'general.parentFeedLocation': 'must use http or https',
      'general.localInstanceId': expect.stringContaining('must be'),
      'general.persistSuccessAudit': 'must be true or false',
      'general.clients.rest.password': 'is required with a login',
      'general.clients.fhir.login': 'is required with a password',
      'general.clients.9bad': expect.stringContaining('not a valid client name'),
      'general.clients.other': 'must be an object',
      'pull.enabled': 'must be true or false',
      'pull.schedule': expect.stringContaining('whole number'),
      'pull.classes[1].category': expect.stringContaining('repeats pull.classes[0]'),
      'pull.classes[2].category': 'is required',
      'pull.classes[3]': expect.stringContaining('must be an object'),
      'pull.classes[4].preferredClient': expect.stringContaining('client name'),
      'push.classes': 'must be a list of classes',
      'whitelist.instanceIds[1]': 'must be a non-empty string',
      'ts.catchment.locationFilter': expect.stringContaining('five'),
      'ts.catchment.other': expect.stringContaining('pattern'),
      'ts.batchSize': 'must be a whole number from 1 to 1000',
      'ts.concurrency': 'must be a whole number from 1 to 64',
      'ts.prefetchPages': 'must be "auto" or a whole number from 0 to 20',
      'ts.conflictPolicy': 'must be one of manual, parent-wins, child-wins, last-write-wins',
      'ts.failedEvents.maxAttempts': expect.stringContaining('whole number'),
      'ts.failedEvents.baseDelay': expect.stringContaining('not a known setting'),
      'ts.timeoutSecs': expect.stringContaining('not a known setting'),
    });
  });

  it('parseSyncConfig() requires a parent while pull or push is enabled, and refuses credentials in its URL', () => {
    expect(errorsOf({})).toEqual({ 'general.parentFeedLocation': 'is required while pull or push is enabled' });
    expect(errorsOf({ general: { parentFeedLocation: '' } })).toEqual({ 'general.parentFeedLocation': 'must not be empty while pull or push is enabled' });
    expect(errorsOf({ general: { parentFeedLocation: 'http://admin:pw@parent/openmrs' } })['general.parentFeedLocation']).toContain('general.clients');
    expect(errorsOf({ general: { parentFeedLocation: 'not a url' } })['general.parentFeedLocation']).toContain('absolute http(s) URL');
  });

  it('parseSyncConfig() refuses clients given both at the top level and under general', () => {
    expect(errorsOf({ ...minimal, general: { ...minimal.general, clients: {} }, clients: {} })).toEqual({ clients: expect.stringContaining('keep one') });
  });
});

describe('resolveParentBase() and resolveParentCredentials()', () => {
  it('resolveParentBase() drops trailing slashes and any protocol path after the base', () => {
    const base = (parentFeedLocation: string) => resolveParentBase({ general: { parentFeedLocation, persistFailureAudit: true, persistSuccessAudit: true, clients: {} } });
    expect(base('http://localhost:8080/openmrs')).toBe('http://localhost:8080/openmrs');
    expect(base('http://localhost:8080/openmrs///')).toBe('http://localhost:8080/openmrs');
    expect(base('HTTP://Hub.Example:80/openmrs/ws/atomfeed/patient/recent')).toBe('http://hub.example/openmrs');
    expect(base('https://hub.example/')).toBe('https://hub.example');
    expect(resolveParentBase(parsed({ pull: { enabled: false }, push: { enabled: false } }))).toBeUndefined();
  });

  it('resolveParentCredentials() prefers the named client, then rest, then fhir, then any', () => {
    const config = parsed({ ...minimal, general: { ...minimal.general, clients: { hl7: { login: 'h', password: '1' }, fhir: { login: 'f', password: '2' } } } });
    expect(resolveParentCredentials(config)).toEqual({ username: 'f', password: '2' });
    expect(resolveParentCredentials(config, 'hl7')).toEqual({ username: 'h', password: '1' });
    expect(resolveParentCredentials(parsed(minimal))).toBeUndefined();
  });
});
