/** Shows the screen of the address's hash route: builds it, swaps it in, marks the nav, titles the page, moves focus. */

import type { BrowserStatus } from '../browser/sync-api.ts';
import { replaceChildren } from './dom.ts';
import type { NavBar } from './nav-bar.ts';
import { hrefOf, parseRoute, type Route } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';
import { screenOf } from './screens.ts';

/** The router of the app. */
export interface Router {
  /** Shows `route`, putting it in the address. */
  navigate(route: Route): void;
  /** Shows the route of the current address (on start). */
  showCurrent(): void;
  screen(): Screen | undefined;
  stop(): void;
}

/**
 * Follows `hashchange`. A repeated or late event for the screen already shown does not rebuild it
 * (it would lose what the person typed).
 *
 * @example
 * ```ts
 * const router = createRouter({ main, nav, context: () => context, status: () => feed.current() });
 * router.showCurrent();
 * ```
 */
export function createRouter(options: { main: HTMLElement; nav: NavBar; context: () => ScreenContext; status: () => BrowserStatus | undefined }): Router {
  let screen: Screen | undefined;
  let shownHash: string | undefined;
  const show = (route: Route, focus: boolean): void => {
    screen?.dispose?.();
    shownHash = hrefOf(route);
    screen = screenOf(route, options.context());
    replaceChildren(options.main, screen.element);
    options.nav.select(route);
    document.title = `${screen.title} — OpenMRS Sync`;
    const status = options.status();
    if (status) screen.update?.(status);
    if (focus) options.main.querySelector<HTMLElement>('h1')?.focus();
  };
  const onHashChange = (): void => {
    const route = parseRoute(location.hash);
    if (hrefOf(route) !== shownHash) show(route, true);
  };
  window.addEventListener('hashchange', onHashChange);
  return {
    navigate(route) {
      if (location.hash === hrefOf(route)) show(route, true);
      else location.hash = hrefOf(route);
    },
    showCurrent: () => show(parseRoute(location.hash), false),
    screen: () => screen,
    stop() {
      window.removeEventListener('hashchange', onHashChange);
      screen?.dispose?.();
    },
  };
}
