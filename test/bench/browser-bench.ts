/** Benchmark of the browser node in headless Chromium: an initial sync of 20,000 objects from an edge node over loopback, beside a bare Dexie bulkPut of the same rows. */

import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildSiteForBench, type BuiltSite, readBundleMap, workerBundlePath } from './browser-build.ts';
import { attachToWorker, type CpuProfile, logWorkerRequests, sampleHeapPeaks, startWorkerProfile } from './browser-cdp.ts';
import { type PatientsProbe, signIn, waitForMark, waitForProgress, waitForRunEnd, watchPatients } from './browser-drive.ts';
import { type BrowserBenchEdge, type EdgeRequestStats, startBrowserBenchEdge } from './browser-edge-thread.ts';
import { countSyncTables, type FloorRuns, measureFloor, type TableCounts } from './browser-floor.ts';
import { type BenchProbes, installBenchProbes, installMainThreadProbes, screenSelectors } from './browser-page-probes.ts';
import { summariseProfile, type ProfileSummary } from './browser-profile-summary.ts';
import { printBrowserFigures } from './browser-report.ts';

const objectCount = 20_000;
/** The floor's second form: one transaction per feed page of the edge node. */
const floorChunk = 100;
/**
 * Microseconds between the worker profiler's samples: `BROWSER_BENCH_PROFILE` (default 10,000; at that rate
 * its cost did not show against the run-to-run spread here); `0` runs without the profiler.
 */
const profileIntervalUs = profileInterval(process.env['BROWSER_BENCH_PROFILE']);

function profileInterval(setting: string | undefined): number | undefined {
  const us = Number(setting ?? 10_000);
  return Number.isFinite(us) && us > 0 ? us : undefined;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Everything one run measured, for the report. */
export interface BrowserRun {
  objects: number;
  edgeLoadSeconds: number;
  buildSeconds: number;
  chromium: string;
  probes: BenchProbes;
  patients: PatientsProbe;
  heap: { page: number; worker: number };
  requests: EdgeRequestStats;
  /** Share of the sync's wall time the edge thread's event loop was busy. */
  edgeBusy: number;
  tables: TableCounts;
  floor: FloorRuns & { chunk: number };
  profile?: ProfileSummary;
  profileIntervalUs?: number;
  /** The machine's 1-minute load average when the bench started, and its cores. */
  load: { average: number; cores: number };
}

/**
 * Prints, for an initial sync of 20,000 objects by the built PWA in headless Chromium (on-disk
 * profile, real IndexedDB) from an edge node on its own thread: the screens' times, objects per
 * second, heap peaks, the edge's requests, a bare Dexie bulkPut of the same rows in the same
 * page (the floor) and the ratio, and where the sync worker's CPU time went. Asserts nothing.
 */
export async function benchBrowser(): Promise<void> {
  const site = await quietly(buildSiteForBench);
  const profileDir = await mkdtemp(join(tmpdir(), 'browser-bench-profile-'));
  let edge: BrowserBenchEdge | undefined;
  let context: BrowserContext | undefined;
  try {
    edge = await startBrowserBenchEdge(objectCount, site.root);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: chromiumArgs,
    });
    printBrowserFigures(await runBench(context, edge, site));
  } finally {
    await context?.close();
    await edge?.close();
    await rm(profileDir, { recursive: true, force: true });
    await rm(site.root, { recursive: true, force: true });
  }
}

async function runBench(context: BrowserContext, edge: BrowserBenchEdge, site: BuiltSite): Promise<BrowserRun> {
  const load = { average: loadavg()[0] ?? 0, cores: cpus().length };
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.log(`  (page error: ${error.message})`));
  // tsx names functions with a `__name` helper that does not exist in the page.
  await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await page.addInitScript(installBenchProbes, screenSelectors);
  await page.addInitScript(installMainThreadProbes);
  await page.goto(edge.url);
  await waitForMark(page, 'signInForm');
  const watched = await watchSync(page, edge, site);
  const tables = await countSyncTables(page);
  const floor = await measureFloor(page, floorChunk);
  const chromiumVersion = await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown');
  return {
    objects: objectCount, edgeLoadSeconds: edge.loadSeconds, buildSeconds: site.seconds, chromium: chromiumVersion,
    ...watched, tables, floor: { ...floor, chunk: floorChunk }, load,
    ...(profileIntervalUs === undefined ? {} : { profileIntervalUs }),
  };
}

/** Signs in and follows the sync to its end with the profiler, heap sampler and edge counters running. */
async function watchSync(page: Page, edge: BrowserBenchEdge, site: BuiltSite) {
  const cdp = await page.context().newCDPSession(page);
  const bundle = await workerBundlePath(site);
  const worker = await attachToWorker(cdp, bundle);
  const heap = sampleHeapPeaks(cdp, worker);
  const requestLog = await logWorkerRequests(worker);
  const stopProfile = profileIntervalUs === undefined ? undefined : await startWorkerProfile(worker, profileIntervalUs);
  await edge.requests({ reset: true });
  const elu = edge.utilization();
  await signIn(page);
  await waitForProgress(page);
  const patients = await watchPatients(page);
  const probes = await waitForRunEnd(page);
  const profile: CpuProfile | undefined = await stopProfile?.();
  const edgeElu = edge.utilization(elu);
  await heap.stop();
  await cdp.detach();
  return {
    probes, patients, heap: { page: heap.page, worker: heap.worker },
    requests: await edge.requests(), edgeBusy: edgeElu.utilization,
    ...(profile ? { profile: summariseProfile(profile, { url: new URL(bundle, edge.url).href, map: await readBundleMap(site, bundle) }, requestLog.intervals()) } : {}),
  };
}

/** Runs `work` with this process's output held back (vite's nested service-worker build prints its file list); shown if it fails. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const held: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => held.push(String(chunk)) > 0) as typeof stream.write;
  }
  try {
    return await work();
  } catch (error) {
    held.forEach((text) => writes[1]?.call(process.stderr, text));
    throw error;
  } finally {
    streams.forEach((stream, i) => { stream.write = writes[i] ?? stream.write; });
  }
}
