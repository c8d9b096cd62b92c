/** Parses a sync2.json (already JSON-decoded) into a SyncConfig, or every problem it has, each with its path. */

import { type CategoryInfo, defaultCategories } from '../categories/category-table.ts';
import { ConfigReader, isObj } from './_config-reader.ts';
import { parseDirection } from './_parse-direction.ts';
import { parseExtension } from './_parse-extension.ts';
import { parseGeneral } from './_parse-general.ts';
import type { ConfigError, SyncConfig } from './sync-config.ts';

/** The result of {@linkcode parseSyncConfig}. */
export type ParseSyncConfigResult = { ok: true; config: SyncConfig } | { ok: false; errors: ConfigError[] };

/**
 * Reads sync2.json as openmrs-module-sync2 writes it, plus the `ts` extension (see
 * {@linkcode SyncConfig}), filling in defaults. Keys sync2 may carry that this parser does not use
 * are ignored; unknown keys under `ts` are errors. All problems are reported at once, one per bad
 * field, with its path (`pull.classes[2].enabled`). `parentFeedLocation` is required when pull or
 * push is enabled. `categories` (the category table) gives the default classes.
 *
 * @example Load a file and report its errors
 * ```ts
 * const result = parseSyncConfig(JSON.parse(text));
 * if (!result.ok) for (const e of result.errors) console.error(`${e.path}: ${e.message}`);
 * ```
 */
export function parseSyncConfig(
  json: unknown,
  options: { categories?: readonly CategoryInfo[] } = {},
): ParseSyncConfigResult {
  const reader = new ConfigReader();
  if (!isObj(json)) {
    reader.fail('', 'must be a JSON object with general, pull and push sections');
    return { ok: false, errors: reader.errors };
  }
  const categories = options.categories ?? defaultCategories;
  const config: SyncConfig = {
    general: parseGeneral(json, reader),
    pull: parseDirection(json, 'pull', { reader, categories }),
    push: parseDirection(json, 'push', { reader, categories }),
    whitelist: parseWhitelist(json, reader),
    ts: parseExtension(json, reader),
  };
  const needsParent = config.pull.enabled || config.push.enabled;
  const parentGiven = isObj(json['general']) && json['general']['parentFeedLocation'] !== undefined;
  if (needsParent && config.general.parentFeedLocation === undefined && !reader.errors.some((e) => e.path === 'general.parentFeedLocation')) {
    const problem = parentGiven ? 'must not be empty' : 'is required';
    reader.fail('general.parentFeedLocation', `${problem} while pull or push is enabled`);
  }
  return reader.errors.length > 0 ? { ok: false, errors: reader.errors } : { ok: true, config };
}

function parseWhitelist(root: Record<string, unknown>, reader: ConfigReader): SyncConfig['whitelist'] {
  const whitelist = reader.object(root['whitelist'], 'whitelist');
  return {
    enabled: reader.boolean(whitelist, 'enabled', { path: 'whitelist', fallback: false }),
    instanceIds: reader.strings(whitelist, 'instanceIds', { path: 'whitelist' }),
  };
}
