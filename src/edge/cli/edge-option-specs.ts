/** The edge node's options as data: flag, environment variable, default and how a raw value is read. */

import { type LogLevel, logLevels } from './edge-options.ts';

/** Options being assembled: EdgeOptions with the TLS halves still apart. */
export interface EdgeOptionsDraft {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  seedPatients: number;
  pageSize: number;
  adminUser: string;
  adminPassword?: string;
  tlsCert?: string;
  tlsKey?: string;
  corsOrigins: string[];
  configPath?: string;
  instanceId?: string;
  staticDirs: string[];
  logLevel: LogLevel;
}

/** One option: where it comes from and how a raw value is applied. */
export interface EdgeOptionSpec {
  /** Flag name without the leading dashes. */
  flag: string;
  /** Environment variable read when the flag is absent. */
  env: string;
  /** Placeholder for the value in the help text. */
  value: string;
  description: string;
  /** Default shown in the help text. */
  defaultText?: string;
  /** Accepts several values (repeated flag, or a comma-separated list). */
  repeatable?: boolean;
  /** Applies one raw value; returns what is wrong with it, or undefined when it is fine. */
  apply(raw: string, draft: EdgeOptionsDraft): string | undefined;
}

/** Defaults applied before any flag or variable. */
export function defaultDraft(): EdgeOptionsDraft {
  return {
    port: 8080,
    host: '127.0.0.1',
    dataDir: './data',
    seedPatients: 40,
    pageSize: 100,
    adminUser: 'admin',
    corsOrigins: [],
    staticDirs: ['dist', 'public'],
    logLevel: 'info',
  };
}

type Apply = EdgeOptionSpec['apply'];

/** A whole number in [min, max]. */
function integer(min: number, max: number, set: (d: EdgeOptionsDraft, n: number) => void): Apply {
  return (raw, d) => {
    const n = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || n < min || n > max) return `expected a whole number from ${min} to ${max}, got "${raw}"`;
    set(d, n);
  };
}

/** A non-empty trimmed text, optionally matching a pattern described by `what`. */
function text(what: string, set: (d: EdgeOptionsDraft, v: string) => void, pattern?: RegExp): Apply {
  return (raw, d) => {
    const v = raw.trim();
    if (v === '' || (pattern !== undefined && !pattern.test(v))) return `expected ${what}, got "${raw}"`;
    set(d, v);
  };
}

/** An exact web origin, or `*`; added once. */
const origin: Apply = (raw, d) => {
  const v = raw.trim().replace(/\/+$/, '');
  let ok = v === '*';
  try {
    const url = new URL(v);
    ok ||= (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === v;
  } catch {
    // not a URL: ok stays as it was
  }
  if (!ok) return `expected an origin such as https://clinic.example.org (scheme, host, optional port) or *, got "${raw}"`;
  if (!d.corsOrigins.includes(v)) d.corsOrigins.push(v);
};

/** A PostgreSQL URL; never echoed back, as it may hold a password. */
const databaseUrl: Apply = (raw, d) => {
  if (!/^postgres(ql)?:\/\/\S+$/.test(raw.trim())) return 'expected a postgres:// or postgresql:// URL (value not shown)';
  d.databaseUrl = raw.trim();
};

const logLevel: Apply = (raw, d) => {
  const level = logLevels.find((l) => l === raw.trim().toLowerCase());
  if (level === undefined) return `expected one of ${logLevels.join(', ')}, got "${raw}"`;
  d.logLevel = level;
};

const password: Apply = (raw, d) => {
  if (raw.length < 8) return `expected at least 8 characters, got ${raw.length}`;
  d.adminPassword = raw;
};

/** Every option, in the order the help text lists them. */
export const edgeOptionSpecs: readonly EdgeOptionSpec[] = [
  { flag: 'port', env: 'PORT', value: 'N', defaultText: '8080', description: 'TCP port to listen on (0 picks a free one)',
    apply: integer(0, 65535, (d, n) => { d.port = n; }) },
  { flag: 'host', env: 'HOST', value: 'ADDR', defaultText: '127.0.0.1', description: 'interface to listen on (0.0.0.0 for every interface)',
    apply: text('a host name or address', (d, v) => { d.host = v; }, /^[^\s/]+$/) },
  { flag: 'data', env: 'DATA_DIR', value: 'DIR', defaultText: './data', description: 'PGlite data directory, or "memory" for a throw-away database',
    apply: text('a directory', (d, v) => { d.dataDir = v; }) },
  { flag: 'database-url', env: 'DATABASE_URL', value: 'URL', description: 'PostgreSQL URL (postgres://user:pass@host/db); replaces PGlite',
    apply: databaseUrl },
  { flag: 'seed-patients', env: 'SEED_PATIENTS', value: 'N', defaultText: '40', description: 'demo patients seeded into an empty root node (0 = none)',
    apply: integer(0, 100_000, (d, n) => { d.seedPatients = n; }) },
  { flag: 'page-size', env: 'PAGE_SIZE', value: 'N', defaultText: '100', description: 'entries per Atom feed page (fixed once a feed has events)',
    apply: integer(1, 1000, (d, n) => { d.pageSize = n; }) },
  { flag: 'admin-user', env: 'ADMIN_USER', value: 'NAME', defaultText: 'admin', description: 'administrator account name',
    apply: text('a name without spaces or ":"', (d, v) => { d.adminUser = v; }, /^[^:\s]+$/) },
  { flag: 'admin-password', env: 'ADMIN_PASSWORD', value: 'SECRET', defaultText: 'generated on first start, printed once',
    description: 'administrator password (at least 8 characters)', apply: password },
  { flag: 'tls-cert', env: 'TLS_CERT', value: 'FILE', description: 'PEM certificate: serve HTTPS (needs --tls-key)',
    apply: text('a file path', (d, v) => { d.tlsCert = v; }) },
  { flag: 'tls-key', env: 'TLS_KEY', value: 'FILE', description: 'PEM private key of the certificate (needs --tls-cert)',
    apply: text('a file path', (d, v) => { d.tlsKey = v; }) },
  { flag: 'cors-origin', env: 'CORS_ORIGIN', value: 'ORIGIN', repeatable: true, defaultText: 'none',
    description: 'origin allowed by CORS; repeat the flag or give a comma list', apply: origin },
  { flag: 'config', env: 'SYNC_CONFIG', value: 'FILE', description: 'sync2.json configuration (a parent makes this node a child)',
    apply: text('a file path', (d, v) => { d.configPath = v; }) },
  { flag: 'instance-id', env: 'INSTANCE_ID', value: 'ID', defaultText: 'generated once, kept in the store',
    description: 'this node\'s instance id (letters, digits, ".", "_", "-")',
    apply: text('1 to 64 letters, digits, ".", "_" or "-"', (d, v) => { d.instanceId = v; }, /^[A-Za-z0-9._-]{1,64}$/) },
  { flag: 'static', env: 'STATIC_DIR', value: 'DIR', defaultText: 'dist, else public', description: 'folder of the PWA\'s built files served at /',
    apply: text('a directory', (d, v) => { d.staticDirs = [v]; }) },
  { flag: 'log-level', env: 'LOG_LEVEL', value: 'LEVEL', defaultText: 'info', description: `one of ${logLevels.join(', ')}`, apply: logLevel },
];
