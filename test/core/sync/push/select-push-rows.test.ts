import { describe, expect, it } from 'vitest';
import type { ChangeRow } from '../../../../src/core/store/store-port.ts';
import { pushMarker, pushMarkerSeq } from '../../../../src/core/sync/push/push-marker.ts';
import { selectPushRows } from '../../../../src/core/sync/push/select-push-rows.ts';

function row(seq: number, category: string, uuid: string, over: Partial<ChangeRow> = {}): ChangeRow {
  return { seq, position: seq - 1, eventId: `e${seq}`, category, uuid, action: 'UPDATED', origin: 'local', hash: 'h', at: seq, ...over };
}

describe('selectPushRows()', () => {
  it('selectPushRows() skips rows that came from the parent and keeps those of this node and its children', () => {
    const items = selectPushRows([row(1, 'patient', 'a', { origin: 'parent' }), row(2, 'patient', 'b', { origin: 'child', originId: 'tab-2' })]);
    expect(items.map((i) => i.uuid)).toEqual(['b']);
    expect(items[0]?.last.originId).toBe('tab-2');
  });

  it('selectPushRows() coalesces an object\'s rows, keeping the last row\'s seq and every row', () => {
    const [item, ...rest] = selectPushRows([
      row(1, 'patient', 'a', { action: 'CREATED' }), row(2, 'patient', 'a', { origin: 'parent' }), row(3, 'patient', 'a', { action: 'VOIDED' }),
    ]);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ category: 'patient', uuid: 'a', seq: 3, firstSeq: 1, last: { seq: 3, action: 'VOIDED' } });
    expect(item?.rows.map((r) => r.seq)).toEqual([1, 3]);
  });

  it('selectPushRows() orders categories as the table does, referenced before referrers, unknown ones last', () => {
    const items = selectPushRows([
      row(1, 'observation', 'o'), row(2, 'encounter', 'e'), row(3, 'allergy', 'x'), row(4, 'patient', 'p'),
      row(5, 'person_name', 'n'), row(6, 'location', 'l'), row(7, 'visit', 'v'), row(8, 'concept', 'c'),
    ]);
    expect(items.map((i) => i.category)).toEqual([
      'location', 'patient', 'person_name', 'visit', 'encounter', 'observation', 'allergy', 'concept',
    ]);
  });

  it('selectPushRows() keeps creation order within a category, so an obs group edited later still goes before its member', () => {
    const items = selectPushRows([row(3, 'observation', 'group'), row(1, 'observation', 'group', { action: 'CREATED' }), row(2, 'observation', 'member')]);
    expect(items.map((i) => [i.uuid, i.seq])).toEqual([['group', 3], ['member', 2]]);
  });

  it('selectPushRows() of nothing, or of parent rows only, is empty', () => {
    expect(selectPushRows([])).toEqual([]);
    expect(selectPushRows([row(1, 'patient', 'a', { origin: 'parent' })])).toEqual([]);
  });
});

describe('pushMarkerSeq()', () => {
  const rows = [row(4, 'patient', 'a'), row(5, 'patient', 'b', { origin: 'parent' }), row(6, 'patient', 'c'), row(7, 'patient', 'a')];

  it('pushMarkerSeq() moves past parent rows and settled objects, up to the first unsettled one', () => {
    expect(pushMarkerSeq(rows, (key) => key === 'patient/a', 3)).toBe(5);
    expect(pushMarkerSeq(rows, () => true, 3)).toBe(7);
    expect(pushMarkerSeq(rows, () => false, 3)).toBe(3);
  });

  it('pushMarkerSeq() stops at a gap in the seqs and never moves back', () => {
    expect(pushMarkerSeq(rows, () => true, 2)).toBe(2);
    expect(pushMarkerSeq(rows, () => true, 9)).toBe(9);
  });

  it('pushMarker() is the push feed\'s marker', () => {
    expect(pushMarker(7, 1_000)).toEqual({ feed: 'push', lastSeq: 7, updatedAt: 1_000 });
  });
});
