/** Renders a failure in the shape each API family speaks: FHIR OperationOutcome, OpenMRS REST error, or problem+json. */

import { type AppFailure, appErrorTable } from './app-errors.ts';

/** Which error shape a path's clients expect. */
export type ErrorFlavor = 'fhir' | 'rest' | 'problem';

/** System of the coding that carries our stable code in an OperationOutcome issue. */
export const errorCodeSystem = 'urn:openmrs-sync2:error-code';

/**
 * The error shape for a request path: FHIR under `/ws/fhir2/`, REST under `/ws/rest/` (but
 * problem+json under `/ws/rest/sync2/`, this node's own sync API), else problem+json.
 */
export function flavorOf(pathname: string): ErrorFlavor {
  if (/^\/openmrs\/ws\/fhir2(\/|$)/.test(pathname)) return 'fhir';
  if (/^\/openmrs\/ws\/rest\/sync2(\/|$)/.test(pathname)) return 'problem';
  if (/^\/openmrs\/ws\/rest(\/|$)/.test(pathname)) return 'rest';
  return 'problem';
}

/** A FHIR OperationOutcome for a failure; the stable code is the issue's `details.coding[0].code`. */
export function operationOutcome(failure: AppFailure): Record<string, unknown> {
  return {
    resourceType: 'OperationOutcome',
    issue: [{
      severity: 'error',
      code: appErrorTable[failure.failure].issue,
      details: { coding: [{ system: errorCodeSystem, code: failure.failure }], text: failure.message },
      diagnostics: failure.message,
    }],
  };
}

function restError(failure: AppFailure): Record<string, unknown> {
  const detail = failure.details ? JSON.stringify(failure.details) : '';
  return { error: { message: failure.message, code: failure.failure, detail } };
}

function problem(failure: AppFailure): Record<string, unknown> {
  return {
    type: `urn:openmrs-sync2:error:${failure.failure}`,
    title: appErrorTable[failure.failure].message,
    status: failure.status,
    detail: failure.message,
    code: failure.failure,
    ...(failure.details ? { details: failure.details } : {}),
  };
}

const contentTypes: Record<ErrorFlavor, string> = {
  fhir: 'application/fhir+json;charset=utf-8',
  rest: 'application/json;charset=UTF-8',
  problem: 'application/problem+json',
};

/**
 * The response for `failure` in `flavor`'s shape; 401 carries `WWW-Authenticate: Basic realm="OpenMRS"`.
 *
 * @example Answer a missing FHIR resource
 * ```ts
 * errorResponse(appFailure('RESOURCE_NOT_FOUND'), 'fhir').status; // 404
 * ```
 */
export function errorResponse(failure: AppFailure, flavor: ErrorFlavor, headers: Record<string, string> = {}): Response {
  const body = flavor === 'fhir' ? operationOutcome(failure) : flavor === 'rest' ? restError(failure) : problem(failure);
  const all = new Headers({ 'content-type': contentTypes[flavor], 'cache-control': 'no-store', ...headers });
  if (failure.status === 401) all.set('www-authenticate', 'Basic realm="OpenMRS"');
  return new Response(JSON.stringify(body), { status: failure.status, headers: all });
}
