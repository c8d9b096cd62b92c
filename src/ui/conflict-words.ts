/** Words for conflicts: why a record is in conflict, and a field value shown as text. */

import type { ConflictRecord, Json } from '../core/store/store-port.ts';

const reasons: Record<ConflictRecord['reason'], string> = {
  overlap: 'The same fields were changed on this tablet and on the parent.',
  'removed-on-parent': 'The parent removed this record, but it was changed on this tablet.',
  'removed-locally': 'This record was removed on this tablet, but changed on the parent.',
  'no-base': 'This record exists on both sides with different contents, and they were never synced.',
};

/** Why the record is in conflict, in a sentence. */
export function conflictReason(record: ConflictRecord): string {
  return reasons[record.reason] ?? 'The record changed on both sides.';
}

/** A value as readable text: strings as they are, absent as "(none)", the rest as indented JSON. */
export function valueText(value: Json | undefined): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
