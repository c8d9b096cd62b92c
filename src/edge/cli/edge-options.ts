/** The edge node's settled options: what the CLI flags and environment variables resolve to. */

/** How much the node logs; each level includes the ones after it. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Options of one edge node process, every field resolved (defaults applied). */
export interface EdgeOptions {
  /** TCP port to listen on; 0 lets the system pick a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** PGlite data directory, or `memory` for an in-memory database. Ignored with `databaseUrl`. */
  dataDir: string;
  /** PostgreSQL connection URL; when set, the node uses PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** Demo patients seeded into an empty root node; 0 seeds nothing. */
  seedPatients: number;
  /** Entries per Atom feed page (fixed once a feed has events). */
  pageSize: number;
  /** Name of the administrator account. */
  adminUser: string;
  /** Administrator password; when absent one is generated on first start and printed once. */
  adminPassword?: string;
  /** Certificate and key files (PEM); when present the node serves HTTPS. */
  tls?: { certFile: string; keyFile: string };
  /** Origins allowed by CORS (exact origins, or `*`). */
  corsOrigins: string[];
  /** Path of a sync2.json configuration (makes the node a child; carried for the pull issue). */
  configPath?: string;
  /** This node's instance id; generated once and kept in the store when absent. */
  instanceId?: string;
  /** Folders searched, in order, for the PWA's static files; the first holding index.html is served. */
  staticDirs: string[];
  logLevel: LogLevel;
}
