/** Benchmark of an initial pull of 20,000 objects from an edge node over loopback: our engine against the sync2 algorithm, measured in the same run. */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseFeedPage } from '../../src/core/atom/parse-feed-page.ts';
import { resolveContentLink, rewriteOntoBase } from '../../src/core/atom/rewrite-link.ts';
import { basicAuthorization } from '../../src/core/clients/basic-authorization.ts';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { FetchLike } from '../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import { openSqlStore } from '../../src/edge/sql-store/open-sql-store.ts';
import type { BatchPlan, JsonObject, SyncStore } from '../../src/core/store/store-port.ts';
import { planLocalWrite } from '../../src/core/sync/plan-local-write.ts';
import { nativeGzip } from '../../worker/native-gzip.ts';
import { useNativeSha256 } from '../../worker/native-sha256.ts';
import { childCredentials, startTestEdge } from '../edge/app/start-test-edge.ts';
import { categoryOf, countingFetch, demoCategories, demoObjects, makeChild } from '../integration/_network-kit.ts';

const objectCount = 20_000;
const aims = { objectsPerSecond: 5_000, requestsPerObject: 0.03, ratio: 20 };
/** The sync2 baseline runs in full unless its GETs would take longer than this; then it is extrapolated from a sample. */
const baselineBudgetMs = 60_000;
const baselineSample = 2_000;
/** The round trip simulated in the second comparison, and the sync2 sample taken there. */
const roundTripMs = 20;
const roundTripSample = 500;
const parentRole = 'pull-bench-parent';
const warmRuns = 3;

/** What one pull measured. */
interface Figures {
  objects: number;
  seconds: number;
  requests: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap in use when the pull started (after a full GC). */
  startHeapMb: number;
  /** Set when the time was projected from a sample. */
  extrapolatedFrom?: number;
}

/** Writes `objects` into the parent's store as local writes, 1,000 per batch (no HTTP). */
export async function loadParent(store: SyncStore, objects: readonly JsonObject[]): Promise<void> {
  for (let start = 0; start < objects.length; start += 1_000) {
    const plan: Required<Pick<BatchPlan, 'objects' | 'changes'>> = { objects: [], changes: [] };
    for (const body of objects.slice(start, start + 1_000)) {
      const change = { category: categoryOf(body), uuid: String(body['id']), representation: 'fhir' as const, body };
      const { plan: one } = planLocalWrite(undefined, change, { origin: 'local', now: Date.now(), eventId: crypto.randomUUID() });
      plan.objects.push(...(one.objects ?? []));
      plan.changes.push(...(one.changes ?? []));
    }
    const result = await store.applyBatch(plan);
    if (!result.ok) throw new Error('loading the parent failed a precondition');
  }
}

/** A full garbage collection, so each pull's memory starts from what is really held. */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Samples the process's memory every 20 ms while `run` goes on. */
async function withMemoryPeaks<T>(run: () => Promise<T>): Promise<{ value: T; peakRssMb: number; peakHeapMb: number; startHeapMb: number }> {
  fullGc();
  const startHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  try {
    const value = await run();
    sample();
    return { value, peakRssMb: rss / 2 ** 20, peakHeapMb: heap / 2 ** 20, startHeapMb };
  } finally {
    clearInterval(timer);
  }
}

/** Our engine: a fresh child (memory store, or `store`) pulls every category once through the sync runner. */
async function engineRun(base: string, fetch: FetchLike, store?: SyncStore): Promise<Figures> {
  const counter = countingFetch(fetch);
  const child = await makeChild({ parentBase: base, fetch: counter.fetch, ...(store ? { store } : {}) });
  const { value: { summary, seconds }, ...memory } = await withMemoryPeaks(async () => {
    const start = performance.now();
    return { summary: await child.syncOnce(), seconds: (performance.now() - start) / 1000 };
  });
  if (summary.status !== 'ok') throw new Error(`the engine's pull ended ${summary.status}: ${JSON.stringify(summary.error)}`);
  return { objects: summary.pull?.counts.applied ?? 0, seconds, requests: counter.requests.length, ...memory };
}

