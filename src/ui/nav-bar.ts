/** The main navigation: a link per screen, the current one marked, counts of what needs a person. */

import type { BrowserStatus } from '../browser/sync-api.ts';
import { h, replaceChildren } from './dom.ts';
import { hrefOf, type Route } from './routes.ts';

const items: { label: string; route: Route; matches: Route['screen'][] }[] = [
  { label: 'Status', route: { screen: 'status' }, matches: ['status'] },
  { label: 'Patients', route: { screen: 'patients' }, matches: ['patients', 'patient-new', 'patient-edit'] },
  { label: 'Conflicts', route: { screen: 'conflicts' }, matches: ['conflicts', 'conflict'] },
  { label: 'Failed', route: { screen: 'failed' }, matches: ['failed'] },
  { label: 'Audit', route: { screen: 'audit' }, matches: ['audit', 'audit-row'] },
  { label: 'Settings', route: { screen: 'settings' }, matches: ['settings'] },
];

/** The nav element and its updates. */
export interface NavBar {
  element: HTMLElement;
  /** Marks the link of `route` with aria-current. */
  select(route: Route): void;
  /** Shows counts of open conflicts and failed events. */
  update(status: BrowserStatus): void;
}

/** Builds the navigation bar. */
export function createNavBar(): NavBar {
  const links = items.map((item) => ({ item, link: h('a', { href: hrefOf(item.route), class: 'nav-link' }, item.label) }));
  const element = h('nav', { class: 'nav', 'aria-label': 'Main' }, h('ul', {}, links.map(({ link }) => h('li', {}, link))));
  const setBadge = (label: string, count: number, text: string): void => {
    const found = links.find(({ item }) => item.label === label);
    if (!found) return;
    replaceChildren(found.link, [label, count > 0 ? h('span', { class: 'badge' }, [String(count), h('span', { class: 'visually-hidden' }, ` ${text}`)]) : null]);
  };
  return {
    element,
    select(route) {
      for (const { item, link } of links) {
        if (item.matches.includes(route.screen)) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    update(status) {
      setBadge('Conflicts', status.openConflicts, 'open');
      setBadge('Failed', status.failedEvents + status.deadLetters, 'failed');
    },
  };
}
