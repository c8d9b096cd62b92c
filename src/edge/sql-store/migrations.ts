/** The SQL store's schema as numbered migrations; a migration, once released, is never edited, only followed. */

export interface Migration {
  version: number;
  name: string;
  /** Statements run in order, in the one transaction that records the version. */
  statements: readonly string[];
}

// Keys use the "C" collation so that ordering matches JavaScript string order for ASCII ids
// whatever the database's locale. Clock times are double precision milliseconds.
const initialSchema = [
  `create table objects (
    category text collate "C" not null,
    uuid text collate "C" not null,
    representation text not null,
    body jsonb,
    hash text not null,
    version text not null,
    removed boolean not null,
    base_body jsonb,
    base_hash text,
    base_version text,
    updated_at double precision not null,
    primary key (category, uuid)
  )`,
  `create table change_log (
    seq bigint primary key,
    category text collate "C" not null,
    position bigint not null,
    event_id text collate "C" not null unique,
    uuid text collate "C" not null,
    action text not null,
    origin text not null,
    origin_id text,
    hash text not null,
    at double precision not null,
    filters jsonb,
    unique (category, position)
  )`,
  `create table markers (
    feed text collate "C" primary key,
    last_entry_id text,
    page_url text,
    last_seq double precision,
    updated_at double precision not null
  )`,
  `create table failed_events (
    id text collate "C" primary key,
    direction text not null,
    feed text not null,
    entry_id text,
    category text not null,
    uuid text not null,
    action text,
    links jsonb,
    error jsonb not null,
    attempts double precision not null,
    first_failed_at double precision not null,
    last_failed_at double precision not null,
    next_retry_at double precision,
    dead boolean not null
  )`,
  `create index failed_events_due on failed_events (next_retry_at) where not dead`,
  `create table audit (
    seq bigint primary key,
    prev_hash text not null,
    hash text not null,
    at double precision not null,
    operation text not null,
    category text,
    action text,
    uuid text,
    url text,
    client text,
    outcome text not null,
    details jsonb,
    instance_id text not null
  )`,
  `create index audit_by_uuid on audit (uuid, seq)`,
  `create index audit_by_category on audit (category, seq)`,
  `create index audit_by_operation on audit (operation, seq)`,
  `create table conflicts (
    id text collate "C" primary key,
    category text not null,
    uuid text not null,
    representation text not null,
    base jsonb,
    local jsonb,
    parent jsonb,
    fields jsonb not null,
    reason text not null,
    created_at double precision not null,
    resolved_at double precision,
    resolution text
  )`,
  `create index conflicts_by_time on conflicts (created_at, id)`,
  `create table settings (
    key text collate "C" primary key,
    value jsonb not null
  )`,
];

// A pulled object's base is its body: store that body once, flagged, instead of twice.
// Existing rows whose base equals their body are folded the same way.
const baseBodyOnce = [
  'alter table objects add column base_is_body boolean not null default false',
  'update objects set base_is_body = true, base_body = null where base_body is not null and base_body = body',
];

/** Every migration, in version order. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', statements: initialSchema },
  { version: 2, name: 'base body stored once when it is the body', statements: baseBodyOnce },
];