/** GETs `url` as the child and returns the body text; throws on anything but 200. */
async function getText(fetch: FetchLike, url: string, authorization: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization } });
  if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${url}`);
  return await response.text();
}

/** One feed event as the sync2 baseline keeps it. */
interface Sync2Event { category: string; link: string; id: string; feed: string; page: string }

/** sync2's feed walk: per category `recent`, then every older page through `prev-archive`; the events oldest first. */
async function walkFeedsBack(base: string, fetch: FetchLike, authorization: string): Promise<Sync2Event[]> {
  const events: Sync2Event[] = [];
  for (const category of demoCategories) {
    const feed = `${base}/ws/atomfeed/${category}/recent`;
    const pages = [];
    for (let url: string | undefined = feed; url !== undefined;) {
      const page = parseFeedPage(await getText(fetch, url, authorization));
      pages.unshift(page);
      url = page.links.prevArchive === undefined ? undefined : rewriteOntoBase(page.links.prevArchive, base);
    }
    for (const page of pages) {
      for (const entry of page.entries) events.push({ category, link: String(entry.links['fhir']), id: entry.id, feed, page: page.links.via ?? '' });
    }
  }
  return events;
}

/** sync2's apply step: GET the event's object, write it alone with its change row and the marker. */
async function applyOneEvent(event: Sync2Event, context: { base: string; fetch: FetchLike; authorization: string; store: SyncStore }): Promise<void> {
  const body = JSON.parse(await getText(context.fetch, resolveContentLink(event.link, context.base), context.authorization)) as JsonObject;
  const uuid = String(body['id']);
  const hash = canonicalHash(body);
  const at = Date.now();
  await context.store.applyBatch({
    objects: [{ category: event.category, uuid, representation: 'fhir', body, hash, version: '1', removed: false, base: { body, hash }, updatedAt: at }],
    changes: [{ eventId: event.id, category: event.category, uuid, action: 'CREATED', origin: 'parent', hash, at }],
    markers: [{ feed: event.feed, lastEntryId: event.id, pageUrl: event.page, updatedAt: at }],
  });
}

/**
 * The sync2 algorithm: the feeds walked back from `recent`, then one GET per event, oldest first,
 * one at a time, each object written on its own with the marker, into a fresh memory store.
 * After `sample.size` events it stops and extrapolates when the GETs would take longer than
 * `sample.budgetMs` (its memory figures are then those of the sample).
 */
async function sync2Run(base: string, fetch: FetchLike, sample: { size: number; budgetMs: number }): Promise<Figures> {
  const counter = countingFetch(fetch);
  const authorization = basicAuthorization({ username: childCredentials.name, password: childCredentials.password });
  const context = { base, fetch: counter.fetch, authorization, store: createMemoryStore() };
  const { value, ...memory } = await withMemoryPeaks(async () => {
    const start = performance.now();
    const events = await walkFeedsBack(base, counter.fetch, authorization);
    const walked = performance.now();
    let done = 0;
    for (const event of events) {
      await applyOneEvent(event, context);
      done += 1;
      if (done === sample.size && (performance.now() - walked) * (events.length / done) > sample.budgetMs) break;
    }
    return { done, total: events.length, walkMs: walked - start, getsMs: performance.now() - walked };
  });
  const { done, total, walkMs, getsMs } = value;
  const seconds = (walkMs + getsMs * (total / done)) / 1000;
  // Requests: every page once, plus one GET per event (counted, or projected when sampled).
  const requests = counter.requests.length + (total - done);
  return { objects: total, seconds, requests, ...memory, ...(done < total ? { extrapolatedFrom: done } : {}) };
}

function report(label: string, f: Figures, withAims: boolean): void {
  const aim = (text: string): string => (withAims ? `    aim ${text}` : '');
  const perSecond = f.objects / f.seconds;
  const perObject = f.requests / f.objects;
  const how = f.extrapolatedFrom === undefined ? '' : ` (EXTRAPOLATED from the first ${f.extrapolatedFrom.toLocaleString('en')} GETs)`;
  console.log(`${label}: ${f.objects.toLocaleString('en')} objects in ${f.seconds.toFixed(2)} s${how}`);
  console.log(`  objects per second   ${Math.round(perSecond).toLocaleString('en').padStart(10)}${aim(`≥ ${aims.objectsPerSecond.toLocaleString('en')}`)}`);
  console.log(`  requests per object  ${perObject.toFixed(4).padStart(10)}${aim(`≤ ${aims.requestsPerObject}`)}   (${f.requests.toLocaleString('en')} requests)`);
  const sampled = f.extrapolatedFrom === undefined ? '' : ', during the sample';
  console.log(`  peak memory          ${f.peakHeapMb.toFixed(0).padStart(7)} MB heap (this thread; ${f.startHeapMb.toFixed(0)} MB before), ` +
    `${f.peakRssMb.toFixed(0)} MB rss (the process, parent thread included${sampled})`);
}

/** A fetch whose every request waits `ms` first: a simulated round trip. */
function delayed(fetch: FetchLike, ms: number): FetchLike {
  return async (input, init) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return await fetch(input, init);
  };
}

function compare(engine: Figures, sync2: Figures): void {
  const ratio = (engine.objects / engine.seconds) / (sync2.objects / sync2.seconds);
  const how = sync2.extrapolatedFrom === undefined ? '' : ' (sync2 time extrapolated)';
  console.log(`ratio: our engine is ${ratio.toFixed(1)}× the sync2 algorithm${how}    aim ≥ ${aims.ratio}×`);
}

/**
 * Prints, for an initial pull of 20,000 objects from an edge node over loopback, the figures of
 * our engine and of the sync2 algorithm and their ratio; then the same with a simulated round
 * trip. The parent runs on its own thread (its own event loop, as on its own machine). Asserts nothing.
 */
export async function benchPull(): Promise<void> {
  const parent = await startParentThread(objectCount);
  try {
    console.log(`parent (own thread): ${objectCount.toLocaleString('en')} demo objects (${demoCategories.join(', ')}), ` +
      `feed pages of 100, loaded in ${parent.loadSeconds.toFixed(1)} s; node ${process.version}`);
    const loopback = globalThis.fetch.bind(globalThis);
    // The first pull of a process also compiles the engine (and warms the parent): shown, then measured warm.
    const cold = await engineRun(parent.base, loopback);
    console.log(`our engine, first pull of this process (cold JIT, both threads): ${cold.seconds.toFixed(2)} s, ` +
      `${Math.round(cold.objects / cold.seconds).toLocaleString('en')} objects/s`);
    // Then the median of three warm pulls, each by a fresh child: one run on a shared machine is noisy.
    const warm: Figures[] = [];
    for (let run = 0; run < warmRuns; run += 1) warm.push(await engineRun(parent.base, loopback));
    warm.sort((a, b) => a.seconds - b.seconds);
    const engine = warm[Math.floor(warm.length / 2)] as Figures;
    console.log(`our engine, warm pulls: ${warm.map((f) => `${f.seconds.toFixed(2)} s`).join(', ')}; the median:`);
    report('our engine over loopback, warm (sync runner, memory store, a fresh child)', engine, true);
    // What an edge node child does: the same pull into its embedded PGlite (the SQL store).
    const pglite = await openSqlStore();
    const intoSql = await engineRun(parent.base, loopback, pglite).finally(() => pglite.close());
    console.log(`our engine into PGlite (an edge node child's store): ${intoSql.seconds.toFixed(2)} s, ` +
      `${Math.round(intoSql.objects / intoSql.seconds).toLocaleString('en')} objects/s`);
    const sync2 = await sync2Run(parent.base, loopback, { size: baselineSample, budgetMs: baselineBudgetMs });
    report('sync2 algorithm over loopback (pages back from recent, one GET per event, one at a time)', sync2, false);
    compare(engine, sync2);
    const slow = delayed(loopback, roundTripMs);
    console.log(`\nwith a simulated ${roundTripMs} ms round trip per request:`);
    const engineSlow = await engineRun(parent.base, slow);
    report('our engine', engineSlow, true);
    const sync2Slow = await sync2Run(parent.base, slow, { size: roundTripSample, budgetMs: 0 });
    report('sync2 algorithm', sync2Slow, false);
    compare(engineSlow, sync2Slow);
  } finally {
    await parent.close();
  }
}

