/** Warnings of a feed read: the marker no longer fits the feed, so the reader recovers by replaying from page 1. */

import type { NewAuditRow } from '../store/store-port.ts';

/** Why the reader had to recover. */
export type FeedWarningKind =
  /** The marker's page is past the feed's last page (the feed was reset or shrank). */
  | 'marker-page-gone'
  /** The marker's page no longer holds its last entry (pages shifted). */
  | 'marker-entry-missing'
  /** The marker's page URL has no page number. */
  | 'marker-unreadable';

export interface FeedWarning {
  kind: FeedWarningKind;
  message: string;
  details: Record<string, unknown>;
}

/**
 * The audit row that records a warning (operation and outcome `warning`).
 *
 * @example
 * ```ts
 * warningAuditRow(warning, { feed, now: 0, instanceId: 'tablet-1' });
 * ```
 */
export function warningAuditRow(
  warning: FeedWarning,
  context: { feed: string; now: number; instanceId: string },
): NewAuditRow {
  return {
    at: context.now,
    operation: 'warning',
    outcome: 'warning',
    url: context.feed,
    details: { kind: warning.kind, message: warning.message, ...warning.details },
    instanceId: context.instanceId,
  };
}
