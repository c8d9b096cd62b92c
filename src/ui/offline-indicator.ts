/** Says whether the tablet is offline; the app keeps working, changes wait on the tablet. */

import type { NetworkState } from './app-deps.ts';
import { h } from './dom.ts';

/** The browser's own network state: navigator.onLine and the window's online/offline events. */
export function browserNetwork(): NetworkState {
  return {
    online: () => navigator.onLine,
    watch(listener) {
      const on = (): void => listener(true);
      const off = (): void => listener(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    },
  };
}

/**
 * A banner shown while offline; changes of state are announced through `announce`.
 *
 * @example
 * ```ts
 * header.append(createOfflineIndicator(browserNetwork(), { announce }).element);
 * ```
 */
export function createOfflineIndicator(network: NetworkState, options: { announce(message: string): void }): { element: HTMLElement; stop(): void } {
  const element = h('p', { class: 'offline', hidden: true }, [
    h('strong', {}, 'Offline. '),
    'You can keep working: changes are kept on this tablet and sent when the network is back.',
  ]);
  const show = (online: boolean): void => { element.hidden = online; };
  show(network.online());
  const stop = network.watch((online) => {
    show(online);
    options.announce(online ? 'Back online' : 'Offline: changes are kept on this tablet');
  });
  return { element, stop };
}
