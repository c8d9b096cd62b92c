/** One audit row in full: its fields, its details as indented JSON, and its place in the hash chain. */

import type { AuditRow } from '../core/store/store-port.ts';
import { h, heading, replaceChildren } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { timeElement } from './format.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * The detail of audit row `seq`, read with `api.audit({ beforeSeq: seq + 1, limit: 1 })`.
 *
 * @example
 * ```ts
 * main.append(auditDetailScreen(context, 42).element);
 * ```
 */
export function auditDetailScreen(context: ScreenContext, seq: number): Screen {
  const body = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  void (async () => {
    try {
      const [row] = await context.api.audit({ beforeSeq: seq + 1, limit: 1 });
      replaceChildren(body, row?.seq === seq ? rowDetail(row, context.now()) : h('p', {}, `There is no audit row ${seq}.`));
    } catch (error) {
      replaceChildren(body, failureBox(error, { heading: 'The audit row could not be read' }));
    }
    body.setAttribute('aria-busy', 'false');
  })();
  const element = h('section', { class: 'screen audit-detail' }, [
    heading(`Audit row ${seq}`), h('p', {}, h('a', { href: hrefOf({ screen: 'audit' }) }, 'Back to the audit log')), body,
  ]);
  return { title: `Audit row ${seq}`, element };
}

function rowDetail(row: AuditRow, now: number): HTMLElement {
  const fact = (label: string, value: string | Node | undefined): HTMLElement[] =>
    value === undefined || value === '' ? [] : [h('dt', {}, label), h('dd', {}, value)];
  return h('div', {}, [
    h('dl', { class: 'facts' }, [
      ...fact('Time', timeElement(row.at, now)), ...fact('Operation', row.operation), ...fact('Outcome', row.outcome),
      ...fact('Category', row.category), ...fact('Action', row.action), ...fact('Record', row.uuid),
      ...fact('URL', row.url), ...fact('Client', row.client), ...fact('Instance', row.instanceId),
    ]),
    h('h2', {}, 'Details'),
    h('pre', { class: 'value', tabindex: 0, 'aria-label': 'Details as JSON' }, JSON.stringify(row.details ?? {}, null, 2)),
    h('h2', {}, 'Hash chain'),
    h('dl', { class: 'facts hashes' }, [
      h('dt', {}, 'Previous hash'), h('dd', {}, h('code', {}, row.prevHash)),
      h('dt', {}, 'Hash'), h('dd', {}, h('code', {}, row.hash)),
    ]),
  ]);
}