/** Where a parent thread runs: a module that serves when its `workerData.role` is `role` (default: this module's parent). */
export interface ParentThreadModule {
  url: string;
  role: string;
  /** More `workerData` for that module. */
  data?: Record<string, unknown>;
}

/**
 * Starts the parent edge node with `count` objects on a worker thread (through tsx's loader, as this file runs under tsx).
 * The thread's module posts `{ base, loadSeconds }` once it listens, and closes when told.
 */
export async function startParentThread(
  count: number,
  module: ParentThreadModule = { url: import.meta.url, role: parentRole },
): Promise<{ base: string; loadSeconds: number; thread: Worker; close(): Promise<void> }> {
  const loader = import.meta.resolve('tsx/esm/api');
  const code = `(async () => { const { register } = await import(${JSON.stringify(loader)}); register(); await import(${JSON.stringify(module.url)}); })()`;
  const worker = new Worker(code, { eval: true, workerData: { ...module.data, role: module.role, count } });
  const started = await new Promise<{ base: string; loadSeconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const close = async (): Promise<void> => {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  };
  return { ...started, thread: worker, close };
}

/** The worker side: start the parent, load it, tell the main thread its base, close when told. */
async function serveParent(count: number): Promise<void> {
  useNativeSha256(); // this thread has its own module instances: the parent hashes as the edge node does
  const parent = await startTestEdge({ pageSize: 100, gzip: nativeGzip });
  const loading = performance.now();
  await loadParent(parent.store, demoObjects(count));
  parentPort?.postMessage({ base: parent.base, loadSeconds: (performance.now() - loading) / 1000 });
  parentPort?.once('message', () => {
    void parent.close().then(() => parentPort?.close());
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === parentRole) {
  await serveParent((workerData as { count: number }).count);
}
