/** The settings form's compound fields: categories with pull/push switches, and the conflict policy with its explanation. */

import type { CategorySetting } from '../browser/sync-api.ts';
import { categoriesInOrder } from '../core/categories/category-table.ts';
import { h } from './dom.ts';
import { type Field, selectField } from './form-field.ts';
import { conflictPolicies } from './settings-values.ts';

/** The categories table: one row per category of the category table (and any extra saved one), a checkbox per direction. */
export function categoriesFieldset(saved: readonly CategorySetting[]): { element: HTMLElement; values(): CategorySetting[] } {
  const names = [...categoriesInOrder().map((c) => c.name), ...saved.map((c) => c.category)].filter((n, i, all) => all.indexOf(n) === i);
  const rows = names.map((category) => {
    const setting = saved.find((c) => c.category === category);
    const box = (direction: 'pull' | 'push'): HTMLInputElement => h('input', {
      type: 'checkbox', name: `${direction}-${category}`, checked: setting?.[direction] ?? false,
      'aria-label': `${direction === 'pull' ? 'Receive' : 'Send'} ${label(category)}`,
    });
    return { category, pull: box('pull'), push: box('push') };
  });
  const element = h('fieldset', { class: 'categories' }, [
    h('legend', {}, 'What to sync'),
    h('p', { class: 'hint' }, 'Receive: records come from the parent. Send: changes made on this tablet go to the parent.'),
    h('table', { class: 'data' }, [
      h('thead', {}, h('tr', {}, [h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'Receive (pull)'), h('th', { scope: 'col' }, 'Send (push)')])),
      h('tbody', {}, rows.map((r) => h('tr', {}, [
        h('th', { scope: 'row' }, label(r.category)), h('td', {}, h('label', { class: 'check' }, r.pull)), h('td', {}, h('label', { class: 'check' }, r.push)),
      ]))),
    ]),
  ]);
  return { element, values: () => rows.map((r) => ({ category: r.category, pull: r.pull.checked, push: r.push.checked })) };
}

/** The conflict policy select; the chosen policy's explanation shows below it and describes it. */
export function policyField(value: string): Field<HTMLSelectElement> {
  const field = selectField('When a record changed on both sides', { name: 'conflictPolicy' },
    conflictPolicies.map((p) => [p.value, p.label]), { value });
  const explanation = h('p', { class: 'hint', id: `${field.control.id}-explanation`, 'aria-live': 'polite' });
  const explain = (): void => {
    explanation.textContent = conflictPolicies.find((p) => p.value === field.control.value)?.explanation ?? '';
  };
  field.control.addEventListener('change', explain);
  field.control.setAttribute('aria-describedby', explanation.id);
  field.element.append(explanation);
  explain();
  return field;
}

function label(category: string): string {
  return category.replace(/_/g, ' ');
}
