/** The audit log's filter form: operation, category, outcome and uuid, read as an AuditQuery. */

import { categoriesInOrder } from '../core/categories/category-table.ts';
import type { AuditQuery } from '../core/store/store-port.ts';
import { h } from './dom.ts';
import { inputField, selectField } from './form-field.ts';

const operations: NonNullable<AuditQuery['operation']>[] = ['pull', 'push', 'conflict', 'merge', 'resolve', 'failure', 'retry', 'warning', 'drop'];
const outcomes: NonNullable<AuditQuery['outcome']>[] = ['ok', 'noop', 'failed', 'conflict', 'skipped', 'warning'];

/** The filter form and the query its fields make (without paging). */
export interface AuditFilters {
  element: HTMLFormElement;
  query(): AuditQuery;
}

/**
 * Builds the filter form; `onApply` runs on submit and on "Clear".
 *
 * @example
 * ```ts
 * const filters = auditFilters(() => load(filters.query()));
 * ```
 */
export function auditFilters(onApply: () => void): AuditFilters {
  const any: [string, string] = ['', 'Any'];
  const operation = selectField('Operation', { name: 'operation' }, [any, ...operations.map((o): [string, string] => [o, o])]);
  const category = selectField('Category', { name: 'category' }, [any, ...categoriesInOrder().map((c): [string, string] => [c.name, c.name.replace(/_/g, ' ')])]);
  const outcome = selectField('Outcome', { name: 'outcome' }, [any, ...outcomes.map((o): [string, string] => [o, o])]);
  const uuid = inputField('Record uuid', { name: 'uuid', type: 'search', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
  const element = h('form', { class: 'filters', 'aria-label': 'Audit filters', role: 'search' }, [
    h('div', { class: 'filter-row' }, [operation.element, category.element, outcome.element, uuid.element]),
    h('div', { class: 'actions' }, [
      h('button', { type: 'submit', class: 'primary' }, 'Apply filters'),
      h('button', { type: 'reset' }, 'Clear'),
    ]),
  ]);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onApply();
  });
  // After the form has put its fields back.
  element.addEventListener('reset', () => queueMicrotask(onApply));
  return {
    element,
    query() {
      const op = operations.find((o) => o === operation.control.value);
      const out = outcomes.find((o) => o === outcome.control.value);
      const id = uuid.control.value.trim();
      return {
        ...(op ? { operation: op } : {}),
        ...(category.control.value ? { category: category.control.value } : {}),
        ...(out ? { outcome: out } : {}),
        ...(id ? { uuid: id } : {}),
      };
    },
  };
}
