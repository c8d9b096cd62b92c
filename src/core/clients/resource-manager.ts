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

/** One object to read or write on the parent, by category and uuid. */
export interface ObjectRef {
  category: string;
  uuid: string;
  /** For REST sub-resources (`person/{parent}/name`…): the owning person's or patient's uuid. */
  owner?: string;
  /** The FHIR type, for a category outside the table (taken from the body). */
  fhirType?: string;
}

/** The parent's current state of an object, and the request that found it. */
export type ParentRead =
  | { body: JsonObject; version?: string; url: string; client: string }
  /** Removed there: FHIR 410, or a REST body that is voided (retired for metadata). */
  | { removed: true; version?: string; url: string; client: string }
  /** Unknown there (404). */
  | { missing: true; url: string; client: string };

/** A write of one object to the parent. */
export interface ObjectWrite extends ObjectRef {
  op: 'create' | 'update' | 'remove';
  representation: Representation;
  /** The body to hold; null for a removal. */
  body: JsonObject | null;
  /** The parent version the write expects (sent as `If-Match` where the parent honours it). */
  ifMatch?: string;
  /**
   * The parent's body read before deciding (null: removed there). REST writes to OpenMRS diff
   * against it to send only what changed (a patient's names, addresses, identifiers); without
   * it they read it first.
   */
  current?: JsonObject | null;
}

/** What a write did. `ok`: the parent holds `body` now (null: removed), at `version` when known. */
export type WriteOutcome =
  | { kind: 'ok'; body: JsonObject | null; version?: string; url: string; client: string; /** Parent clock (ms) of the answer (its `Date` header). */ date?: number }
  /** The parent is not in the state the write assumed (412; or 404/410 on an update): read it and decide again. */
  | { kind: 'precondition-failed'; status: number; url: string; client: string }
  /** A create found the uuid taken (409; OpenMRS REST answers 500): read it and compare. */
  | { kind: 'exists'; status: number; url: string; client: string }
  | { kind: 'failed'; error: SerializedFailure; url?: string; client?: string };

/**
 * The facade a pull and a push talk to; callers never see the transport. Transport
 * failures of a single object come back as `failed` outcomes; an authentication failure or an
 * unreachable parent throws a SyncError (PARENT_UNAUTHORIZED / PARENT_UNREACHABLE), since the
 * whole run must stop.
 */
export interface ResourceManager {
  capabilities(options?: FetchObjectsOptions): Promise<ParentCapabilities>;
  /** Fetches many objects with as few requests as the parent allows; one outcome per request, same order. */
  fetchObjects(requests: readonly ObjectRequest[], options?: FetchObjectsOptions): Promise<FetchOutcome[]>;
  /**
   * Reads the parent's current state of one object in `representation` (push reads before it
   * decides). Throws SyncError for what is not a state: PUSH_UNSUPPORTED (no way to address it),
   * HTTP_ERROR (another status), transport failures, PARENT_UNAUTHORIZED, ABORTED. Optional so
   * read-only managers (tests, pull-only nodes) need not implement it; createResourceManager does.
   */
  readCurrent?(ref: ObjectRef, representation: Representation, options?: FetchObjectsOptions): Promise<ParentRead>;
  /**
   * Writes one object; every answer of the parent is a value (see {@linkcode WriteOutcome}).
   * Throws only what stops the run: PARENT_UNAUTHORIZED, ABORTED. Optional, as `readCurrent`.
   */
  writeObject?(write: ObjectWrite, options?: FetchObjectsOptions): Promise<WriteOutcome>;
}

/** A manager that can push: both write-side methods present. */
export type WritableResourceManager = ResourceManager & Required<Pick<ResourceManager, 'readCurrent' | 'writeObject'>>;

/** True when `manager` implements `readCurrent` and `writeObject`. */
export function isWritable(manager: ResourceManager): manager is WritableResourceManager {
  return typeof manager.readCurrent === 'function' && typeof manager.writeObject === 'function';
}
