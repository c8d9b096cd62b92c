/** Reads the id (and an optional action) out of a `/openmrs/ws/rest/sync2/{collection}/{id}[/{action}]` path. */

/** What a sync2 item path names. */
export interface Sync2ItemPath {
  id: string;
  action?: string;
}

/**
 * The item id after `collection` (a path like `/openmrs/ws/rest/sync2/conflicts`) and, when the
 * last segment is one of `actions`, that action. Ids hold slashes and colons (`patient/{uuid}`,
 * `push:push:patient/{uuid}`): they may come percent-encoded as one segment or as they are, so
 * the whole rest of the path is decoded. Undefined when there is no id or it does not decode.
 *
 * @example
 * ```ts
 * sync2ItemPath('/openmrs/ws/rest/sync2/conflicts/patient%2Fb79d/resolve', '/openmrs/ws/rest/sync2/conflicts', ['resolve']);
 * // { id: 'patient/b79d', action: 'resolve' }
 * ```
 */
export function sync2ItemPath(pathname: string, collection: string, actions: readonly string[] = []): Sync2ItemPath | undefined {
  if (!pathname.startsWith(`${collection}/`)) return undefined;
  let rest = pathname.slice(collection.length + 1);
  let action: string | undefined;
  const slash = rest.lastIndexOf('/');
  const last = slash >= 0 ? rest.slice(slash + 1) : undefined;
  if (last !== undefined && actions.includes(last)) {
    action = last;
    rest = rest.slice(0, slash);
  }
  let id: string;
  try {
    id = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (id === '') return undefined;
  return action === undefined ? { id } : { id, action };
}

/** The path of an item: the collection and the id encoded as one segment. */
export function sync2ItemUrl(collection: string, id: string, action?: string): string {
  return `${collection}/${encodeURIComponent(id)}${action === undefined ? '' : `/${action}`}`;
}
