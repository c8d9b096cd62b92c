/** The conflict queue: records changed on both sides, waiting for a person to choose. */

import type { ConflictRecord } from '../core/store/store-port.ts';
import { h, heading, replaceChildren } from './dom.ts';
import { conflictReason } from './conflict-words.ts';
import { failureBox } from './failure-box.ts';
import { plural, timeElement } from './format.ts';
import { hrefOf } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';

/**
 * Lists open conflicts (oldest first, as `api.conflicts()` returns them) with a link to resolve each.
 *
 * @example
 * ```ts
 * main.append(conflictsScreen(context).element);
 * ```
 */
export function conflictsScreen(context: ScreenContext): Screen {
  const list = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading conflicts…'));
  const load = async (): Promise<void> => {
    try {
      const records = await context.api.conflicts();
      replaceChildren(list, records.length === 0 ? h('p', {}, 'No open conflicts. Nothing needs a decision.') : conflictList(records, context.now()));
    } catch (error) {
      replaceChildren(list, failureBox(error, { heading: 'The conflicts could not be read' }));
    }
    list.setAttribute('aria-busy', 'false');
  };
  void load();
  const element = h('section', { class: 'screen conflicts-screen' }, [
    heading('Conflicts'),
    h('p', { class: 'hint' }, 'A conflict is a record changed both on this tablet and on the parent. Both versions are kept until you choose.'),
    list,
  ]);
  return { title: 'Conflicts', element };
}

function conflictList(records: ConflictRecord[], now: number): HTMLElement {
  return h('div', {}, [
    h('p', {}, `${plural(records.length, 'open conflict')}.`),
    h('ul', { class: 'cards', 'aria-label': 'Open conflicts' }, records.map((record) => h('li', { class: 'card conflict', 'data-id': record.id }, [
      h('h2', {}, `${record.category} ${record.uuid}`),
      h('p', {}, conflictReason(record)),
      record.fields.length > 0 ? h('p', {}, `Fields changed on both sides: ${record.fields.join(', ')}`) : null,
      h('p', { class: 'hint' }, ['Found ', timeElement(record.createdAt, now)]),
      h('a', { href: hrefOf({ screen: 'conflict', id: record.id }), class: 'button primary', 'aria-label': `Resolve the conflict on ${record.category} ${record.uuid}` }, 'Resolve'),
    ]))),
  ]);
}
