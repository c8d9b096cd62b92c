/** Reads a conflict resolution request body into the core's ResolutionChoice, refusing anything else. */

import type { JsonObject } from '../../core/store/store-port.ts';
import type { ResolutionChoice } from '../../core/sync/conflict/plan-resolution.ts';
import { type AppFailure, appFailure } from './app-errors.ts';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{ "take": "local" | "parent" }`, `{ "take": "merged", "body": {…} }` or
 * `{ "fields": { "name": "local" | "parent", … } }` as a choice; any other shape (both `take` and
 * `fields`, an unknown key, a body with another `take`, an empty `fields`) is RESOLUTION_INVALID.
 *
 * @example
 * ```ts
 * resolutionChoiceOf({ fields: { gender: 'local' } }); // { fields: { gender: 'local' } }
 * ```
 */
export function resolutionChoiceOf(body: JsonObject): ResolutionChoice | AppFailure {
  const keys = Object.keys(body).sort().join(',');
  const { take, fields } = body;
  if (keys === 'take' && (take === 'local' || take === 'parent')) return { take };
  if (keys === 'body,take' && take === 'merged' && isObject(body['body'])) return { take: 'merged', body: body['body'] };
  if (keys === 'fields' && isObject(fields) && Object.keys(fields).length > 0) {
    const entries = Object.entries(fields);
    const bad = entries.filter(([, side]) => side !== 'local' && side !== 'parent').map(([name]) => name);
    if (bad.length === 0) return { fields: Object.fromEntries(entries) as Record<string, 'local' | 'parent'> };
    return appFailure('RESOLUTION_INVALID', { message: 'Each field must take "local" or "parent"', details: { fields: bad } });
  }
  return appFailure('RESOLUTION_INVALID');
}
