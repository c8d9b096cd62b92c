/** `npm run bench`: runs every benchmark in turn and prints its figures. */
import { useNativeSha256 } from '../../worker/native-sha256.ts';

// The benches measure the engine as the edge entry files run it: with the runtime's native SHA-256.
useNativeSha256();

const benches: { name: string; load: () => Promise<() => Promise<void>> }[] = [
  { name: 'atom codec', load: async () => (await import('./atom-bench.ts')).benchAtom },
  { name: 'feed reader over loopback', load: async () => (await import('./feed-bench.ts')).benchFeed },
  { name: 'edge node as a parent over loopback', load: async () => (await import('./edge-bench.ts')).benchEdge },
  { name: 'initial pull of 20,000 objects over loopback', load: async () => (await import('./pull-bench.ts')).benchPull },
  { name: 'push of 5,000 local changes to an edge node over loopback', load: async () => (await import('./push-bench.ts')).benchPush },
  { name: 'browser node in headless Chromium: initial sync of 20,000 objects beside a bare Dexie bulkPut', load: async () => (await import('./browser-bench.ts')).benchBrowser },
];

const only = process.argv.slice(2);
for (const bench of benches) {
  if (only.length > 0 && !only.some((o) => bench.name.includes(o))) continue;
  console.log(`\n## ${bench.name}`);
  const run = await bench.load();
  await run();
}
