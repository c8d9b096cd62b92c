/** What the browser bench installs in the app's page before it loads: screen marks, the sync status as broadcast, main-thread lag and long tasks. */

import type { BrowserStatus } from '../../src/browser/sync-api.ts';

/** A screen mark: when the selector first matched, and when the next frame after that was done. */
export interface ScreenMark {
  seen: number;
  painted: number;
}

/** One status of the `sync-status` channel, as much of it as the bench reads. */
export interface StatusSample {
  /** performance.now() in the page when it arrived. */
  at: number;
  /** Date.now() when it arrived (the runner's outcome times are clock times). */
  wall: number;
  running: boolean;
  phase: string;
  category?: string;
  done?: number;
  total?: number;
  lastPullAt?: number;
  lastPullStatus?: string;
  lastPushAt?: number;
  objects: number;
}

/** What the probes gather; times are the page's performance.now() (0 = navigation start). */
export interface BenchProbes {
  marks: Record<string, ScreenMark>;
  /** Clicks on buttons the bench names, by name. */
  clicks: Record<string, number>;
  statuses: StatusSample[];
  /** Lateness of a 50 ms timer: [time, ms late] for each tick over 20 ms late. */
  lag: [number, number][];
  /** Long tasks of the main thread: [start, duration]. */
  longTasks: [number, number][];
}

/** The screens the bench waits for, by mark name. */
export const screenSelectors: Record<string, string> = {
  shell: 'header.app-header nav a.nav-link',
  signInForm: 'form[aria-label="Sign in and settings"] input[name="password"]',
  progress: '.status-screen .progress-block progress',
  patientsScreen: '.patients-screen [aria-busy="false"]',
  patient: '.patients-screen li.patient',
};

declare global {
  var __bench: BenchProbes;
}

/**
 * Runs in the page at document start (`addInitScript`), before the app's scripts. Self-contained:
 * Playwright sends its source text. The marks use a MutationObserver; "painted" is the first task
 * after the next animation frame.
 */
export function installBenchProbes(selectors: Record<string, string>): void {
  const probes: BenchProbes = { marks: {}, clicks: {}, statuses: [], lag: [], longTasks: [] };
  globalThis.__bench = probes;
  const pending = new Map(Object.entries(selectors));
  const check = (): void => {
    for (const [name, selector] of pending) {
      if (!document.querySelector(selector)) continue;
      pending.delete(name);
      const mark = { seen: performance.now(), painted: Number.NaN };
      probes.marks[name] = mark;
      requestAnimationFrame(() => setTimeout(() => { mark.painted = performance.now(); }, 0));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button');
    if (button?.textContent) probes.clicks[button.textContent.trim()] ??= performance.now();
  }, true);
  const channel = new BroadcastChannel('sync-status');
  channel.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; status?: BrowserStatus } | null;
    if (data?.type !== 'openmrs-sync-status' || !data.status) return;
    const { runner, objects } = data.status;
    probes.statuses.push({
      at: performance.now(), wall: Date.now(), running: runner.running, phase: runner.phase,
      category: runner.progress?.category, done: runner.progress?.done, total: runner.progress?.total,
      lastPullAt: runner.lastPull?.at, lastPullStatus: runner.lastPull?.status, lastPushAt: runner.lastPush?.at,
      objects: Object.values(objects).reduce((sum, o) => sum + o.live + o.removed, 0),
    });
  });
}

/** Runs in the page after {@linkcode installBenchProbes}: the main thread's lag (a 50 ms timer's lateness) and long tasks. */
export function installMainThreadProbes(): void {
  const probes = globalThis.__bench;
  let expected = performance.now() + 50;
  setInterval(() => {
    const now = performance.now();
    if (now - expected > 20) probes.lag.push([now, now - expected]);
    expected = now + 50;
  }, 50);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probes.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Runs in the page: presses the patients screen's Search button (an empty search lists the
 * patients) and resolves when the list is rendered again: the milliseconds it took and whether a
 * patient is listed.
 */
export function searchPatientsOnce(): Promise<{ ms: number; listed: boolean }> {
  const results = document.querySelector('.patients-screen [aria-busy]');
  const button = document.querySelector<HTMLButtonElement>('.patients-screen form[role="search"] button[type="submit"]');
  if (!results || !button) return Promise.reject(new Error('the patients screen is not shown'));
  const started = performance.now();
  return new Promise((resolve) => {
    let wentBusy = false;
    const observer = new MutationObserver(() => {
      const busy = results.getAttribute('aria-busy') === 'true';
      if (busy) wentBusy = true;
      else if (wentBusy) {
        observer.disconnect();
        resolve({ ms: performance.now() - started, listed: document.querySelector('.patients-screen li.patient') !== null });
      }
    });
    observer.observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
    button.click();
  });
}
