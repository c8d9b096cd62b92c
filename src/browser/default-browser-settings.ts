/** The settings a new tablet starts from: the parent is the hub that served the app. */

import type { BrowserSettings } from './sync-api.ts';

/** Categories a tablet syncs by default: clinics pulled only, clinical data both ways. */
const defaultSwitches: readonly [string, boolean, boolean][] = [
  ['location', true, false], ['patient', true, true], ['visit', true, true], ['encounter', true, true], ['observation', true, true],
];

/**
 * Defaults for the settings form: parent `{origin}/openmrs`, a 5-minute schedule, manual
 * conflicts, empty username and instance id (the clinic's IT person types them in).
 *
 * @example
 * ```ts
 * const form = (await api.settings()) ?? defaultBrowserSettings(location.origin);
 * ```
 */
export function defaultBrowserSettings(origin: string): BrowserSettings {
  return {
    parentBase: `${origin.replace(/\/+$/, '')}/openmrs`,
    username: '',
    instanceId: '',
    categories: defaultSwitches.map(([category, pull, push]) => ({ category, pull, push })),
    scheduleSeconds: 300,
    conflictPolicy: 'manual',
  };
}
