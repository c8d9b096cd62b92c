/** The typed boundary between the page and the sync worker: plain structured-clone data only. */

import type { AuditExport, AuditExportFormat } from '../core/audit/export-audit.ts';
import type { AuditFilter } from '../core/audit/query-audit.ts';
import type { AuditQuery, AuditRow, ChangeRow, ConflictRecord, FailedEvent, JsonObject, SerializedFailure } from '../core/store/store-port.ts';
import type { RunSummary, RunnerStatus, SyncDirection } from '../core/sync/runner/runner-types.ts';

export type ConflictPolicy = 'manual' | 'parent-wins' | 'child-wins' | 'last-write-wins';

/** One category's switches on this tablet. */
export interface CategorySetting {
  category: string;
  pull: boolean;
  push: boolean;
}

/** What a clinic's IT person sets on a tablet; never holds the password. */
export interface BrowserSettings {
  /** The parent's base URL with its context path; default: this app's origin + `/openmrs`. */
  parentBase: string;
  username: string;
  /** This tablet's instance id (its child user on the parent). */
  instanceId: string;
  categories: CategorySetting[];
  /** Seconds between background syncs while the app is open. */
  scheduleSeconds: number;
  conflictPolicy: ConflictPolicy;
}

/** Failed events of one direction: still retried, and dead letters (retried no more). */
export interface FailedCounts {
  retrying: number;
  dead: number;
}

/** Everything the status screen shows; broadcast to every tab of the origin. */
export interface BrowserStatus {
  configured: boolean;
  runner: RunnerStatus;
  pendingPushes: number;
  /** Failed events still retried, both directions (see `failedByDirection`). */
  failedEvents: number;
  /** Dead letters, both directions. */
  deadLetters: number;
  /** The failed events split by direction; absent in a status broadcast by an older app version. */
  failedByDirection?: { pull: FailedCounts; push: FailedCounts };
  openConflicts: number;
  objects: Record<string, { live: number; removed: number }>;
  storage?: { usedBytes: number; quotaBytes: number; persistent: boolean };
  /** A store or quota problem the user must see (e.g. STORE_QUOTA). */
  storeError?: SerializedFailure;
}

/** A patient row of the local list. */
export interface PatientSummary {
  uuid: string;
  name: string;
  gender?: string;
  birthDate?: string;
  identifier?: string;
  /** True while the patient has local changes not yet pushed. */
  pending: boolean;
}

/** What the registration form collects. */
export interface NewPatient {
  givenName: string;
  familyName: string;
  gender: 'male' | 'female' | 'other' | 'unknown';
  birthDate: string;
  identifier?: string;
}

/** A stored patient's editable fields, as the edit form shows them. */
export interface PatientDetails {
  uuid: string;
  givenName: string;
  familyName: string;
  /** As stored (may be empty or a value the form does not offer). */
  gender: string;
  birthDate: string;
  identifier?: string;
  /** The stored version: an edit made from these details is refused if the patient changed since. */
  version: string;
  /** True while the patient has local changes not yet pushed. */
  pending: boolean;
}

/** What the edit form changes; every other field of the stored patient is kept. */
export interface PatientEdit {
  givenName: string;
  familyName: string;
  gender: NewPatient['gender'];
  birthDate: string;
  /** The version the form was filled from ({@linkcode PatientDetails.version}). */
  version: string;
}

/** How a person resolves a conflict: a side, a merged body, or a side per field. */
export type ConflictChoice =
  | { take: 'local' }
  | { take: 'parent' }
  | { take: 'merged'; body: JsonObject }
  | { fields: Record<string, 'local' | 'parent'> };

/** An outcome that is a value, not an exception: ok, or a stable code and message. */
export type ApiResult<T = void> = { ok: true; value: T } | { ok: false; error: SerializedFailure };

/**
 * The worker's API, exposed with comlink. Errors thrown across it are SyncErrors that keep their
 * code (a comlink transfer handler serialises them).
 */
export interface SyncApi {
  /** Checks the settings and credentials against the parent, then saves them and starts syncing. */
  configure(settings: BrowserSettings, password: string): Promise<ApiResult>;
  settings(): Promise<BrowserSettings | undefined>;
  signOut(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  syncNow(direction?: SyncDirection): Promise<RunSummary>;
  status(): Promise<BrowserStatus>;
  /** Calls `listener` (a comlink proxy) on every status change; returns an unsubscribe id. */
  subscribe(listener: (status: BrowserStatus) => void): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  /** Audit rows, newest first (default: the newest 100). */
  audit(query?: AuditQuery): Promise<AuditRow[]>;
  /** The audit log (rows matching `filter`) as NDJSON or CSV text, oldest first, with the hash-chain check. */
  exportAudit(options: { format: AuditExportFormat; filter?: AuditFilter }): Promise<AuditExport>;
  /** Change-log rows not yet pushed (origin local or child, after the push marker), oldest first (default: 100). */
  localChanges(options?: { limit?: number }): Promise<ChangeRow[]>;
  failedEvents(): Promise<FailedEvent[]>;
  retryFailedEvent(id: string): Promise<ApiResult>;
  /** The event (and its local object) as JSON text to save; read-only: the event stays and is retried as before. */
  exportFailedEvent(id: string): Promise<ApiResult<string>>;
  /** Returns the event (and its local object) as JSON text, then drops it: nothing is lost unexported. */
  exportAndDropFailedEvent(id: string): Promise<ApiResult<string>>;
  conflicts(): Promise<ConflictRecord[]>;
  resolveConflict(id: string, choice: ConflictChoice): Promise<ApiResult>;
  patients(query?: { search?: string; limit?: number }): Promise<PatientSummary[]>;
  /** Registers a patient offline: a local change that the next push sends. */
  registerPatient(patient: NewPatient): Promise<ApiResult<{ uuid: string }>>;
  /** A patient's editable fields and version (RECORD_NOT_FOUND; OBJECT_INVALID when it cannot be edited here). */
  patient(uuid: string): Promise<ApiResult<PatientDetails>>;
  /** Edits a patient offline (names, gender, birth date; the rest kept): a local change that the next push sends. */
  updatePatient(uuid: string, edit: PatientEdit): Promise<ApiResult<{ changed: boolean }>>;
}
