/** The JSON form of a conflict record on the edge node's conflict endpoints: ISO times, links, bodies on request. */

import type { ConflictRecord, JsonObject } from '../../core/store/store-port.ts';
import { sync2ItemUrl } from './sync2-item-path.ts';

/** Where the conflict endpoints live. */
export const conflictsPath = '/openmrs/ws/rest/sync2/conflicts';

/** A conflict as the endpoints answer it. */
export interface ConflictJson {
  id: string;
  category: string;
  uuid: string;
  representation: ConflictRecord['representation'];
  reason: ConflictRecord['reason'];
  fields: string[];
  open: boolean;
  createdAt: string;
  resolvedAt?: string;
  resolution?: ConflictRecord['resolution'];
  /** Base, local and parent bodies (null: none, or removed on that side); only when asked for. */
  base?: JsonObject | null;
  local?: JsonObject | null;
  parent?: JsonObject | null;
  links: { self: string; resolve: string };
}

/**
 * `record` for a response; `bodies` adds the base, local and parent bodies (left out of lists,
 * where they would make a queue of large objects heavy).
 *
 * @example
 * ```ts
 * conflictJson(record, { bodies: true }).links.resolve; // '/openmrs/ws/rest/sync2/conflicts/patient%2F…/resolve'
 * ```
 */
export function conflictJson(record: ConflictRecord, options: { bodies: boolean }): ConflictJson {
  return {
    id: record.id, category: record.category, uuid: record.uuid, representation: record.representation, reason: record.reason,
    fields: [...record.fields], open: record.resolvedAt === undefined, createdAt: new Date(record.createdAt).toISOString(),
    ...(record.resolvedAt !== undefined ? { resolvedAt: new Date(record.resolvedAt).toISOString() } : {}),
    ...(record.resolution !== undefined ? { resolution: record.resolution } : {}),
    ...(options.bodies ? { base: record.base, local: record.local, parent: record.parent } : {}),
    links: { self: sync2ItemUrl(conflictsPath, record.id), resolve: sync2ItemUrl(conflictsPath, record.id, 'resolve') },
  };
}
