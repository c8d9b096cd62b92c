import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../src/browser/browser-settings.ts';
import { defaultBrowserSettings } from '../../src/browser/default-browser-settings.ts';
import { runnerConfigOfSettings } from '../../src/browser/runner-config-of-settings.ts';
import type { BrowserSettings } from '../../src/browser/sync-api.ts';

const good: BrowserSettings = { ...defaultBrowserSettings('https://hub.example'), username: 'nurse1', instanceId: 'tablet-7' };

function fieldOf(value: unknown): unknown {
  const checked = validateSettings(value);
  return checked.ok ? 'ok' : checked.error.details?.['field'];
}

describe('validateSettings()', () => {
  it('validateSettings() accepts the defaults once a username and instance id are set, and trims the parent URL', () => {
    expect(fieldOf(defaultBrowserSettings('https://hub.example'))).toBe('username');
    const checked = validateSettings({ ...good, parentBase: ' https://hub.example/openmrs/ ' });
    expect(checked).toEqual({ ok: true, value: { ...good, parentBase: 'https://hub.example/openmrs' } });
  });

  it.each([
    ['parentBase', { parentBase: 'ftp://hub.example/openmrs' }],
    ['parentBase', { parentBase: 'https://nurse1:pw@hub.example/openmrs' }],
    ['parentBase', { parentBase: 'https://hub.example/openmrs?password=pw' }],
    ['username', { username: 'a:b' }],
    ['instanceId', { instanceId: 'tablet 7' }],
    ['categories', { categories: [{ category: 'patient', pull: true, push: true }, { category: 'patient', pull: true, push: false }] }],
    ['categories', { categories: [{ category: 'unicorn', pull: true, push: true }] }],
    ['scheduleSeconds', { scheduleSeconds: 1 }],
    ['conflictPolicy', { conflictPolicy: 'newest' }],
  ])('validateSettings() names %s as invalid for %j', (field, change) => {
    expect(fieldOf({ ...good, ...change })).toBe(field);
  });
});

describe('runnerConfigOfSettings()', () => {
  it('runnerConfigOfSettings() pulls the switched-on categories in sync order, with the login as a Basic header', () => {
    const config = runnerConfigOfSettings({
      ...good, categories: [{ category: 'observation', pull: true, push: false }, { category: 'location', pull: true, push: false }, { category: 'visit', pull: false, push: false }],
    }, 'pw');
    expect(config.classes).toEqual([{ category: 'location', enabled: true }, { category: 'visit', enabled: false }, { category: 'observation', enabled: true }]);
    expect(config).toMatchObject({ parentBase: 'https://hub.example/openmrs', pull: { enabled: true }, push: { enabled: false }, scheduleSeconds: 300 });
    expect(config.headers).toEqual({ authorization: `Basic ${btoa('nurse1:pw')}` });
  });
});
