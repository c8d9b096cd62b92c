// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { ConflictRecord, JsonObject } from '../../src/core/store/store-port.ts';
import { baseOf } from '../../src/core/sync/conflict/object-state.ts';
import { planResolution } from '../../src/core/sync/conflict/plan-resolution.ts';
import { threeWayMerge } from '../../src/core/sync/conflict/three-way-merge.ts';
import { conflictDetailScreen } from '../../src/ui/conflict-detail.ts';
import { fieldChanges, fieldChoice } from '../../src/ui/conflict-choice.ts';
import { conflictsScreen } from '../../src/ui/conflicts-screen.ts';
import { $, button, FakeApi, fakeContext, settle } from './_ui-kit.ts';

afterEach(() => document.body.replaceChildren());

const record: ConflictRecord = {
  id: 'patient/p1', category: 'patient', uuid: 'p1', representation: 'fhir', reason: 'overlap', createdAt: Date.UTC(2025, 10, 26, 11),
  fields: ['gender'],
  base: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990-01-01', active: true, meta: { versionId: '1' } },
  local: { resourceType: 'Patient', id: 'p1', gender: 'other', birthDate: '1990-01-02', active: true, meta: { versionId: '1' } },
  parent: { resourceType: 'Patient', id: 'p1', gender: 'unknown', birthDate: '1990-01-01', active: false, meta: { versionId: '2' } },
};

/** Two edits of one pulled patient: the family name and birth date here, the given name and birth date on the parent. */
function namesEdited(): ConflictRecord {
  const name = { id: 'n1', family: 'Otieno', given: ['Amina'] };
  const base: JsonObject = { resourceType: 'Patient', id: 'p2', name: [name], gender: 'female', birthDate: '1990-01-01', meta: { versionId: '1' } };
  const local: JsonObject = { ...base, name: [{ ...name, family: 'Tablet-Family' }], birthDate: '1991-02-03' };
  const parent: JsonObject = { ...base, name: [{ ...name, given: ['Edge-Given'] }], birthDate: '1985-06-07', meta: { versionId: '2' } };
  const merge = threeWayMerge(base, local, parent);
  return {
    id: 'patient/p2', category: 'patient', uuid: 'p2', representation: 'fhir', reason: 'overlap', createdAt: Date.UTC(2025, 10, 26, 11),
    fields: merge.kind === 'conflict' ? merge.fields : [], base, local, parent,
  };
}

async function detail(api: FakeApi, shown: ConflictRecord = record) {
  api.conflictList = [shown];
  const kit = fakeContext(api);
  const screen = conflictDetailScreen(kit.context, shown.id);
  document.body.append(screen.element);
  await settle();
  return { ...kit, root: screen.element };
}

function pick(root: HTMLElement, field: string, side: 'local' | 'parent'): void {
  const row = $(root, `tr[data-field="${field}"]`);
  ($(row, `input[value="${side}"]`) as HTMLInputElement).checked = true;
}

