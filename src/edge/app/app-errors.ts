/** The edge app's HTTP failures as data: a stable code, its status, its FHIR issue type and a message. */

/** Every failure the app answers with; codes are never reused or renamed. */
export const appErrorTable = {
  ROUTE_NOT_FOUND: { status: 404, issue: 'not-found', message: 'No such route on this node' },
  CATEGORY_UNKNOWN: { status: 404, issue: 'not-found', message: 'No feed has this category' },
  FEED_PAGE_MISSING: { status: 500, issue: 'not-found', message: 'The feed page does not exist (yet)' },
  RESOURCE_NOT_FOUND: { status: 404, issue: 'not-found', message: 'No object has this id' },
  RESOURCE_GONE: { status: 410, issue: 'deleted', message: 'The object was removed' },
  BODY_MALFORMED: { status: 400, issue: 'structure', message: 'The body is not well-formed JSON' },
  BODY_NOT_OBJECT: { status: 400, issue: 'structure', message: 'The body must be a JSON object' },
  BODY_TOO_LARGE: { status: 413, issue: 'too-costly', message: 'The body is larger than this node accepts' },
  RESOURCE_TYPE_MISMATCH: { status: 400, issue: 'invalid', message: 'The body resourceType differs from the type in the URL' },
  ID_MISMATCH: { status: 400, issue: 'invalid', message: 'The id in the body differs from the id in the URL' },
  ID_INVALID: { status: 400, issue: 'invalid', message: 'The id is not a valid identifier' },
  VERSION_MISMATCH: { status: 412, issue: 'conflict', message: 'If-Match does not name the current version' },
  PRECONDITION_INVALID: { status: 400, issue: 'invalid', message: 'The If-Match header cannot be read' },
  OBJECT_EXISTS: { status: 409, issue: 'duplicate', message: 'An object with this uuid already exists' },
  REPRESENTATION_MISMATCH: { status: 409, issue: 'conflict', message: 'The object is stored in the other representation (FHIR or REST)' },
  SEARCH_PARAM_INVALID: { status: 400, issue: 'invalid', message: 'A search parameter is invalid' },
  SEARCH_PARAM_UNSUPPORTED: { status: 400, issue: 'not-supported', message: 'A search parameter is not supported' },
  BUNDLE_INVALID: { status: 400, issue: 'invalid', message: 'The Bundle is not a batch this node can process' },
  TRANSACTION_UNSUPPORTED: { status: 400, issue: 'not-supported', message: 'Transaction Bundles are not supported; send a batch' },
  PURGE_UNSUPPORTED: { status: 400, issue: 'not-supported', message: 'Purging is not supported: objects are voided or retired and kept' },
  UNAUTHENTICATED: { status: 401, issue: 'login', message: 'Credentials are missing or wrong' },
  FORBIDDEN: { status: 403, issue: 'forbidden', message: 'These credentials do not allow this' },
  WRITE_CONTENDED: { status: 503, issue: 'transient', message: 'The object kept changing under concurrent writes; retry' },
  STORE_UNAVAILABLE: { status: 503, issue: 'transient', message: 'The store is not available' },
  INTERNAL: { status: 500, issue: 'exception', message: 'The node failed to answer' },
  SYNC_NOT_CONFIGURED: { status: 409, issue: 'not-supported', message: 'This node has no parent to sync with (no general.parentFeedLocation in its sync2.json)' },
  QUERY_INVALID: { status: 400, issue: 'invalid', message: 'A query parameter has a value this route does not take' },
  CONFLICT_NOT_FOUND: { status: 404, issue: 'not-found', message: 'No conflict has this id' },
  CONFLICT_RESOLVED: { status: 409, issue: 'conflict', message: 'The conflict is resolved already' },
  CONFLICT_STALE: { status: 409, issue: 'conflict', message: 'The object changed here since the conflict was recorded; read the conflict again' },
  CONFLICT_CHANGED: { status: 409, issue: 'transient', message: 'The object changed while the resolution was being written; try again' },
  RESOLUTION_INVALID: { status: 400, issue: 'invalid', message: 'The resolution must be { take: "local" | "parent" }, { take: "merged", body: {…} } or { fields: { name: "local" | "parent" } }' },
  RESOLUTION_FIELDS_MISSING: { status: 422, issue: 'required', message: 'Some conflicting fields need a side in the resolution' },
  FAILED_EVENT_NOT_FOUND: { status: 404, issue: 'not-found', message: 'No failed event has this id' },
  EXPORT_REQUIRED: { status: 409, issue: 'business-rule', message: 'Export the failed event (GET …/export) before dropping it: it may hold the only copy of a change' },
  FAILED_EVENT_CHANGED: { status: 409, issue: 'transient', message: 'The failed event or its object changed meanwhile; nothing was dropped' },
} as const satisfies Record<string, { status: number; issue: string; message: string }>;

export type AppErrorCode = keyof typeof appErrorTable;

/** One failure to answer with: never thrown, returned by the stage that found it. */
export interface AppFailure {
  failure: AppErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * A failure with the code's status and message (or a more specific one).
 *
 * @example A missing patient
 * ```ts
 * appFailure('RESOURCE_NOT_FOUND', { message: 'Patient/123 is unknown' }).status; // 404
 * ```
 */
export function appFailure(code: AppErrorCode, options: { message?: string; details?: Record<string, unknown> } = {}): AppFailure {
  const entry = appErrorTable[code];
  const failure: AppFailure = { failure: code, status: entry.status, message: options.message ?? entry.message };
  if (options.details) failure.details = options.details;
  return failure;
}

/** True when a stage's value is a failure rather than its result. */
export function isAppFailure(value: unknown): value is AppFailure {
  return typeof value === 'object' && value !== null && typeof (value as { failure?: unknown }).failure === 'string' &&
    Object.hasOwn(appErrorTable, (value as { failure: string }).failure);
}
