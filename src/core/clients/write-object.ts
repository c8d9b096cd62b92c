/** Writes one object to the parent through the client its route names; every answer, and any non-fatal error, is a value. */

import { failureOf, isFatal } from './_outcomes.ts';
import type { WriteContext } from './_write-context.ts';
import type { ObjectWrite, WriteOutcome } from './resource-manager.ts';
import { writeFhirObject } from './write-fhir-object.ts';
import { writeRestObject } from './write-rest-object.ts';
import { writeRouteOf } from './write-route.ts';

/**
 * Routes `write` ({@linkcode writeRouteOf}) to FHIR or REST. A thrown transport or protocol error
 * becomes a `failed` outcome (the push records it and backs off); PARENT_UNAUTHORIZED and ABORTED
 * are thrown, since the run must stop.
 *
 * @example
 * ```ts
 * const outcome = await writeObjectTo({ op: 'update', category, uuid, representation: 'fhir', body, ifMatch }, context);
 * ```
 */
export async function writeObjectTo(write: ObjectWrite, context: WriteContext): Promise<WriteOutcome> {
  const route = writeRouteOf(write, write.representation, context.capabilities, { categories: context.categories, restStyle: context.restStyle });
  if (route.client === 'none') return { kind: 'failed', error: route.error };
  try {
    return route.client === 'fhir' ? await writeFhirObject(write, route, context) : await writeRestObject(write, route, context);
  } catch (error) {
    if (isFatal(error)) throw error;
    const failure = failureOf(error);
    const url = typeof failure.details?.['url'] === 'string' ? failure.details['url'] : undefined;
    return { kind: 'failed', error: failure, client: route.client, ...(url !== undefined ? { url } : {}) };
  }
}
