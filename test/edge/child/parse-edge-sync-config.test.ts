// An edge node's sync2.json: the core sections plus ts.children, with one error per bad field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChildUsers } from '../../../src/edge/child/child-users-config.ts';
import { parseEdgeSyncConfig } from '../../../src/edge/child/parse-edge-sync-config.ts';

const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../../src/core/config/sync2.example.json'), 'utf8')) as Record<string, unknown>;
const hash = `pbkdf2-sha256$1000$${btoa('0123456789abcdef')}$${btoa('x'.repeat(32))}`;

describe('parseEdgeSyncConfig()', () => {
  it('parseEdgeSyncConfig() reads the example file as a child of its parent', () => {
    const parsed = parseEdgeSyncConfig(example);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.parentBase).toBe('http://localhost:8080/openmrs');
    expect(parsed.config.children).toBeUndefined();
    expect(parsed.config.sync.pull.schedule).toBe(3600);
  });

  it('parseEdgeSyncConfig() takes ts.children out before the core parser, which refuses unknown ts keys', () => {
    const json = { ...example, ts: { ...(example['ts'] as object), children: [{ name: 'clinic-7', password: 'long-secret', instanceId: 'clinic-7' }] } };
    const parsed = parseEdgeSyncConfig(json);
    expect(parsed).toMatchObject({ ok: true, config: { children: [{ name: 'clinic-7', password: 'long-secret', instanceId: 'clinic-7', revoked: false }] } });
    expect((json.ts as Record<string, unknown>)['children']).toBeDefined();
  });

  it('parseEdgeSyncConfig() reads a file without a parent (pull and push off) as a root that may list children', () => {
    const parsed = parseEdgeSyncConfig({ pull: { enabled: false }, push: { enabled: false }, ts: { children: [{ name: 'hub', passwordHash: hash }] } });
    expect(parsed).toMatchObject({ ok: true, config: { children: [{ name: 'hub', passwordHash: hash, instanceId: 'hub' }] } });
    if (parsed.ok) expect(parsed.config.parentBase).toBeUndefined();
  });

  it('parseEdgeSyncConfig() reports every bad field at once, core and children together, each with its path', () => {
    const parsed = parseEdgeSyncConfig({
      general: { parentFeedLocation: 'ftp://hub/openmrs' },
      pull: { schedule: 0, classes: [{ category: 'patient', enabled: 'yes' }] },
      ts: { batchsize: 10, children: [{ name: 'admin', password: 'short' }] },
    }, { adminUser: 'admin' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path).sort()).toEqual([
      'general.parentFeedLocation', 'pull.classes[0].enabled', 'pull.schedule', 'ts.batchsize', 'ts.children[0].name', 'ts.children[0].password',
    ]);
    for (const error of parsed.errors) expect(error.message.length).toBeGreaterThan(5);
  });

  it('parseEdgeSyncConfig() accepts the hub configuration of the README as written', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Running a hub as a child'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const parsed = parseEdgeSyncConfig(JSON.parse(json), { adminUser: 'admin' });
    expect(parsed).toMatchObject({ ok: true, config: { parentBase: 'https://national.example.org/openmrs', children: [{ name: 'clinic-1' }, { name: 'clinic-2' }] } });
  });

  it('parseEdgeSyncConfig() requires a parent while pull or push is enabled', () => {
    const parsed = parseEdgeSyncConfig({});
    expect(parsed).toMatchObject({ ok: false, errors: [{ path: 'general.parentFeedLocation' }] });
  });
});

describe('parseChildUsers()', () => {
  it('parseChildUsers() gives nothing and no error when the list is absent', () => {
    expect(parseChildUsers(undefined)).toEqual({ errors: [] });
  });

  it.each([
    ['not a list', { name: 'x' }, 'ts.children'],
    ['not an object', ['clinic'], 'ts.children[0]'],
    ['no name', [{ password: 'long-secret' }], 'ts.children[0].name'],
    ['a name with a colon', [{ name: 'a:b', password: 'long-secret' }], 'ts.children[0].name'],
    ['no password', [{ name: 'a' }], 'ts.children[0].password'],
    ['both password and hash', [{ name: 'a', password: 'long-secret', passwordHash: hash }], 'ts.children[0].password'],
    ['a malformed hash', [{ name: 'a', passwordHash: 'md5$abc' }], 'ts.children[0].passwordHash'],
    ['a bad instance id', [{ name: 'a', password: 'long-secret', instanceId: 'has space' }], 'ts.children[0].instanceId'],
    ['revoked not a boolean', [{ name: 'a', password: 'long-secret', revoked: 'no' }], 'ts.children[0].revoked'],
    ['an unknown key', [{ name: 'a', password: 'long-secret', pasword: 'x' }], 'ts.children[0].pasword'],
    ['a name twice', [{ name: 'a', password: 'long-secret' }, { name: 'a', password: 'long-secret', instanceId: 'b' }], 'ts.children[1].name'],
    ['an instance id twice', [{ name: 'a', password: 'long-secret', instanceId: 'x' }, { name: 'b', password: 'long-secret', instanceId: 'x' }], 'ts.children[1].instanceId'],
  ])('parseChildUsers() reports %s at its path', (_, value, path) => {
    expect(parseChildUsers(value).errors.map((e) => e.path)).toEqual([path]);
  });
});
