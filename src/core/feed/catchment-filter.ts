/** Catchment filters (DESIGN §2.4): keep the events of the places this node serves, by `feedFilter` terms. */

import type { FeedEntry } from '../atom/feed-page.ts';

/** Separator of the `country%state%county%city%postal` segments. */
const separator = '%';

/**
 * True when `value` matches `pattern` segment by segment: `*` matches any one segment, other
 * segments match exactly after trimming. Missing trailing segments count as empty, so
 * `Kenya%Nairobi` equals `Kenya%Nairobi%%%`; a pattern constrains every segment it has.
 *
 * @example
 * ```ts
 * catchmentMatches('Kenya%*%*%*%*', 'Kenya%Nairobi%Westlands%Parklands%00100'); // true
 * catchmentMatches('Kenya%Mombasa%*%*%*', 'Kenya%Nairobi%Westlands%Parklands%00100'); // false
 * ```
 */
export function catchmentMatches(pattern: string, value: string): boolean {
  const want = pattern.split(separator);
  const have = value.split(separator);
  const length = Math.max(want.length, have.length);
  for (let i = 0; i < length; i += 1) {
    const p = (want[i] ?? '').trim();
    if (p !== '*' && p !== (have[i] ?? '').trim()) return false;
  }
  return true;
}

/**
 * Whether an entry passes this node's catchment `patterns` (bean name → pattern). For each
 * configured bean the entry carries terms for, one of those terms must match; terms of beans
 * not configured, and entries without terms, pass.
 *
 * @example
 * ```ts
 * passesCatchment(entry, { locationFilter: 'Kenya%Nairobi%*%*%*' });
 * ```
 */
export function passesCatchment(entry: Pick<FeedEntry, 'filters'>, patterns: Readonly<Record<string, string>>): boolean {
  const byBean = new Map<string, string[]>();
  for (const { bean, value } of entry.filters) {
    if (!Object.hasOwn(patterns, bean)) continue;
    byBean.set(bean, [...(byBean.get(bean) ?? []), value]);
  }
  for (const [bean, values] of byBean) {
    const pattern = patterns[bean] as string;
    if (!values.some((value) => catchmentMatches(pattern, value))) return false;
  }
  return true;
}
