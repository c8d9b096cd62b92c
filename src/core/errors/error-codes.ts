/** The stable error codes of the sync core and their messages; codes are never reused or renamed. */

export const errorMessages = {
  FEED_MALFORMED: 'The feed page is not well-formed Atom XML',
  FEED_DOCTYPE_REFUSED: 'The feed page declares a DOCTYPE or entity; these are never expanded',
  FEED_TOO_LARGE: 'The feed page is larger than the configured limit',
  FEED_MISSING_VIA: 'The feed page has no "via" link, so its position cannot be recorded',
  FEED_CONTENT_NOT_JSON: 'The entry content is not a JSON map of client names to paths',
  FEED_PAGE_MISSING: 'The feed page does not exist on the parent',
  LINK_FOREIGN_ORIGIN: 'The link resolves outside the parent origin and is refused',
  LINK_INVALID: 'The link is not a valid URL',
  HTTP_ERROR: 'The parent answered with an HTTP error',
  HTTP_TIMEOUT: 'The request to the parent timed out',
  PARENT_UNREACHABLE: 'The parent could not be reached',
  PARENT_UNAUTHORIZED: 'The parent refused the credentials',
  STORE_BATCH_INVALID: 'The write plan is invalid and nothing was written',
  STORE_QUOTA: 'The store is out of space; nothing of the batch was written',
  STORE_UNAVAILABLE: 'The store could not be opened',
  CONFIG_INVALID: 'The configuration is invalid',
  OBJECT_INVALID: 'The object is not valid for its category',
  ABORTED: 'The operation was cancelled',
  RESPONSE_MALFORMED: 'The parent answered with a body that is not the JSON expected',
  CLIENT_UNAVAILABLE: 'No configured client can fetch the object from the links of its event',
  PUSH_UNSUPPORTED: 'The parent offers no way to write this object with its uuid (e.g. a FHIR create on OpenMRS fhir2)',
  PUSH_CONTENDED: 'The object kept changing on the parent while it was being pushed; it is retried later',
  NOT_CONFIGURED: 'This node has no parent login yet: sign in first',
  RECORD_NOT_FOUND: 'No such record on this node',
  CONFLICT_NOT_RESOLVED: 'The conflict could not be resolved as asked; nothing was written',
  CREDENTIALS_UNREADABLE: 'The saved login cannot be read on this device any more: sign in again',
} as const;

export type ErrorCode = keyof typeof errorMessages;
