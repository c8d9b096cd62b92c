/** One conflict side by side (base, this tablet, the parent) with a choice per field, or a whole side. */

import type { ConflictChoice } from '../browser/sync-api.ts';
import type { ConflictRecord } from '../core/store/store-port.ts';
import { h, heading, replaceChildren } from './dom.ts';
import { defaultPick, type FieldChange, fieldChanges, fieldChoice, type FieldPick } from './conflict-choice.ts';
import { conflictReason, valueText } from './conflict-words.ts';
import { failureBox } from './failure-box.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * The resolution screen of conflict `id`: "Keep mine", "Take theirs", or "Apply choices" with the
 * side picked per changed field; each calls `api.resolveConflict(id, choice)`.
 *
 * @example
 * ```ts
 * main.append(conflictDetailScreen(context, 'patient/b79d…').element);
 * ```
 */
export function conflictDetailScreen(context: ScreenContext, id: string): Screen {
  const body = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading the conflict…'));
  const element = h('section', { class: 'screen conflict-detail' }, [
    heading('Resolve a conflict'), h('p', {}, h('a', { href: hrefOf({ screen: 'conflicts' }) }, 'Back to the conflicts')), body,
  ]);
  void (async () => {
    try {
      const record = (await context.api.conflicts()).find((c) => c.id === id);
      replaceChildren(body, record ? resolutionForm(context, record) : h('p', {}, 'This conflict is not open any more: it was resolved or replaced.'));
    } catch (error) {
      replaceChildren(body, failureBox(error, { heading: 'The conflict could not be read' }));
    }
    body.setAttribute('aria-busy', 'false');
  })();
  return { title: 'Resolve a conflict', element };
}

function resolutionForm(context: ScreenContext, record: ConflictRecord): HTMLElement {
  const changes = fieldChanges(record);
  const table = fieldTable(changes);
  const outcome = h('div', { class: 'form-outcome' });
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Choose per field' }, [
    changes.length > 0 ? table.element : null,
    outcome,
    h('div', { class: 'actions' }, [
      changes.length > 0 ? h('button', { type: 'submit', class: 'primary' }, 'Apply choices') : null,
      h('button', { type: 'button', onclick: () => void resolve({ take: 'local' }) }, record.local ? 'Keep mine' : 'Keep it removed'),
      h('button', { type: 'button', onclick: () => void resolve({ take: 'parent' }) }, record.parent ? 'Take theirs' : 'Remove it as the parent did'),
    ]),
  ]);
  const resolve = async (choice: ConflictChoice): Promise<void> => {
    replaceChildren(outcome, []);
    const result = await context.api.resolveConflict(record.id, choice).catch((error: unknown) => ({ ok: false as const, error }));
    if (!result.ok) return replaceChildren(outcome, failureBox(result.error, { heading: 'Not resolved' }));
    context.announce('Conflict resolved. The result is sent at the next sync.');
    context.deps.onLocalChange?.();
    void context.refreshStatus();
    context.navigate({ screen: 'conflicts' });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const built = fieldChoice(changes, table.picks());
    if (!built.ok) {
      replaceChildren(outcome, h('p', { class: 'failure', role: 'alert' }, `Choose a side for: ${built.missing.join(', ')}`));
      table.focus(built.missing[0] ?? '');
      return;
    }
    void resolve(built.choice);
  });
  return h('div', {}, [
    h('p', { class: 'conflict-record' }, [h('strong', {}, `${record.category} ${record.uuid}`), ` — ${conflictReason(record)}`]),
    form,
    wholeRecords(record),
  ]);
}

const badges: Record<FieldChange['changedOn'], string | null> = {
  both: 'changed on both sides', merged: 'changed on both sides, in different places', local: null, parent: null,
};

/** The per-field table, the sides picked and a way to focus a field's first radio. */
function fieldTable(changes: FieldChange[]): { element: HTMLElement; picks(): Record<string, FieldPick | undefined>; focus(field: string): void } {
  const radios = new Map(changes.map((c, i) => [c.field, sideRadios(c, `side-${i}`)]));
  const cell = (value: FieldChange['local']): HTMLElement => h('td', {}, h('pre', { class: 'value' }, valueText(value)));
  const row = (c: FieldChange): HTMLElement => {
    const r = radios.get(c.field);
    const badge = badges[c.changedOn];
    return h('tr', { 'data-field': c.field, class: c.changedOn === 'both' ? 'both-changed' : c.changedOn === 'merged' ? 'merged' : '' }, [
      h('th', { scope: 'row' }, [c.field, badge ? h('span', { class: 'badge' }, badge) : null]),
      cell(c.base), cell(c.local), cell(c.parent),
      h('td', {}, h('fieldset', { class: 'side-picker' }, [
        h('legend', { class: 'visually-hidden' }, `Version of ${c.field} to keep`),
        h('label', { class: 'choice' }, [r?.local, ' Mine']),
        h('label', { class: 'choice' }, [r?.parent, ' Theirs']),
        // Both sides' changes, as the merge combines them: the default for such a field.
        r?.merged ? h('label', { class: 'choice' }, [r.merged, ' Both changes']) : null,
        r?.merged ? h('pre', { class: 'value merged-value' }, valueText(c.merged)) : null,
      ])),
    ]);
  };
  const element = h('table', { class: 'data side-by-side' }, [
    h('caption', {}, 'Fields that differ. Pick the version to keep for each.'),
    h('thead', {}, h('tr', {}, ['Field', 'Before (base)', 'Mine (this tablet)', 'Theirs (parent)', 'Keep'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, changes.map(row)),
  ]);
  const pickOf = (r: SideRadios): FieldPick | undefined => r.local.checked ? 'local' : r.parent.checked ? 'parent' : r.merged?.checked ? 'merged' : undefined;
  return {
    element,
    picks: () => Object.fromEntries([...radios].map(([field, r]) => [field, pickOf(r)])),
    focus: (field) => radios.get(field)?.local.focus(),
  };
}

interface SideRadios { local: HTMLInputElement; parent: HTMLInputElement; merged?: HTMLInputElement }

function sideRadios(change: FieldChange, name: string): SideRadios {
  const picked = defaultPick(change);
  const radio = (side: FieldPick): HTMLInputElement =>
    h('input', { type: 'radio', name, value: side, checked: picked === side, required: change.changedOn === 'both' });
  return { local: radio('local'), parent: radio('parent'), ...(change.changedOn === 'merged' ? { merged: radio('merged') } : {}) };
}

function wholeRecords(record: ConflictRecord): HTMLElement {
  const column = (title: string, value: ConflictRecord['local']): HTMLElement =>
    h('div', {}, [h('h3', {}, title), h('pre', { class: 'value' }, value ? JSON.stringify(value, null, 2) : '(removed or absent)')]);
  return h('details', { class: 'whole-records' }, [
    h('summary', {}, 'Whole records'),
    h('div', { class: 'columns' }, [column('Before (base)', record.base), column('Mine (this tablet)', record.local), column('Theirs (parent)', record.parent)]),
  ]);
}
