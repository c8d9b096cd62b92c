/** Formatting for people: relative and absolute times, byte sizes, counts. */

import { h } from './dom.ts';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000],
];

/**
 * "5 minutes ago", "in 2 hours"; "just now" within ten seconds.
 *
 * @example
 * ```ts
 * relativeTime(now - 120_000, now); // '2 minutes ago'
 * ```
 */
export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  if (Math.abs(diff) < 10_000) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  }
  return format.format(Math.round(diff / 1000), 'second');
}

/** The local date and time, e.g. "26 Nov 2025, 14:03". */
export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A `<time>` showing the relative time, with the absolute one beside it and in `datetime`. */
export function timeElement(at: number, now: number): HTMLElement {
  return h('span', { class: 'when' }, [
    h('time', { datetime: new Date(at).toISOString() }, relativeTime(at, now)),
    ` (${absoluteTime(at)})`,
  ]);
}

/**
 * Bytes as "12.3 MB" (decimal units, as browsers report quotas).
 *
 * @example
 * ```ts
 * formatBytes(1_500_000); // '1.5 MB'
 * ```
 */
export function formatBytes(bytes: number): string {
  const steps = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let step = 0;
  while (value >= 1000 && step < steps.length - 1) {
    value /= 1000;
    step += 1;
  }
  const digits = step === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${steps[step]}`;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en').format(n);
}

/** "1 patient", "2 patients". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
