/** The parsed sync configuration: sync2.json as OpenMRS writes it, plus this implementation's `ts` extension. */

/** What to do when the parent and this node both changed an object since their base. */
export const conflictPolicies = ['manual', 'parent-wins', 'child-wins', 'last-write-wins'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/**
 * A sync configuration with every default filled in. The file is openmrs-module-sync2's
 * `sync2.json`, read as is (keys this parser does not know are ignored, so a file written for
 * OpenMRS works unchanged):
 *
 * ```json
 * {
 *   "general": {
 *     "parentFeedLocation": "http://parent:8080/openmrs",   // the parent's base URL, context path included
 *     "localFeedLocation": "http://child:8080/openmrs",
 *     "localInstanceId": "clinic-7",
 *     "persistSuccessAudit": true, "persistFailureAudit": true,
 *     "clients": { "rest": { "login": "admin", "password": "…" }, "fhir": { "login": "admin", "password": "…" } }
 *   },
 *   "pull": { "enabled": true, "schedule": 3600, "classes": [ { "category": "patient", "enabled": true, "preferredClient": "fhir" } ] },
 *   "push": { "enabled": false, "schedule": 3600, "classes": [] },
 *   "whitelist": { "enabled": false, "instanceIds": [] },
 *   "ts": {
 *     "catchment": { "atomfeed.locationFeedFilterStrategy": "Kenya%Nairobi%*%*%*" },  // bean name → country%state%county%city%postal, * = any
 *     "batchSize": 100,         // objects per FHIR request (_id search or batch Bundle), capped by the parent's page size
 *     "concurrency": 6,         // requests to the parent in flight at once
 *     "prefetchPages": "auto",  // feed pages fetched ahead of the one being applied (or a number, 0 to 20)
 *     "conflictPolicy": "manual",
 *     "failedEvents": { "maxAttempts": 8, "baseDelaySeconds": 30 },   // retries with backoff, then a dead letter
 *     "timeoutSeconds": 30      // per request attempt
 *   }
 * }
 * ```
 *
 * `schedule` is in seconds. `classes` run in the order written; absent, they are the category
 * table in sync order, all enabled. `clients` may also sit at the top level (older files).
 * Credentials never belong in `parentFeedLocation`.
 */
export interface SyncConfig {
  general: GeneralConfig;
  pull: DirectionConfig;
  push: DirectionConfig;
  whitelist: WhitelistConfig;
  ts: TsConfig;
}

export interface GeneralConfig {
  parentFeedLocation?: string;
  localFeedLocation?: string;
  localInstanceId?: string;
  /** @default true */
  persistSuccessAudit: boolean;
  /** @default true */
  persistFailureAudit: boolean;
  /** Per client name (`rest`, `fhir`, a custom one): where and how to log in. @default {} */
  clients: Record<string, ClientConfig>;
}

export interface ClientConfig {
  hostAddress?: string;
  login?: string;
  password?: string;
}

/** `pull` or `push`. */
export interface DirectionConfig {
  /** @default true */
  enabled: boolean;
  /** Seconds between runs. @default 43200 (sync2's default, 12 hours) */
  schedule: number;
  /** Categories in run order. @default the category table in sync order, all enabled */
  classes: ClassConfig[];
}

export interface ClassConfig {
  category: string;
  /** @default true */
  enabled: boolean;
  classTitle?: string;
  openMrsClass?: string;
  /** Client to use for this category when the event links to it (`fhir`, `rest` or a custom client). */
  preferredClient?: string;
}

/** Which children a parent serves (sync2's whitelist). */
export interface WhitelistConfig {
  /** @default false */
  enabled: boolean;
  /** @default [] */
  instanceIds: string[];
}

/** This implementation's settings, under the `ts` key. */
export interface TsConfig {
  /** Catchment pattern per filter bean name. @default {} */
  catchment: Record<string, string>;
  /** @default 100 */
  batchSize: number;
  /** @default 6 */
  concurrency: number;
  /** Feed pages fetched ahead; 'auto' follows the parent's page size (2 to 8 pages). @default 'auto' */
  prefetchPages: number | 'auto';
  /** @default 'manual' */
  conflictPolicy: ConflictPolicy;
  failedEvents: { /** @default 8 */ maxAttempts: number; /** @default 30 */ baseDelaySeconds: number };
  /** @default 30 */
  timeoutSeconds: number;
}

/** Defaults of the scalar settings. */
export const syncConfigDefaults = {
  schedule: 43_200,
  batchSize: 100,
  concurrency: 6,
  prefetchPages: 'auto' as const,
  conflictPolicy: 'manual' as ConflictPolicy,
  maxAttempts: 8,
  baseDelaySeconds: 30,
  timeoutSeconds: 30,
} as const;

/** One problem of a configuration file: where (`pull.classes[2].category`) and what. */
export interface ConfigError {
  path: string;
  message: string;
}
