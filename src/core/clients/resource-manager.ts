/** The client facade's port: fetches objects from the parent through FHIR, REST or a custom client. */

import type { FeedAction } from '../categories/category-table.ts';
import type { JsonObject, Representation, SerializedFailure } from '../store/store-port.ts';

/** What the parent offers, learned once per parent from its FHIR `metadata` (capability handshake). */
export interface ParentCapabilities {
  /** The parent serves FHIR R4 at `{base}/ws/fhir2/R4`. */
  fhir: boolean;
  /** FHIR search by `_id=a,b,c`. */
  idSearch: boolean;
  /** FHIR batch Bundles posted to the FHIR base. */
  batch: boolean;
  /** PUT with a client-chosen id creates the resource. */
  updateCreate: boolean;
  /** PUT and DELETE honour `If-Match` (a stale version answers 412). */
  versionedUpdate: boolean;
  /** Largest `_count` the parent serves in one page. */
  maxPageSize: number;
  /** Per FHIR resource type, as the CapabilityStatement lists them (absent when there is no FHIR). */
  types?: Record<string, FhirTypeCapabilities>;
}

/** What the parent offers for one FHIR resource type. */
export interface FhirTypeCapabilities {
  read: boolean;
  /** `search-type` with the `_id` parameter. */
  idSearch: boolean;
  updateCreate: boolean;
  versionedUpdate: boolean;
}

/** One object to fetch, as named by a feed entry. */
export interface ObjectRequest {
  category: string;
  uuid: string;
  action?: FeedAction;
  /** The entry's content link map: client name → path relative to the base. */
  links: Record<string, string>;
}

/** The outcome of fetching one object: a body, gone from the parent, or a failure. */
export type FetchOutcome =
  | {
    kind: 'found';
    request: ObjectRequest;
    representation: Representation;
    body: JsonObject;
    /** The parent's version (FHIR `meta.versionId` or ETag) when it gave one. */
    version?: string;
    client: string;
    url: string;
  }
  /** The parent says the object is removed (410) or no client could find it (404 everywhere). */
  | { kind: 'gone'; request: ObjectRequest; status: number; client: string; url: string }
  | { kind: 'failed'; request: ObjectRequest; error: SerializedFailure; client?: string; url?: string };

export interface FetchObjectsOptions {
  signal?: AbortSignal;
}

/**
 * The facade a pull (and later a push) talks to; callers never see the transport. Transport
 * failures of a single object come back as `failed` outcomes; an authentication failure or an
 * unreachable parent throws a SyncError (PARENT_UNAUTHORIZED / PARENT_UNREACHABLE), since the
 * whole run must stop.
 */
export interface ResourceManager {
  capabilities(options?: FetchObjectsOptions): Promise<ParentCapabilities>;
  /** Fetches many objects with as few requests as the parent allows; one outcome per request, same order. */
  fetchObjects(requests: readonly ObjectRequest[], options?: FetchObjectsOptions): Promise<FetchOutcome[]>;
}
