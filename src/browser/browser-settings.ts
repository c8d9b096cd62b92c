/** The tablet's settings in the store: where they live, how they are read, and what a valid set is. */

import { defaultCategories, findCategory } from '../core/categories/category-table.ts';
import type { SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import type { BrowserSettings, CategorySetting, ConflictPolicy } from './sync-api.ts';

/** Settings key of the BrowserSettings (never the password). */
export const settingsKey = 'browser.settings';
/** Settings key of the sealed password (see credential-vault.ts). */
export const credentialsKey = 'browser.credentials';

const policies: readonly ConflictPolicy[] = ['manual', 'parent-wins', 'child-wins', 'last-write-wins'];

/** The stored settings, or undefined when none (or unreadable ones) are stored. */
export async function readSettings(store: SyncStore): Promise<BrowserSettings | undefined> {
  const checked = validateSettings(await store.getSetting(settingsKey));
  return checked.ok ? checked.value : undefined;
}

/**
 * Checks and normalises settings from a form: the parent base an http(s) URL without login,
 * query or fragment (trailing slashes dropped), a username without `:`, an instance id of
 * letters, digits, `.`, `_` or `-`, known categories each once, a schedule of 10 s to a day, a
 * known policy. A failure is CONFIG_INVALID naming the field.
 *
 * @example
 * ```ts
 * const checked = validateSettings(form);
 * if (!checked.ok) showFieldError(checked.error.details?.field);
 * ```
 */
export function validateSettings(value: unknown): { ok: true; value: BrowserSettings } | { ok: false; error: SerializedFailure } {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const parentBase = parentBaseOf(v['parentBase']);
  if (parentBase === undefined) return invalid('parentBase', 'The parent URL must be an http(s) address such as https://hub.example/openmrs, without a login in it');
  const username = v['username'];
  if (typeof username !== 'string' || username.trim() === '' || username.includes(':')) {
    return invalid('username', 'The username is required and cannot contain ":"');
  }
  const instanceId = v['instanceId'];
  if (typeof instanceId !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(instanceId)) {
    return invalid('instanceId', 'The instance id is required: letters, digits, ".", "_" or "-"');
  }
  const categories = categoriesOf(v['categories']);
  if (categories === undefined) return invalid('categories', 'Categories must be known categories, each once, with pull and push switches');
  const scheduleSeconds = v['scheduleSeconds'];
  if (typeof scheduleSeconds !== 'number' || !Number.isFinite(scheduleSeconds) || scheduleSeconds < 10 || scheduleSeconds > 86_400) {
    return invalid('scheduleSeconds', 'The schedule must be between 10 seconds and one day');
  }
  const conflictPolicy = v['conflictPolicy'];
  if (!policies.includes(conflictPolicy as ConflictPolicy)) return invalid('conflictPolicy', `The conflict policy must be one of ${policies.join(', ')}`);
  return {
    ok: true,
    value: { parentBase, username: username.trim(), instanceId, categories, scheduleSeconds, conflictPolicy: conflictPolicy as ConflictPolicy },
  };
}

function parentBaseOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function categoriesOf(value: unknown): CategorySetting[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const seen = new Set<string>();
  const out: CategorySetting[] = [];
  for (const item of value as unknown[]) {
    const c = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const category = c['category'];
    if (typeof category !== 'string' || !findCategory(category, defaultCategories) || seen.has(category)) return undefined;
    if (typeof c['pull'] !== 'boolean' || typeof c['push'] !== 'boolean') return undefined;
    seen.add(category);
    out.push({ category, pull: c['pull'], push: c['push'] });
  }
  return out;
}

function invalid(field: string, message: string): { ok: false; error: SerializedFailure } {
  return { ok: false, error: { code: 'CONFIG_INVALID', message, details: { field } } };
}
