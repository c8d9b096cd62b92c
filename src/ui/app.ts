/** The app shell: header (offline and update banners), navigation, the current screen, the live region. */

import type { AppDeps } from './app-deps.ts';
import { createAnnouncer } from './announcer.ts';
import { confirmDialog } from './confirm-dialog.ts';
import { h, replaceChildren } from './dom.ts';
import { downloadFile } from './download.ts';
import { failureBox } from './failure-box.ts';
import { createNavBar } from './nav-bar.ts';
import { browserNetwork, createOfflineIndicator } from './offline-indicator.ts';
import { createRouter } from './router.ts';
import { hrefOf, parseRoute, type Route } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';
import { statusAnnouncer } from './status-announcer.ts';
import { startStatusFeed } from './status-feed.ts';
import { createUpdateBanner } from './update-banner.ts';

/** A running app. */
export interface App {
  /** Shows `route` (and puts it in the address). */
  navigate(route: Route): void;
  /** The screen shown now. */
  screen(): Screen | undefined;
  /** Removes listeners and the status subscription. */
  stop(): Promise<void>;
}

/**
 * Builds the UI into `root` and starts following the status. On a first run (no settings saved)
 * it opens the settings screen; otherwise an empty address opens the status screen.
 *
 * @example
 * ```ts
 * await startApp(document.getElementById('app')!, { api, subscribe, applyUpdate, onUpdateAvailable });
 * ```
 */
export async function startApp(root: HTMLElement, deps: AppDeps): Promise<App> {
  const { element: live, announce } = createAnnouncer();
  const problems = h('div');
  const feed = startStatusFeed(deps, { onError: (error) => replaceChildren(problems, failureBox(error, { heading: 'The sync engine is not answering' })) });
  const nav = createNavBar();
  const main = h('main', { id: 'content', tabindex: -1 });
  const context: ScreenContext = {
    api: deps.api, deps, announce, flash: {},
    status: () => feed.current(), refreshStatus: () => feed.refresh(), navigate: (route) => router.navigate(route),
    now: deps.now ?? Date.now, download: deps.download ?? downloadFile, confirm: deps.confirm ?? confirmDialog,
  };
  const router = createRouter({ main, nav, context: () => context, status: () => feed.current() });
  const banner = createUpdateBanner({
    applyUpdate: () => deps.applyUpdate?.() ?? Promise.resolve({ activated: false, message: 'updates are not available here' }),
    canApplyNow: () => !(router.screen()?.hasUnsavedInput?.() ?? false),
    announce,
  });
  const offline = createOfflineIndicator(deps.network ?? browserNetwork(), { announce });
  replaceChildren(root, layout({ main, nav: nav.element, banners: [offline.element, banner.element, problems], live }));
  const unlisten = [
    feed.listen((status) => {
      replaceChildren(problems, []);
      nav.update(status);
      banner.update(status);
      router.screen()?.update?.(status);
    }),
    feed.listen(statusAnnouncer(announce)),
  ];
  deps.onUpdateAvailable?.(() => banner.available());
  await setFirstRoute(deps);
  router.showCurrent();
  return {
    navigate: (route) => router.navigate(route),
    screen: () => router.screen(),
    async stop() {
      for (const stop of unlisten) stop();
      offline.stop();
      router.stop();
      await feed.close();
    },
  };
}

/** Skip link, header with the navigation, banners, the main region and the live region. */
function layout(parts: { main: HTMLElement; nav: HTMLElement; banners: HTMLElement[]; live: HTMLElement }): HTMLElement[] {
  const skip = h('a', { href: '#content', class: 'skip-link', onclick: (event) => {
    // Focus only: following the link would change the hash route.
    event.preventDefault();
    parts.main.focus();
  } }, 'Skip to content');
  return [skip, h('header', { class: 'app-header' }, [h('p', { class: 'app-name' }, 'OpenMRS Sync'), parts.nav]), ...parts.banners, parts.main, parts.live];
}

/** A first run (no settings) opens the settings; an empty address opens the status. */
async function setFirstRoute(deps: AppDeps): Promise<void> {
  const settings = await deps.api.settings().catch(() => undefined);
  if (!settings && parseRoute(location.hash).screen !== 'settings') history.replaceState(null, '', hrefOf({ screen: 'settings' }));
  else if (location.hash === '') history.replaceState(null, '', hrefOf({ screen: 'status' }));
}
