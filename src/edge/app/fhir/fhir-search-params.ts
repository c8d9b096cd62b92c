/** Parses the FHIR search parameters this node supports into a plain value (pure). */

import { type AppFailure, appFailure } from '../app-errors.ts';

export const defaultSearchCount = 100;
export const maxSearchCount = 1000;

/** A `_lastUpdated` condition on this node's write time: `prefix` against the range [start, end). */
export interface DateCondition {
  prefix: 'eq' | 'gt' | 'ge' | 'lt' | 'le';
  start: number;
  end: number;
}

/** One reference condition; any of `values` may match (comma list). */
export interface ReferenceCondition {
  /** Body fields that may hold the reference. */
  fields: ('subject' | 'patient')[];
  values: { type?: string; id: string }[];
}

export interface FhirSearch {
  /** `_id` conditions: each a set of which one must hold the id (comma = or, repeated = and). */
  ids: Set<string>[];
  lastUpdated: DateCondition[];
  /** `_tag` conditions: each a list of tokens of which one must match. */
  tags: { system?: string; code: string }[][];
  references: ReferenceCondition[];
  count: number;
  /** Paging: only ids after this one (ids ascending). */
  cursor?: string;
  /** `_summary=count` or `_count=0`: the total only. */
  totalOnly: boolean;
}

const ignored = new Set(['_format', '_pretty']);

/**
 * The search of a query: `_id`, `_lastUpdated` (eq/gt/ge/lt/le and a date of any precision),
 * `_tag` (`system|code`, `|code` or `code`), `patient`, `subject`, `_count` (default 100, at most
 * 1000), `_cursor` (our paging), `_summary=count`. Any other parameter is
 * `SEARCH_PARAM_UNSUPPORTED`, never silently ignored: a child must not take a wider result for
 * the one it asked for.
 */
export function parseFhirSearch(query: readonly (readonly [string, string])[]): FhirSearch | AppFailure {
  const search: FhirSearch = { ids: [], lastUpdated: [], tags: [], references: [], count: defaultSearchCount, totalOnly: false };
  for (const [name, value] of query) {
    const failure = applyParam(search, name, value);
    if (failure) return failure;
  }
  return search;
}

function applyParam(search: FhirSearch, name: string, value: string): AppFailure | undefined {
  const list = value.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  switch (name) {
    case '_id': search.ids.push(new Set(list)); return undefined;
    case '_tag': search.tags.push(list.map(parseToken)); return undefined;
    case 'patient': search.references.push({ fields: ['subject', 'patient'], values: list.map((v) => parseReference(v, 'Patient')) }); return undefined;
    case 'subject': search.references.push({ fields: ['subject'], values: list.map((v) => parseReference(v)) }); return undefined;
    case '_cursor': search.cursor = value; return undefined;
    case '_lastUpdated': {
      const condition = parseDateCondition(value);
      if (!condition) return invalid(name, value, 'expected an optional eq/gt/ge/lt/le prefix and a FHIR date or dateTime');
      search.lastUpdated.push(condition);
      return undefined;
    }
    case '_count': {
      if (!/^\d{1,9}$/.test(value)) return invalid(name, value, 'expected a whole number');
      search.count = Math.min(Number(value), maxSearchCount);
      if (search.count === 0) search.totalOnly = true;
      return undefined;
    }
    case '_summary':
      if (value === 'count') search.totalOnly = true;
      else if (value !== 'false') return unsupported(name, `only _summary=count is supported`);
      return undefined;
    default:
      return ignored.has(name) ? undefined : unsupported(name, `${name} is not a supported search parameter`);
  }
}

function parseToken(value: string): { system?: string; code: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  return { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

/** `Patient/123`, an absolute URL ending in `Patient/123`, or a bare id. */
export function parseReference(value: string, defaultType?: string): { type?: string; id: string } {
  const parts = value.split('?')[0]?.split('/').filter((p) => p.length > 0) ?? [];
  const id = parts.at(-1) ?? '';
  const type = parts.length >= 2 ? parts.at(-2) : defaultType;
  return type === undefined ? { id } : { type, id };
}

const datePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A `_lastUpdated` value as a range of clock times; undefined when unreadable. */
export function parseDateCondition(value: string): DateCondition | undefined {
  const prefixMatch = /^(eq|gt|ge|lt|le)/.exec(value);
  const prefix = (prefixMatch?.[1] ?? 'eq') as DateCondition['prefix'];
  const m = datePattern.exec(value.slice(prefixMatch ? 2 : 0));
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, frac, zone] = m.slice(1).map((x) => x ?? undefined) as (string | undefined)[];
  const n = (x: string | undefined, fallback: number): number => (x === undefined ? fallback : Number(x));
  const offset = zone && zone !== 'Z' ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) * 60_000 : 0;
  const at = (add: number[]): number =>
    Date.UTC(n(y, 0) + (add[0] ?? 0), n(mo, 1) - 1 + (add[1] ?? 0), n(d, 1) + (add[2] ?? 0), n(h, 0), n(mi, 0) + (add[3] ?? 0), n(s, 0) + (add[4] ?? 0)) +
    Math.floor(Number(`0.${frac ?? '0'}`) * 1000) + (add[5] ?? 0) - offset;
  const step = frac !== undefined ? [0, 0, 0, 0, 0, 1] : s !== undefined ? [0, 0, 0, 0, 1] : mi !== undefined ? [0, 0, 0, 1]
    : d !== undefined ? [0, 0, 1] : mo !== undefined ? [0, 1] : [1];
  const start = at([]);
  const end = at(step);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
  return { prefix, start, end };
}

function invalid(name: string, value: string, why: string): AppFailure {
  return appFailure('SEARCH_PARAM_INVALID', { message: `${name}=${value}: ${why}`, details: { param: name, value } });
}

function unsupported(name: string, message: string): AppFailure {
  return appFailure('SEARCH_PARAM_UNSUPPORTED', { message, details: { param: name } });
}
