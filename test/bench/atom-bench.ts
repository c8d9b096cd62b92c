/** Benchmark of the Atom page codec: entries parsed per second and pages written per second on a 500-entry page. */

import type { FeedEntry, FeedPage } from '../../src/core/atom/feed-page.ts';
import { parseFeedPage } from '../../src/core/atom/parse-feed-page.ts';
import { writeFeedPage } from '../../src/core/atom/write-feed-page.ts';
import { feedActions } from '../../src/core/categories/category-table.ts';

const entriesPerPage = 500;
const minMillis = 1500;

/** A deterministic uuid-shaped id, so runs compare. */
function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `a2ad93fd-8a7f-405f-bbc1-${hex}`;
}

function benchEntry(i: number): FeedEntry {
  const object = uuid(i * 7);
  return {
    id: uuid(i),
    title: 'Patient',
    updated: '2026-03-02T08:00:07Z',
    published: '2026-03-02T08:00:07Z',
    category: 'patient',
    action: feedActions[i % 3] ?? 'UPDATED',
    // One entry in three carries a catchment filter, as on a filtered OpenMRS feed.
    filters: i % 3 === 0 ? [{ bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%Nairobi%null%Kibera%00100' }] : [],
    links: { rest: `/ws/rest/v1/patient/${object}?v=full`, fhir: `/ws/fhir2/R4/Patient/${object}` },
  };
}

function benchPage(): FeedPage {
  const url = 'https://openmrs.example.org/openmrs/ws/atomfeed/patient';
  return {
    feedId: 'a2ad93fd-8a7f-405f-bbc1-da4535e6d05c+2',
    title: 'OpenMRS Feed Publisher for Sync2.0',
    updated: '2026-03-02T08:01:10Z',
    author: 'SolDevelo',
    links: { self: `${url}/2`, via: `${url}/2`, prevArchive: `${url}/1`, nextArchive: `${url}/3` },
    entries: Array.from({ length: entriesPerPage }, (_, i) => benchEntry(i)),
  };
}

/** Runs `fn` repeatedly for at least `minMillis` (after a warm-up) and returns runs per second. */
function runsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMillis) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return (runs * 1000) / elapsed;
}

/** Prints the codec's throughput on a 500-entry page; asserts nothing. */
export async function benchAtom(): Promise<void> {
  const page = benchPage();
  const xml = writeFeedPage(page);
  const bytes = new TextEncoder().encode(xml).byteLength;
  if (parseFeedPage(xml).entries.length !== entriesPerPage) throw new Error('bench page does not parse back');
  const parsed = runsPerSecond(() => parseFeedPage(xml));
  const written = runsPerSecond(() => writeFeedPage(page));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`page: ${entriesPerPage} entries, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`parseFeedPage: ${fmt(parsed * entriesPerPage)} entries/s (${parsed.toFixed(1)} pages/s, ${(1000 / parsed).toFixed(2)} ms/page)`);
  console.log(`writeFeedPage: ${fmt(written)} pages/s (${fmt(written * entriesPerPage)} entries/s, ${(1000 / written).toFixed(2)} ms/page)`);
  await Promise.resolve();
}
