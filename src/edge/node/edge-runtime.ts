/** What a runtime entry (Node, Deno) hands the edge node, and what a started node gives back. */

import type { Clock, FetchLike, Logger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import type { Gzip } from '../app/gzip-responses.ts';
import type { ChildSync } from '../child/start-child-sync.ts';

/** A web-standard request handler, as a Hono app's `fetch`. */
export type EdgeHandler = (request: Request) => Promise<Response>;

/** How to listen: address, and PEM text of the certificate and key for HTTPS. */
export interface ServeOptions {
  port: number;
  hostname: string;
  tls?: { cert: string; key: string };
}

/** A listening server: its base URL (with the real port) and a way to stop it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** What the store opener receives from the options. */
export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string;
  log: Logger;
}

/** The runtime's capabilities; only the entry files build this from process, Deno or node:*. */
export interface EdgeRuntime {
  serve(handler: EdgeHandler, options: ServeOptions): Promise<RunningServer>;
  /** A file's bytes, or undefined when it does not exist or is a directory. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  log: Logger;
  /** Writes a line for the person who started the node (not a log record), e.g. a generated password. */
  print(line: string): void;
  now: Clock;
  /** Uuids for events and ids; default `crypto.randomUUID`. */
  newId?: () => string;
  /** Cryptographically random bytes; default `crypto.getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
  /** Opens the store; default PGlite in the data dir or PostgreSQL (`openSqlStore`). Tests pass a memory store. */
  openStore?: (options: OpenStoreOptions) => Promise<SyncStore>;
  /** Reaches the parent of a child node; default the global `fetch`. */
  fetch?: FetchLike;
  /**
   * A child node syncs on its configured schedule (a run at start, then one per interval);
   * false leaves runs to `POST /sync` (tests). @default true
   */
  scheduleSync?: boolean;
  /** Compresses answers (the runtime's zlib); default CompressionStream. */
  gzip?: Gzip;
}

/** A running edge node. */
export interface EdgeNode {
  /** Base URL the node listens on, e.g. `http://127.0.0.1:8080`. */
  url: string;
  instanceId: string;
  store: SyncStore;
  /** The sync with the parent, on a child node. */
  child?: ChildSync;
  /** Stops the sync (cancelling a run), stops listening, then closes the store; safe to call twice. */
  close(): Promise<void>;
}
