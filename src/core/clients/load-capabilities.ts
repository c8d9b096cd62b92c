/** The capability handshake: GET the parent's FHIR `metadata` and read what it offers; no FHIR means REST only. */

import { isSyncError } from '../errors/sync-error.ts';
import type { Logger } from '../ports/ports.ts';
import { isFatal } from './_outcomes.ts';
import { parseCapabilities, restOnlyCapabilities } from './parse-capabilities.ts';
import type { ParentCapabilities } from './resource-manager.ts';
import type { SyncFhirClient } from './sync-fhir-client.ts';

/** The capabilities, and whether they are worth keeping (false after a transient failure). */
export interface LoadedCapabilities {
  capabilities: ParentCapabilities;
  definitive: boolean;
}

/**
 * Reads `{fhirBase}/metadata`. A 200 is parsed ({@linkcode parseCapabilities}); a 404 or any other
 * answer, a body that is not JSON, or a transport failure after retries mean REST only. Only a
 * 404-like answer is definitive: a 5xx, a malformed body (a truncated answer on a weak link) or a
 * transport failure is asked again on the next call, so one bad answer never makes a child REST-only
 * for good. Throws PARENT_UNAUTHORIZED (401/403)
 * and ABORTED.
 *
 * @example
 * ```ts
 * const { capabilities } = await loadCapabilities(fhirClient, { log });
 * ```
 */
export async function loadCapabilities(
  fhir: SyncFhirClient,
  options: { log: Logger; signal?: AbortSignal },
): Promise<LoadedCapabilities> {
  const { log, signal } = options;
  try {
    const answer = await fhir.request('metadata', signal ? { signal } : {});
    if (answer.status === 200) {
      const capabilities = parseCapabilities(answer.body);
      log.info('parent capabilities', { ...capabilities, types: Object.keys(capabilities.types ?? {}) });
      return { capabilities, definitive: true };
    }
    log.info('the parent serves no FHIR metadata: REST only', { status: answer.status });
    return { capabilities: { ...restOnlyCapabilities }, definitive: answer.status < 500 };
  } catch (error) {
    if (isFatal(error)) throw error;
    log.warn('the parent FHIR metadata could not be read: REST only', { code: isSyncError(error) ? error.code : 'UNEXPECTED' });
    return { capabilities: { ...restOnlyCapabilities }, definitive: false };
  }
}
