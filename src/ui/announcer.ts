/** One polite live region through which the app says what changed (sync started, finished, saved…). */

import { h } from './dom.ts';

/** The live region and the function that speaks through it. */
export interface Announcer {
  element: HTMLElement;
  announce(message: string): void;
}

/**
 * A visually hidden `role=status` region. The text is cleared first, so the same message said
 * twice is announced twice.
 *
 * @example
 * ```ts
 * const { element, announce } = createAnnouncer();
 * document.body.append(element); announce('Sync finished');
 * ```
 */
export function createAnnouncer(): Announcer {
  const element = h('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', class: 'visually-hidden', id: 'announcer' });
  return {
    element,
    announce(message) {
      element.textContent = '';
      queueMicrotask(() => { element.textContent = message; });
    },
  };
}
