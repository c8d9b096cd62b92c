/** The fake OpenMRS parent's feed pages: the real patient fixture files, an empty location feed, and the observation feed written in the same shape. */

import type { FeedEntry, FeedPage } from '../../../src/core/atom/feed-page.ts';
import { writeFeedPage } from '../../../src/core/atom/write-feed-page.ts';
import { filterBean, fixtureText, type ObsEvent, obsEvents, proxyBase } from './openmrs-data.ts';

/** OpenMRS's feed page size. */
const pageSize = 5;

/** Page text by `category/page` (`patient/recent`, `observation/2`…); a missing key answers 500, as OpenMRS does. */
export function feedPages(): Map<string, string> {
  const pages = new Map<string, string>([
    ['patient/recent', fixtureText('patient-recent.xml')],
    ['patient/1', fixtureText('patient-page-1.xml')],
    ['patient/2', fixtureText('patient-page-2.xml')],
    ['patient/3', fixtureText('patient-page-3.xml')],
    ['location/recent', fixtureText('location-recent-empty.xml')],
  ]);
  const last = Math.ceil(obsEvents.length / pageSize);
  for (let n = 1; n <= last; n += 1) {
    const xml = shuffleTerms(writeFeedPage(obsPage(n, last)));
    pages.set(`observation/${n}`, xml);
    if (n === last) pages.set('observation/recent', xml.replace(`rel="self" type="application/atom+xml" href="${feedRoot}/${n}"`, `rel="self" type="application/atom+xml" href="${feedRoot}/recent"`));
  }
  return pages;
}

const feedRoot = `${proxyBase}/ws/atomfeed/observation`;

function obsPage(n: number, last: number): FeedPage {
  const events = obsEvents.slice((n - 1) * pageSize, n * pageSize);
  return {
    feedId: `a2ad93fd-8a7f-405f-bbc1-da4535e6d05c+${n}`, title: 'OpenMRS Feed Publisher for Sync2.0', author: 'SolDevelo',
    updated: stamp((n - 1) * pageSize + events.length - 1),
    links: {
      self: `${feedRoot}/${n}`, via: `${feedRoot}/${n}`,
      ...(n > 1 ? { prevArchive: `${feedRoot}/${n - 1}` } : {}), ...(n < last ? { nextArchive: `${feedRoot}/${n + 1}` } : {}),
    },
    entries: events.map((event, i) => obsEntry(event, (n - 1) * pageSize + i)),
  };
}

function obsEntry(event: ObsEvent, index: number): FeedEntry {
  const fhir = event.legacyFhirLink ? `/ws/fhir/Observation/${event.uuid}` : `/ws/fhir2/R4/Observation/${event.uuid}`;
  return {
    id: `5d0c1e7a-3f2b-4c8e-a1d4-${String(index).padStart(12, '0')}`, title: 'Obs', updated: stamp(index), published: stamp(index),
    category: 'observation', action: event.action, filters: event.filter ? [{ bean: filterBean, value: event.filter }] : [],
    links: { rest: `/ws/rest/v1/obs/${event.uuid}?v=full`, fhir },
  };
}

function stamp(index: number): string {
  return new Date(Date.UTC(2026, 2, 2, 5, 2, 0) + index * 7_000).toISOString().replace('.000', '');
}

/** Reorders each entry's category terms (OpenMRS writes them in no fixed order): rotated by the entry's place. */
function shuffleTerms(xml: string): string {
  let index = 0;
  return xml.replace(/((?:\s*<category term="[^"]*" \/>)+)/g, (block) => {
    const lines = block.split(/(?=\n\s*<category)/).filter((l) => l.trim() !== '');
    const turn = index++ % lines.length;
    return [...lines.slice(turn), ...lines.slice(0, turn)].join('');
  });
}
