/** Store contract, objects: put, read, page, count, and copies that callers cannot mutate. */

import { expect, it } from 'vitest';
import type { StoredObject } from '../../../src/core/store/store-port.ts';
import { obj, type StoreRef, uuid } from './_contract-fixtures.ts';

const uuids = (rows: StoredObject[]): string[] => rows.map((o) => o.uuid);

export function objectContract(store: StoreRef): void {
  it('getObject() returns a put object whole and undefined for an unknown one', async () => {
    const full = obj('patient', 1, {
      representation: 'fhir', version: '1772427642000', removed: true,
      body: { resourceType: 'Patient', id: uuid(1), name: [{ given: ['Amina', 'Wanjiru'] }], n: 0.1, big: 1772427642000, s: 'Ωé 日本' },
      base: { body: { resourceType: 'Patient', id: uuid(1) }, hash: 'b'.repeat(64), version: '17' },
    });
    await store().applyBatch({ objects: [full, obj('patient', 2, { body: null })] });
    expect(await store().getObject('patient', uuid(1))).toEqual(full);
    expect(await store().getObject('patient', uuid(2))).toEqual(obj('patient', 2, { body: null }));
    expect(await store().getObject('patient', uuid(3))).toBeUndefined();
    expect(await store().getObject('location', uuid(1))).toBeUndefined();
  });

  it('applyBatch() replaces an object whole on a later put', async () => {
    await store().applyBatch({ objects: [obj('patient', 1, { base: { body: { a: 1 }, hash: 'x'.repeat(64) } })] });
    const next = obj('patient', 1, { version: 'v2', body: { uuid: uuid(1), name: 'Renamed' }, hash: 'c'.repeat(64) });
    await store().applyBatch({ objects: [next] });
    const stored = await store().getObject('patient', uuid(1));
    expect(stored).toEqual(next);
    expect(stored?.base).toBeUndefined();
  });

  it('getObjects() returns the objects found in the category, each once', async () => {
    await store().applyBatch({ objects: [obj('patient', 1), obj('patient', 2, { removed: true }), obj('location', 3)] });
    const found = await store().getObjects('patient', [uuid(2), uuid(3), uuid(1), uuid(9)]);
    expect(uuids(found).sort()).toEqual([uuid(1), uuid(2)]);
    expect(found.find((o) => o.uuid === uuid(2))).toEqual(obj('patient', 2, { removed: true }));
    expect(await store().getObjects('patient', [])).toEqual([]);
  });

  it('listObjects() pages a category by ascending uuid, without removed objects unless asked', async () => {
    const written = [5, 1, 4, 2, 3, 6].map((n) => obj('patient', n, { removed: n === 4 }));
    await store().applyBatch({ objects: [...written, obj('location', 7)] });
    const page1 = await store().listObjects({ category: 'patient', limit: 2 });
    expect(uuids(page1)).toEqual([uuid(1), uuid(2)]);
    const page2 = await store().listObjects({ category: 'patient', afterUuid: uuid(2), limit: 2 });
    expect(uuids(page2)).toEqual([uuid(3), uuid(5)]);
    expect(uuids(await store().listObjects({ category: 'patient', afterUuid: uuid(5) }))).toEqual([uuid(6)]);
    expect(await store().listObjects({ category: 'patient', afterUuid: uuid(6) })).toEqual([]);
    const all = await store().listObjects({ category: 'patient', includeRemoved: true });
    expect(uuids(all)).toEqual([1, 2, 3, 4, 5, 6].map(uuid));
    expect(all[3]).toEqual(obj('patient', 4, { removed: true }));
    expect(await store().listObjects({ category: 'visit' })).toEqual([]);
  });

  it('countObjects() counts live and removed objects per category', async () => {
    expect(await store().countObjects()).toEqual({});
    await store().applyBatch({
      objects: [obj('patient', 1), obj('patient', 2), obj('patient', 3, { removed: true }), obj('location', 4, { removed: true })],
    });
    expect(await store().countObjects()).toEqual({ patient: { live: 2, removed: 1 }, location: { live: 0, removed: 1 } });
  });

  it('keeps its own copies: mutating a written plan or a read result changes nothing stored', async () => {
    const written = obj('patient', 1);
    const plan = { objects: [written], settings: { s1: { list: [1, 2] } } };
    await store().applyBatch(plan);
    (written.body as { name: string }).name = 'Mutated after write';
    written.version = 'mutated';
    ((plan.settings.s1 as { list: number[] }).list).push(3);
    const read = await store().getObject('patient', uuid(1));
    (read!.body as { name: string }).name = 'Mutated after read';
    const listed = await store().listObjects({ category: 'patient' });
    listed[0]!.removed = true;
    expect(await store().getObject('patient', uuid(1))).toEqual(obj('patient', 1));
    expect(await store().getSetting('s1')).toEqual({ list: [1, 2] });
  });
}
