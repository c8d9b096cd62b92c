/** A modal confirmation (`<dialog>`), keyboard-friendly: focus starts on Cancel, Escape cancels. */

import { h } from './dom.ts';

/**
 * Resolves true when the person confirms. Falls back to `window.confirm` where `<dialog>` is missing.
 *
 * @example
 * ```ts
 * if (await confirmDialog({ title: 'Drop?', message: '…', confirmLabel: 'Export and drop' })) drop();
 * ```
 */
export function confirmDialog(question: { title: string; message: string; confirmLabel: string }): Promise<boolean> {
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message' });
  if (typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(`${question.title}\n\n${question.message}`));
  return new Promise((resolve) => {
    const close = (answer: boolean): void => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const cancel = h('button', { type: 'button', onclick: () => close(false) }, 'Cancel');
    dialog.append(
      h('h2', { id: 'confirm-title' }, question.title),
      h('p', { id: 'confirm-message' }, question.message),
      h('div', { class: 'actions' }, [cancel, h('button', { type: 'button', class: 'danger', onclick: () => close(true) }, question.confirmLabel)]),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
