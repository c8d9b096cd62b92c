/** Hash routes of the app: parsing `location.hash` into a screen and its parameter, and building links. */

/** A screen and its parameter. */
export type Route =
  | { screen: 'status' }
  | { screen: 'patients' }
  | { screen: 'patient-new' }
  | { screen: 'patient-edit'; uuid: string }
  | { screen: 'audit' }
  | { screen: 'audit-row'; seq: number }
  | { screen: 'failed' }
  | { screen: 'conflicts' }
  | { screen: 'conflict'; id: string }
  | { screen: 'settings' };

/**
 * The route of a hash such as `#/patients/new` or `#/patients/{uuid}/edit`; unknown hashes (and the empty one) are the status screen.
 *
 * @example
 * ```ts
 * parseRoute('#/conflicts/patient%2Fb79d'); // { screen: 'conflict', id: 'patient/b79d' }
 * ```
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
  const [first, second, third] = parts;
  switch (first) {
    case 'patients':
      if (second === 'new') return { screen: 'patient-new' };
      return second !== undefined && third === 'edit' ? { screen: 'patient-edit', uuid: safeDecode(second) } : { screen: 'patients' };
    case 'audit': {
      const seq = Number(second);
      return second !== undefined && Number.isInteger(seq) && seq > 0 ? { screen: 'audit-row', seq } : { screen: 'audit' };
    }
    case 'failed': return { screen: 'failed' };
    case 'conflicts': return second !== undefined ? { screen: 'conflict', id: safeDecode(second) } : { screen: 'conflicts' };
    case 'settings': return { screen: 'settings' };
    default: return { screen: 'status' };
  }
}

/** The hash of a route (ids are URI-encoded: conflict ids hold slashes). */
export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'patient-new': return '#/patients/new';
    case 'patient-edit': return `#/patients/${encodeURIComponent(route.uuid)}/edit`;
    case 'audit-row': return `#/audit/${route.seq}`;
    case 'conflict': return `#/conflicts/${encodeURIComponent(route.id)}`;
    default: return `#/${route.screen}`;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
