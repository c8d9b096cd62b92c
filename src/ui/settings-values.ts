/** The settings form's values: from BrowserSettings to what the form shows, and back with validation. */

import type { BrowserSettings, CategorySetting, ConflictPolicy } from '../browser/sync-api.ts';

/** What the form holds (schedule in minutes, the password beside the settings, never in them). */
export interface SettingsFormValues {
  parentBase: string;
  username: string;
  password: string;
  instanceId: string;
  scheduleMinutes: string;
  conflictPolicy: string;
  categories: CategorySetting[];
}

/** Conflict policies with the words that explain them. */
export const conflictPolicies: { value: ConflictPolicy; label: string; explanation: string }[] = [
  { value: 'manual', label: 'Ask a person (recommended)', explanation: 'When a record changed both here and on the parent, both versions are kept and a person chooses under Conflicts. Nothing is overwritten.' },
  { value: 'parent-wins', label: 'The parent wins', explanation: "The parent's version replaces the change made on this tablet." },
  { value: 'child-wins', label: 'This tablet wins', explanation: "This tablet's version is sent and replaces the parent's." },
  { value: 'last-write-wins', label: 'The latest change wins', explanation: "The change made last wins, judged by the parent's clock (never the tablet's)." },
];

/** The check's outcome: settings and password, or a message per field. */
export type SettingsCheck =
  | { ok: true; settings: BrowserSettings; password: string }
  | { ok: false; errors: Partial<Record<keyof SettingsFormValues, string>> };

/**
 * Checks the form: an http(s) parent URL, username, password, an instance id of letters, digits,
 * `.`, `_` or `-`, a whole number of minutes from 1 to 1440, a known policy.
 *
 * @example
 * ```ts
 * const checked = checkSettingsForm(values);
 * if (checked.ok) await api.configure(checked.settings, checked.password);
 * ```
 */
export function checkSettingsForm(values: SettingsFormValues): SettingsCheck {
  const errors: Partial<Record<keyof SettingsFormValues, string>> = {};
  const parentBase = values.parentBase.trim().replace(/\/+$/, '');
  if (!isHttpUrl(parentBase)) errors.parentBase = 'Enter the parent address, starting with https:// (or http://), e.g. https://hub.example.org/openmrs';
  if (values.username.trim() === '') errors.username = 'Enter the username this tablet signs in with';
  if (values.password === '') errors.password = 'Enter the password';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(values.instanceId.trim())) errors.instanceId = 'Use 1 to 64 letters, digits, dots, dashes or underscores';
  const minutes = Number(values.scheduleMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errors.scheduleMinutes = 'Enter a whole number of minutes from 1 to 1440';
  const policy = conflictPolicies.find((p) => p.value === values.conflictPolicy);
  if (!policy) errors.conflictPolicy = 'Choose a conflict policy';
  if (Object.keys(errors).length > 0 || !policy) return { ok: false, errors };
  return {
    ok: true,
    password: values.password,
    settings: {
      parentBase, username: values.username.trim(), instanceId: values.instanceId.trim(),
      categories: values.categories.map((c) => ({ ...c })), scheduleSeconds: minutes * 60, conflictPolicy: policy.value,
    },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
