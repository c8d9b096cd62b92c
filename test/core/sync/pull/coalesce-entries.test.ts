import { describe, expect, it } from 'vitest';
import type { FeedAction } from '../../../../src/core/categories/category-table.ts';
import { coalesceEntries } from '../../../../src/core/sync/pull/coalesce-entries.ts';
import { entryOf } from '../../feed/_fake-parent.ts';

const entry = (id: string, uuid: string, action: FeedAction, category = 'patient') => entryOf({ id, uuid, action }, category);

describe('coalesceEntries()', () => {
  it('coalesceEntries() makes two UPDATEDs of one object one fetch and keeps both event ids', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED'), entry('e2', 'a', 'UPDATED')]);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ category: 'patient', uuid: 'a', fetch: true });
    expect(objects[0]?.entries.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(objects[0]?.last.id).toBe('e2');
  });

  it('coalesceEntries() turns an OpenMRS void (UPDATED then VOIDED) into one removal without a fetch', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED'), entry('e2', 'a', 'VOIDED')]);
    expect(objects).toEqual([expect.objectContaining({ uuid: 'a', fetch: false })]);
    expect(objects[0]?.last.action).toBe('VOIDED');
  });

  it.each(['VOIDED', 'RETIRED', 'DELETED'] as const)('coalesceEntries() needs no fetch when the last action is %s', (action) => {
    expect(coalesceEntries([entry('e1', 'a', 'CREATED'), entry('e2', 'a', action)]).objects[0]?.fetch).toBe(false);
  });

  it.each(['UNVOIDED', 'UNRETIRED'] as const)('coalesceEntries() fetches again when %s follows a removal', (action) => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'VOIDED'), entry('e2', 'a', action)]);
    expect(objects[0]).toMatchObject({ fetch: true });
    expect(objects[0]?.last.action).toBe(action);
  });

  it('coalesceEntries() orders objects by their last entry', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'CREATED'), entry('e2', 'b', 'CREATED'), entry('e3', 'a', 'UPDATED')]);
    expect(objects.map((o) => o.uuid)).toEqual(['b', 'a']);
  });

  it('coalesceEntries() keeps the same uuid in two categories apart', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'CREATED', 'visit'), entry('e2', 'a', 'CREATED', 'encounter')]);
    expect(objects.map((o) => `${o.category}/${o.uuid}`)).toEqual(['visit/a', 'encounter/a']);
  });

  it('coalesceEntries() sets aside entries whose links name no object', () => {
    const bad = { ...entry('e1', 'a', 'CREATED'), links: {} };
    const { objects, unnamed } = coalesceEntries([bad, entry('e2', 'b', 'CREATED')]);
    expect(unnamed.map((e) => e.id)).toEqual(['e1']);
    expect(objects.map((o) => o.uuid)).toEqual(['b']);
  });
});
