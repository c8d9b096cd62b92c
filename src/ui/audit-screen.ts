/** The audit log: every sync operation on this tablet, newest first, filtered, paged, exportable. */

import type { AuditQuery, AuditRow } from '../core/store/store-port.ts';
import { auditFilters } from './audit-filters.ts';
import { h, heading, replaceChildren, whileBusy } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { absoluteTime } from './format.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/** Rows per page. */
export const auditPageSize = 50;

/**
 * The audit screen: `api.audit({ ...filters, limit })`, then "Older" asks for `beforeSeq` of the
 * last row shown. Each row links to its detail.
 *
 * @example
 * ```ts
 * main.append(auditScreen(context).element);
 * ```
 */
export function auditScreen(context: ScreenContext): Screen {
  const rows = h('tbody');
  const status = h('p', { class: 'hint', role: 'status' });
  const outcome = h('div');
  const older = h('button', { type: 'button', hidden: true }, 'Older');
  const exportButton = h('button', { type: 'button' }, 'Export as CSV');
  let query: AuditQuery = {};
  let lastSeq: number | undefined;
  const load = async (more: boolean): Promise<void> => {
    replaceChildren(outcome, []);
    if (!more) query = filters.query();
    try {
      const page = await context.api.audit({ ...query, limit: auditPageSize, ...(more && lastSeq !== undefined ? { beforeSeq: lastSeq } : {}) });
      if (!more) replaceChildren(rows, []);
      rows.append(...page.map(auditRow));
      lastSeq = page.at(-1)?.seq ?? lastSeq;
      older.hidden = page.length < auditPageSize;
      status.textContent = rows.childElementCount === 0 ? 'No audit rows match.' : `${rows.childElementCount} rows shown, newest first.`;
    } catch (error) {
      replaceChildren(outcome, failureBox(error, { heading: 'The audit log could not be read' }));
    }
  };
  const filters = auditFilters(() => void load(false));
  older.addEventListener('click', () => void whileBusy(older, 'Loading…', () => load(true)));
  exportButton.addEventListener('click', () => void exportCsv(context, exportButton, { filter: query, outcome }));
  const element = h('section', { class: 'screen audit-screen' }, [
    heading('Audit log'),
    filters.element,
    status, outcome,
    h('table', { class: 'data audit' }, [
      h('caption', { class: 'visually-hidden' }, 'Audit rows, newest first'),
      h('thead', {}, h('tr', {}, ['#', 'Time', 'Operation', 'Category', 'Action', 'Record', 'Outcome', ''].map((t) => h('th', { scope: 'col' }, t)))),
      rows,
    ]),
    h('div', { class: 'actions' }, [older, exportButton]),
  ]);
  void load(false);
  return { title: 'Audit log', element };
}

function auditRow(row: AuditRow): HTMLTableRowElement {
  return h('tr', { 'data-seq': row.seq }, [
    h('td', {}, String(row.seq)),
    h('td', {}, h('time', { datetime: new Date(row.at).toISOString() }, absoluteTime(row.at))),
    h('td', {}, row.operation), h('td', {}, row.category ?? ''), h('td', {}, row.action ?? ''),
    h('td', { class: 'uuid' }, row.uuid ?? ''),
    h('td', { class: `outcome-${row.outcome}` }, row.outcome),
    h('td', {}, h('a', { href: hrefOf({ screen: 'audit-row', seq: row.seq }), 'aria-label': `Details of audit row ${row.seq}` }, 'Details')),
  ]);
}

async function exportCsv(context: ScreenContext, button: HTMLButtonElement, options: { filter: AuditQuery; outcome: HTMLElement }): Promise<void> {
  try {
    const exported = await whileBusy(button, 'Exporting…', () => context.api.exportAudit({ format: 'csv', filter: options.filter }));
    context.download({ name: `audit-${new Date(context.now()).toISOString().slice(0, 10)}.csv`, type: exported.contentType, text: exported.text });
    context.announce(`Exported ${exported.rows} audit rows. Chain check: ${exported.verification.ok ? 'intact' : `broken at row ${exported.verification.firstBadSeq ?? '?'}`}.`);
  } catch (error) {
    replaceChildren(options.outcome, failureBox(error, { heading: 'The audit log could not be exported' }));
  }
}
