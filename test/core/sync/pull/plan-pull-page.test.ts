import { describe, expect, it } from 'vitest';
import type { FeedAction } from '../../../../src/core/categories/category-table.ts';
import type { FetchOutcome } from '../../../../src/core/clients/resource-manager.ts';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { ConflictRecord, StoredObject } from '../../../../src/core/store/store-port.ts';
import { coalesceEntries } from '../../../../src/core/sync/pull/coalesce-entries.ts';
import { planPullPage } from '../../../../src/core/sync/pull/plan-pull-page.ts';
import { entryOf } from '../../feed/_fake-parent.ts';
import { patientBody } from './_fake-network.ts';

const filter = { bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%Nairobi%null%Kibera%00100' };
const entry = (id: string, uuid: string, action: FeedAction, filters = [filter]) => entryOf({ id, uuid, action, filters });

function found(uuid: string, given: string): FetchOutcome {
  return {
    kind: 'found', request: { category: 'patient', uuid, links: {} }, representation: 'fhir', body: patientBody(uuid, given),
    version: '7', client: 'fhir', url: `https://parent/ws/fhir2/R4/Patient/${uuid}`,
  };
}

function synced(uuid: string, given: string, current = given): StoredObject {
  const base = patientBody(uuid, given);
  const body = patientBody(uuid, current);
  return {
    category: 'patient', uuid, representation: 'fhir', body, hash: canonicalHash(body), version: '2', removed: false, updatedAt: 0,
    base: { body: base, hash: canonicalHash(base), version: '6' },
  };
}

const outcomes = (...list: FetchOutcome[]) => new Map(list.map((o) => [`${o.request.category}/${o.request.uuid}`, o] as const));

describe('planPullPage()', () => {
  it('planPullPage() writes applied objects with preconditions and change rows in feed order, origin parent, event id of the last entry', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'CREATED'), entry('e2', 'b', 'CREATED'), entry('e3', 'a', 'UPDATED')]);
    const { plan, failures, counts } = planPullPage({
      objects, outcomes: outcomes(found('a', 'Amina'), found('b', 'Baraka')), stored: new Map(), now: 9, instanceId: 'hub',
    });
    expect(failures).toEqual([]);
    expect(plan.preconditions).toEqual([
      { category: 'patient', uuid: 'b', version: null }, { category: 'patient', uuid: 'a', version: null },
    ]);
    expect(plan.changes?.map((c) => [c.eventId, c.uuid, c.action, c.origin])).toEqual([
      ['e2', 'b', 'CREATED', 'parent'], ['e3', 'a', 'UPDATED', 'parent'],
    ]);
    expect(plan.changes?.[0]?.filters).toEqual([expect.stringContaining('Kenya%Nairobi%null%Kibera%00100')]);
    expect(plan.changes?.[1]?.hash).toBe(canonicalHash(patientBody('a', 'Amina')));
    expect(plan.audit?.[1]).toMatchObject({
      operation: 'pull', category: 'patient', action: 'UPDATED', uuid: 'a', outcome: 'ok', client: 'fhir', instanceId: 'hub', at: 9,
      url: 'https://parent/ws/fhir2/R4/Patient/a', details: { eventIds: ['e1', 'e3'], created: true },
    });
    expect(counts).toMatchObject({ entries: 3, objects: 2, fetched: 2, applied: 2, noop: 0 });
  });

  it('planPullPage() plans no object and no change row for a noop, only its audit row', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED')]);
    const stored = new Map([['patient/a', synced('a', 'Amina')]]);
    const synth = { ...found('a', 'Amina'), version: '6' } as FetchOutcome;
    const { plan, counts } = planPullPage({ objects, outcomes: outcomes(synth), stored, now: 9, instanceId: '' });
    expect(plan).toEqual({ audit: [expect.objectContaining({ outcome: 'noop', details: expect.objectContaining({ reason: 'same' }) })] });
    expect(counts.noop).toBe(1);
  });

  it('planPullPage() marks an object removed with the category removal action when the parent says it is gone', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED')]);
    const gone: FetchOutcome = { kind: 'gone', request: { category: 'patient', uuid: 'a', links: {} }, status: 410, client: 'fhir', url: 'u' };
    const { plan } = planPullPage({ objects, outcomes: outcomes(gone), stored: new Map([['patient/a', synced('a', 'Amina')]]), now: 9, instanceId: '' });
    expect(plan.objects?.[0]).toMatchObject({ removed: true, body: patientBody('a', 'Amina') });
    expect(plan.changes?.[0]).toMatchObject({ action: 'VOIDED', eventId: 'e1' });
    expect(plan.audit?.[0]).toMatchObject({ outcome: 'ok', details: { gone: 410, removed: true } });
  });

  it('planPullPage() turns a failed fetch into a failure of the last entry and writes nothing for the object', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'CREATED'), entry('e2', 'a', 'UPDATED')]);
    const error = { code: 'HTTP_ERROR', message: 'boom', details: { status: 500 } };
    const failed: FetchOutcome = { kind: 'failed', request: { category: 'patient', uuid: 'a', links: {} }, error, client: 'rest', url: 'r' };
    const { plan, failures, counts } = planPullPage({ objects, outcomes: outcomes(failed), stored: new Map(), now: 9, instanceId: '', operation: 'retry' });
    expect(failures.map((f) => [f.entry.id, f.error.code])).toEqual([['e2', 'HTTP_ERROR']]);
    expect(plan.objects).toBeUndefined();
    expect(plan.audit).toEqual([expect.objectContaining({ operation: 'retry', outcome: 'failed', client: 'rest', url: 'r' })]);
    expect(counts.failed).toBe(1);
  });

  it('planPullPage() puts a conflict and keeps the createdAt of the open one already stored', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED')]);
    const stored = new Map([['patient/a', synced('a', 'Amina', 'Halima')]]);
    const open = { id: 'patient/a', createdAt: 3 } as ConflictRecord;
    const { plan } = planPullPage({
      objects, outcomes: outcomes(found('a', 'Zawadi')), stored, conflicts: new Map([['patient/a', open]]), now: 9, instanceId: '',
    });
    expect(plan.conflicts?.put).toEqual([expect.objectContaining({ id: 'patient/a', reason: 'overlap', createdAt: 3 })]);
    expect(plan.objects).toBeUndefined();
    expect(plan.changes).toBeUndefined();
    expect(plan.audit?.[0]).toMatchObject({ outcome: 'conflict', details: { reason: 'overlap', fields: ['name'] } });
  });

  it('planPullPage() fails entries that name no object with OBJECT_INVALID', () => {
    const bad = { ...entry('e1', 'a', 'CREATED'), links: {} };
    const { failures } = planPullPage({ objects: [], unnamed: [bad], outcomes: new Map(), stored: new Map(), now: 9, instanceId: '' });
    expect(failures).toEqual([{ entry: bad, error: expect.objectContaining({ code: 'OBJECT_INVALID' }) }]);
  });

  it('planPullPage() writes a merge as a local change under a replay-stable event id, with a merge audit row', () => {
    const { objects } = coalesceEntries([entry('e1', 'a', 'UPDATED')]);
    const local = patientBody('a', 'Amina', { gender: 'female' });
    const base = patientBody('a', 'Amina');
    const stored: StoredObject = {
      category: 'patient', uuid: 'a', representation: 'fhir', body: local, hash: canonicalHash(local), version: '2', removed: false,
      updatedAt: 0, base: { body: base, hash: canonicalHash(base), version: '6' },
    };
    const parent: FetchOutcome = { ...found('a', 'Amina'), body: patientBody('a', 'Amina', { birthDate: '1990-01-01' }) } as FetchOutcome;
    const input = { objects, outcomes: outcomes(parent), stored: new Map([['patient/a', stored]]), now: 9, instanceId: 'hub' };
    const { plan, counts } = planPullPage(input);
    expect(counts).toMatchObject({ merged: 1, applied: 0, conflicts: 0 });
    expect(plan.objects?.[0]).toMatchObject({ version: '3', body: { gender: 'female', birthDate: '1990-01-01' }, base: { version: '7' } });
    expect(plan.changes).toEqual([expect.objectContaining({ origin: 'local', action: 'UPDATED', hash: plan.objects?.[0]?.hash })]);
    expect(plan.changes?.[0]?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(planPullPage(input).plan.changes?.[0]?.eventId).toBe(plan.changes?.[0]?.eventId);
    expect(plan.audit?.map((a) => [a.operation, a.outcome])).toEqual([['merge', 'ok'], ['pull', 'ok']]);
    expect(plan.audit?.[0]?.details).toMatchObject({ direction: 'pull', localFields: ['gender'], parentFields: ['birthDate'] });
  });
});
