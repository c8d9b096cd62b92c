import { describe, expect, it } from 'vitest';
import { isWritable } from '../../../src/core/clients/resource-manager.ts';
import { createChild, createEdgeParent, fakeClock, objectRequests, patient, uuidOf } from '../sync/push/_push-kit.ts';

async function edge() {
  const clock = fakeClock();
  const parent = await createEdgeParent(clock.now);
  const { manager } = createChild(parent.fetch, { now: clock.now });
  return { parent, manager };
}

describe('ResourceManager writes (createResourceManager)', () => {
  it('readCurrent() and writeObject() create, update with If-Match, and delete a FHIR resource on an edge node', async () => {
    const { parent, manager } = await edge();
    expect(isWritable(manager)).toBe(true);
    const a = uuidOf(1);
    const ref = { category: 'patient', uuid: a };
    expect(await manager.readCurrent(ref, 'fhir')).toMatchObject({ missing: true, client: 'fhir' });
    const created = await manager.writeObject({ ...ref, op: 'create', representation: 'fhir', body: patient(a) });
    expect(created).toMatchObject({ kind: 'ok', version: '1', body: { id: a, meta: { versionId: '1' } } });
    expect(await manager.readCurrent(ref, 'fhir')).toMatchObject({ version: '1', body: { gender: 'female' } });

    const stale = await manager.writeObject({ ...ref, op: 'update', representation: 'fhir', body: patient(a, { gender: 'male' }), ifMatch: '7' });
    expect(stale).toMatchObject({ kind: 'precondition-failed', status: 412 });
    const updated = await manager.writeObject({ ...ref, op: 'update', representation: 'fhir', body: patient(a, { gender: 'male' }), ifMatch: '1' });
    expect(updated).toMatchObject({ kind: 'ok', version: '2', body: { gender: 'male' } });
    const removed = await manager.writeObject({ ...ref, op: 'remove', representation: 'fhir', body: null, ifMatch: '2' });
    expect(removed).toMatchObject({ kind: 'ok', body: null, version: '3' });
    expect(await manager.readCurrent(ref, 'fhir')).toMatchObject({ removed: true });
    expect(objectRequests(parent).filter((r) => r.startsWith('PUT') || r.startsWith('DELETE'))).toEqual([
      `PUT /ws/fhir2/R4/Patient/${a}`, `PUT /ws/fhir2/R4/Patient/${a}`, `PUT /ws/fhir2/R4/Patient/${a}`, `DELETE /ws/fhir2/R4/Patient/${a}`,
    ]);
  });

  it('writeObject() creates REST objects with their uuid on an edge node, verbatim, and reports a different one under that uuid as exists', async () => {
    const { manager } = await edge();
    const uuid = 'aaaaaaaa-0000-4000-8000-00000000000a';
    const ref = { category: 'location', uuid };
    const body = { uuid, name: 'Kibera', retired: false };
    const created = await manager.writeObject({ ...ref, op: 'create', representation: 'rest', body });
    expect(created).toMatchObject({ kind: 'ok', client: 'rest', body: { uuid, name: 'Kibera' } });
    expect(await manager.readCurrent(ref, 'rest')).toMatchObject({ body: { name: 'Kibera' } });
    expect(await manager.writeObject({ ...ref, op: 'create', representation: 'rest', body: { ...body, name: 'Other' } }))
      .toMatchObject({ kind: 'exists', status: 409 });
    expect(await manager.writeObject({ ...ref, op: 'remove', representation: 'rest', body: null })).toMatchObject({ kind: 'ok', body: null });
    expect(await manager.readCurrent(ref, 'rest')).toMatchObject({ removed: true });
  });

  it('readCurrent() refuses a sub-resource whose owner is unknown, and writeObject() fails it with PUSH_UNSUPPORTED', async () => {
    const { manager } = await edge();
    const ref = { category: 'person_name', uuid: 'n-1' };
    await expect(manager.readCurrent(ref, 'rest')).rejects.toMatchObject({ code: 'PUSH_UNSUPPORTED' });
    expect(await manager.writeObject({ ...ref, op: 'update', representation: 'rest', body: { givenName: 'A' } }))
      .toMatchObject({ kind: 'failed', error: { code: 'PUSH_UNSUPPORTED' } });
  });
});
