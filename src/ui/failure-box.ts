/** An error shown clearly: plain title, the detailed message and its code; announced at once (role=alert). */

import { h } from './dom.ts';
import { explainFailure } from './explain-failure.ts';

/**
 * The alert box of a failure value or thrown error.
 *
 * @example
 * ```ts
 * form.append(failureBox(result.error));
 * ```
 */
export function failureBox(failure: unknown, options: { heading?: string } = {}): HTMLElement {
  const explained = explainFailure(failure);
  return h('div', { class: 'failure', role: 'alert' }, [
    options.heading ? h('p', { class: 'failure-heading' }, options.heading) : null,
    h('p', { class: 'failure-title' }, explained.title),
    explained.message !== explained.title ? h('p', {}, explained.message) : null,
    h('p', { class: 'failure-code' }, ['Code: ', h('code', {}, explained.code)]),
  ]);
}
