/** Asks a waiting service worker to activate, and reloads the page once it controls it. */

import type { SkipWaitingAnswer, SkipWaitingRequest } from './sw-messages.ts';

/**
 * Posts `{ type: 'SKIP_WAITING' }` to `waiting` over a MessageChannel and resolves with its
 * answer. When it activated, `reload` runs on the next `controllerchange`. A worker that does
 * not answer within `timeoutMs` (default 15 s) counts as a store error.
 *
 * @example
 * ```ts
 * const answer = await askToActivate(registration.waiting, { reload: () => location.reload() });
 * if (!answer.activated && answer.reason === 'unpushed') say(`${answer.unpushed.pendingPushes} changes are not sent yet`);
 * ```
 */
export function askToActivate(waiting: ServiceWorker, options: { reload(): void; timeoutMs?: number }): Promise<SkipWaitingAnswer> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve({ type: 'SKIP_WAITING_ANSWER', activated: false, reason: 'store-error', message: 'The new version did not answer' });
    }, options.timeoutMs ?? 15_000);
    channel.port1.onmessage = (event: MessageEvent<SkipWaitingAnswer>) => {
      clearTimeout(timer);
      channel.port1.close();
      if (event.data.activated) {
        navigator.serviceWorker.addEventListener('controllerchange', () => options.reload(), { once: true });
      }
      resolve(event.data);
    };
    waiting.postMessage({ type: 'SKIP_WAITING' } satisfies SkipWaitingRequest, [channel.port2]);
  });
}
