/** Checks a parent and a login before they are saved: FHIR metadata answers, then an authenticated read. */

import { basicAuthorization } from '../core/clients/basic-authorization.ts';
import { fetchJson } from '../core/clients/fetch-json.ts';
import { isSyncError, SyncError } from '../core/errors/sync-error.ts';
import { serializeFailure } from '../core/feed/serialize-failure.ts';
import type { FetchLike } from '../core/ports/ports.ts';
import type { ApiResult } from './sync-api.ts';

export interface CheckParentOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  /** Per request. @default 15_000 */
  timeoutMs?: number;
}

/**
 * GET `{parentBase}/ws/fhir2/R4/metadata` (without the login: it is public on OpenMRS and the edge
 * node; a 401 there is let through to the next step) must be a CapabilityStatement; then GET
 * `…/Patient?_count=1` with the login must succeed. No retries: a person is waiting. Failures are
 * values: PARENT_UNREACHABLE, PARENT_UNAUTHORIZED (the parent refused the username or password),
 * HTTP_ERROR, RESPONSE_MALFORMED. The password goes only into the Authorization header, to the
 * parent's origin; it is never in a URL, a message or a detail.
 *
 * @example
 * ```ts
 * const checked = await checkParent({ parentBase, username }, password, { fetch });
 * if (!checked.ok) showError(checked.error.message);
 * ```
 */
export async function checkParent(
  login: { parentBase: string; username: string },
  password: string,
  options: CheckParentOptions,
): Promise<ApiResult> {
  const base = login.parentBase;
  const common = {
    fetch: options.fetch, base, retry: { retries: 0 }, timeoutMs: options.timeoutMs ?? 15_000,
    requestHeaders: { accept: 'application/fhir+json, application/json' },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  try {
    await checkMetadata(`${base}/ws/fhir2/R4/metadata`, common);
    const authorization = basicAuthorization({ username: login.username, password });
    const answer = await fetchJson(`${base}/ws/fhir2/R4/Patient?_count=1`, { ...common, headers: { authorization } });
    if (answer.status < 200 || answer.status > 299) {
      throw new SyncError('HTTP_ERROR', { message: `The parent answered HTTP ${answer.status} to a patient search`, details: { status: answer.status } });
    }
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: explain(error, login) };
  }
}

async function checkMetadata(url: string, options: Parameters<typeof fetchJson>[1]): Promise<void> {
  let answer;
  try {
    answer = await fetchJson(url, options);
  } catch (error) {
    if (isSyncError(error, 'PARENT_UNAUTHORIZED')) return;
    throw error;
  }
  const body = answer.body as { resourceType?: unknown } | undefined;
  if (answer.status !== 200 || body?.resourceType !== 'CapabilityStatement') {
    throw new SyncError('RESPONSE_MALFORMED', {
      message: `The parent does not serve FHIR R4 at ${url} (HTTP ${answer.status}); check the parent URL and its context path`,
      details: { url, status: answer.status },
    });
  }
}

/** A message a clinic's IT person can act on. */
function explain(error: unknown, login: { parentBase: string; username: string }) {
  const failure = serializeFailure(error);
  if (isSyncError(error, 'PARENT_UNAUTHORIZED')) {
    return { ...failure, message: `The parent refused the username "${login.username}" or its password` };
  }
  if (isSyncError(error, 'PARENT_UNREACHABLE') || isSyncError(error, 'HTTP_TIMEOUT')) {
    return { ...failure, message: `The parent at ${login.parentBase} could not be reached; check the address and the network` };
  }
  return failure;
}