describe('conflicts', () => {
  it('fieldChanges() lists differing fields, conflicting first, with the side that changed each (meta ignored)', () => {
    expect(fieldChanges(record).map((c) => [c.field, c.changedOn])).toEqual([['gender', 'both'], ['active', 'parent'], ['birthDate', 'local']]);
  });

  it('fieldChoice() fills one-sided fields with the side that changed them and asks for the conflicting ones', () => {
    const changes = fieldChanges(record);
    expect(fieldChoice(changes, {})).toEqual({ ok: false, missing: ['gender'] });
    expect(fieldChoice(changes, { gender: 'local', active: 'local' })).toEqual({
      ok: true, choice: { fields: { gender: 'local', active: 'local', birthDate: 'local' } },
    });
  });

  it('fieldChanges() marks a field both sides changed in different places as merged, with the merged value', () => {
    const edited = namesEdited();
    expect(edited.fields).toEqual(['birthDate']);
    const changes = fieldChanges(edited);
    expect(changes.map((c) => [c.field, c.changedOn])).toEqual([['birthDate', 'both'], ['name', 'merged']]);
    expect(changes[1]?.merged).toEqual([{ id: 'n1', family: 'Tablet-Family', given: ['Edge-Given'] }]);
  });

  it('fieldChanges() keeps a field both sides changed in the same place as conflicting, even when the record does not name it', () => {
    const edited = namesEdited();
    const local = edited.local as JsonObject;
    const clash = { ...edited, fields: [], local: { ...local, name: [{ id: 'n1', family: 'Tablet-Family', given: ['Tablet-Given'] }] } };
    expect(fieldChanges(clash).map((c) => [c.field, c.changedOn])).toEqual([['birthDate', 'both'], ['name', 'both']]);
  });

  it('fieldChoice() leaves merged fields out of the choice unless a side is picked, and the core then keeps both changes', () => {
    const edited = namesEdited();
    const changes = fieldChanges(edited);
    expect(fieldChoice(changes, {})).toEqual({ ok: false, missing: ['birthDate'] });
    const built = fieldChoice(changes, { birthDate: 'local' });
    expect(built).toEqual({ ok: true, choice: { fields: { birthDate: 'local' } } });
    expect(fieldChoice(changes, { birthDate: 'local', name: 'parent' })).toEqual({ ok: true, choice: { fields: { birthDate: 'local', name: 'parent' } } });
    const local = edited.local as JsonObject;
    const stored = {
      category: 'patient', uuid: 'p2', representation: 'fhir' as const, body: local, hash: canonicalHash(local), version: '2', removed: false,
      base: baseOf(edited.base), updatedAt: 1,
    };
    const choice = built.ok ? built.choice : { take: 'local' as const };
    const resolved = planResolution(edited, choice, { stored, now: 2, eventId: 'e1', instanceId: 'tablet-7' });
    expect(resolved.ok && resolved.object.body).toMatchObject({ birthDate: '1991-02-03', name: [{ id: 'n1', family: 'Tablet-Family', given: ['Edge-Given'] }] });
  });

  it('conflictDetailScreen() preselects "Both changes" for a merged field and asks only for the conflicting one', async () => {
    const api = new FakeApi();
    const { root } = await detail(api, namesEdited());
    expect([...root.querySelectorAll('tr.both-changed')].map((tr) => tr.getAttribute('data-field'))).toEqual(['birthDate']);
    const name = $(root, 'tr[data-field="name"]');
    expect(name.textContent).toContain('changed on both sides, in different places');
    expect(($(name, 'input[value="merged"]') as HTMLInputElement).checked).toBe(true);
    expect($(name, 'pre.merged-value').textContent).toContain('Edge-Given');
    pick(root, 'birthDate', 'local');
    button(root, 'Apply choices').click();
    await settle();
    expect(api.callsOf('resolveConflict')).toEqual([['patient/p2', { fields: { birthDate: 'local' } }]]);
  });

  it('conflictDetailScreen() shows base, mine and theirs side by side', async () => {
    const { root } = await detail(new FakeApi());
    const cells = [...$(root, 'tr[data-field="gender"]').querySelectorAll('td pre')].map((p) => p.textContent);
    expect(cells).toEqual(['female', 'other', 'unknown']);
    expect(root.textContent).toContain('The same fields were changed on this tablet and on the parent.');
    expect(root.querySelectorAll('tr[data-field="meta"]')).toHaveLength(0);
  });

  it('conflictDetailScreen() builds the ConflictChoice from the radio picked per field', async () => {
    const api = new FakeApi();
    const { root, record: seen } = await detail(api);
    pick(root, 'gender', 'parent');
    pick(root, 'birthDate', 'parent');
    button(root, 'Apply choices').click();
    await settle();
    expect(api.callsOf('resolveConflict')).toEqual([['patient/p1', { fields: { gender: 'parent', active: 'parent', birthDate: 'parent' } }]]);
    expect(seen.navigated).toEqual([{ screen: 'conflicts' }]);
    expect(seen.said).toContain('Conflict resolved. The result is sent at the next sync.');
  });

  it('conflictDetailScreen() asks for a side before applying, without calling the API', async () => {
    const api = new FakeApi();
    const { root } = await detail(api);
    button(root, 'Apply choices').click();
    await settle();
    expect(api.callsOf('resolveConflict')).toEqual([]);
    expect($(root, '[role="alert"]').textContent).toBe('Choose a side for: gender');
  });

  it('conflictDetailScreen() keeps mine or takes theirs as a whole', async () => {
    const api = new FakeApi();
    const { root } = await detail(api);
    button(root, 'Keep mine').click();
    await settle();
    button(root, 'Take theirs').click();
    await settle();
    expect(api.callsOf('resolveConflict')).toEqual([['patient/p1', { take: 'local' }], ['patient/p1', { take: 'parent' }]]);
  });

  it('conflictDetailScreen() shows a refusal with its code and stays', async () => {
    const api = new FakeApi();
    api.resolveResult = { ok: false, error: { code: 'CONFLICT_NOT_RESOLVED', message: 'The record changed since the conflict was found; reload the conflicts' } };
    const { root, record: seen } = await detail(api);
    button(root, 'Keep mine').click();
    await settle();
    expect($(root, '[role="alert"]').textContent).toContain('CONFLICT_NOT_RESOLVED');
    expect(seen.navigated).toEqual([]);
  });

  it('conflictsScreen() lists open conflicts with a link to resolve each', async () => {
    const api = new FakeApi();
    api.conflictList = [record];
    const root = conflictsScreen(fakeContext(api).context).element;
    await settle();
    expect($(root, 'ul[aria-label="Open conflicts"] > li.conflict a').getAttribute('href')).toBe('#/conflicts/patient%2Fp1');
    expect($(root, 'li.conflict').textContent).toContain('Fields changed on both sides: gender');
  });
});
