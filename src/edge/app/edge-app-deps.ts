/** What the edge app is built from, and the resolved context its routes share. */

import { type CategoryInfo, defaultCategories } from '../../core/categories/category-table.ts';
import { type Clock, type Logger, silentLogger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { createPageSizeKeeper, type PageSizeKeeper } from './page-size-keeper.ts';
import type { Gzip } from './gzip-responses.ts';
import { defaultMaxBodyBytes } from './read-json-body.ts';
import { type BasicAuthenticator, createBasicAuthenticator, type UserDirectory } from './user-directory.ts';

export interface EdgeAppDeps {
  store: SyncStore;
  now: Clock;
  log?: Logger;
  /** Uuid generator for event ids, created resources and bundles; default `crypto.randomUUID`. */
  newId?: () => string;
  /** This node's instance uuid: feed ids are `{instanceId}+{n}`. */
  instanceId: string;
  /** Feed page size; default 100; fixed (persisted in settings) once the feed has events. */
  pageSize?: number;
  /** Admin and child users with hashed passwords. */
  users: UserDirectory;
  /** Feeds readable without credentials, as on OpenMRS; default true. */
  anonymousFeeds?: boolean;
  /** Browser origins allowed to call the node (CORS, with credentials). */
  corsOrigins?: string[];
  /** Largest request body accepted, in bytes; default 10 MiB. */
  maxBodyBytes?: number;
  /** The category table; default the table of DESIGN §2.4. */
  categories?: CategoryInfo[];
  /** Extra `/status` fields from the sync runner (parent, last pull and push…). */
  status?: () => Promise<Record<string, unknown>>;
  /**
   * Runs one sync with the parent now (or joins the one going on) and gives its summary; absent
   * on a root node. `status: 'busy'` means another instance on the same database is running one.
   */
  syncNow?: () => Promise<SyncNowSummary>;
  /** Compresses answers; default CompressionStream (portable, slower than a runtime's zlib). */
  gzip?: Gzip;
}

/** What `syncNow` answers: the runner's run summary, sent as JSON; its `status` decides the HTTP status. */
export interface SyncNowSummary {
  status: string;
}

/** The deps with defaults applied, plus shared services; what every route module receives. */
export interface AppContext {
  store: SyncStore;
  now: Clock;
  log: Logger;
  newId: () => string;
  instanceId: string;
  categories: readonly CategoryInfo[];
  maxBodyBytes: number;
  anonymousFeeds: boolean;
  pageSize: PageSizeKeeper;
  authenticate: BasicAuthenticator;
  /** Clock time the app was created: the CapabilityStatement date and an empty feed's `updated`. */
  startedAt: number;
  status?: () => Promise<Record<string, unknown>>;
  syncNow?: () => Promise<SyncNowSummary>;
}

/** Applies the defaults of {@linkcode EdgeAppDeps}; throws RangeError for a page size or limit that is not a positive integer. */
export function resolveDeps(deps: EdgeAppDeps): AppContext {
  const log = deps.log ?? silentLogger;
  const configured = deps.pageSize ?? 100;
  const maxBodyBytes = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isSafeInteger(configured) || configured < 1) throw new RangeError(`pageSize must be a positive integer, got ${configured}`);
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError(`maxBodyBytes must be a positive integer`);
  const context: AppContext = {
    store: deps.store,
    now: deps.now,
    log,
    newId: deps.newId ?? (() => crypto.randomUUID()),
    instanceId: deps.instanceId,
    categories: deps.categories ?? defaultCategories,
    maxBodyBytes,
    anonymousFeeds: deps.anonymousFeeds ?? true,
    pageSize: createPageSizeKeeper(deps.store, { configured, log }),
    authenticate: createBasicAuthenticator(deps.users, { now: deps.now }),
    startedAt: deps.now(),
  };
  if (deps.status) context.status = deps.status;
  if (deps.syncNow) context.syncNow = deps.syncNow;
  return context;
}
