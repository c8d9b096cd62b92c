/** Prints the browser bench's figures with their definitions; figures only, no verdicts. */

import type { BrowserRun } from './browser-bench.ts';
import type { BenchProbes, StatusSample } from './browser-page-probes.ts';

const n = (value: number): string => Math.round(value).toLocaleString('en');
const ms = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? 'n/a' : `${n(value)} ms`);
const s = (value: number): string => `${value.toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
const line = (label: string, value: string): void => console.log(`  ${label.padEnd(52)} ${value}`);

/** The run: the first status with `running`, and the first one after it without. */
function runWindow(probes: BenchProbes): { start: StatusSample; end: StatusSample } {
  const startIndex = probes.statuses.findIndex((x) => x.running);
  const start = probes.statuses[startIndex];
  const end = probes.statuses.slice(startIndex).find((x) => !x.running);
  if (!start || !end) throw new Error('the probes saw no whole run');
  return { start, end };
}

/** Entries per category as the progress reported them, and the seconds from its first progress to the next category's. */
function categoryPace(probes: BenchProbes, end: StatusSample): { category: string; done: number; seconds: number }[] {
  const firsts: { category: string; at: number; done: number }[] = [];
  for (const x of probes.statuses) {
    if (!x.running || x.phase !== 'pull' || x.category === undefined) continue;
    const last = firsts.at(-1);
    if (last?.category === x.category) last.done = Math.max(last.done, x.done ?? 0);
    else firsts.push({ category: x.category, at: x.at, done: x.done ?? 0 });
  }
  return firsts.map((c, i) => ({ category: c.category, done: c.done, seconds: ((firsts[i + 1]?.at ?? end.at) - c.at) / 1000 }));
}

function printDefinitions(): void {
  console.log('definitions (times in the page are performance.now(): 0 = navigation start of the first load, fresh profile):');
  console.log('  "rendered": the first task after the next animation frame once the screen\'s element is in the DOM');
  console.log('  time to first usable screen: navigation start → the status screen rendered with the sync\'s progress bar, the app');
  console.log('    shell (header and navigation) around it; includes loading the app, the sign-in form, the bench filling it');
  console.log('    (no typing delay), the check against the parent and the run\'s first progress; the page main thread\'s');
  console.log('    responsiveness during the sync is given below (timer lateness, long tasks)');
  console.log('  first patient listed: navigation start → the first patient row rendered on the patients screen; the bench opens');
  console.log('    that screen as soon as the progress bar shows and presses Search (an empty search lists patients) every');
  console.log('    250 ms until one is listed, then goes back to the status screen');
  console.log('  sync time: the run\'s first status with running=true → its first status with running=false, as received on the');
  console.log('    sync-status BroadcastChannel in the page (pull of every category, then the push phase with nothing to push)');
}

function printScreens(run: BrowserRun, window: { start: StatusSample; end: StatusSample }): void {
  const { marks, clicks } = run.probes;
  const signIn = clicks['Sign in'];
  console.log('first screens (ms after navigation start):');
  line('app shell rendered (sign-in form)', ms(marks['signInForm']?.painted));
  line('"Sign in" clicked by the bench', ms(signIn));
  line('the run started (first status running=true)', ms(window.start.at));
  line('time to first usable screen (status + progress bar)', ms(marks['progress']?.painted));
  const afterSignIn = (marks['progress']?.painted ?? Number.NaN) - (signIn ?? Number.NaN);
  line('  of which after "Sign in" clicked', ms(afterSignIn));
  line('  without the bench filling the form (form + that)', ms((marks['signInForm']?.painted ?? Number.NaN) + afterSignIn));
  const searches = [...run.patients.searches].sort((a, b) => a - b);
  const median = searches[Math.floor(searches.length / 2)];
  const patientNote = run.patients.listed ? '' : ' (none listed before the run ended)';
  line('first patient listed on the patients screen', `${ms(marks['patient']?.painted)}${patientNote}`);
  line('  of which after the run started', ms((marks['patient']?.painted ?? Number.NaN) - window.start.at));
  line('  patient searches during the sync (click → list)', searches.length === 0 ? 'none needed'
    : `${searches.length}: median ${ms(median)}, max ${ms(searches.at(-1))}`);
}

function printSync(run: BrowserRun, window: { start: StatusSample; end: StatusSample }): number {
  const seconds = (window.end.at - window.start.at) / 1000;
  const stored = run.tables['objects'] ?? 0;
  const outcome = window.end.lastPullStatus ?? 'unknown';
  console.log(`initial sync by the browser node (the built PWA: sync worker, Dexie store), pull outcome: ${outcome}`);
  line('objects stored (IndexedDB objects table)', `${n(stored)} of ${n(run.objects)}`);
  line('sync time', s(seconds));
  line('objects per second', n(stored / seconds));
  if (window.end.lastPullAt !== undefined) {
    line('  pull phase (run start → lastPull.at)', s((window.end.lastPullAt - window.start.wall) / 1000));
  }
  for (const c of categoryPace(run.probes, window.end)) {
    line(`  ${c.category}: ${n(c.done)} entries`, `${s(c.seconds)}  (${n(c.done / c.seconds)}/s)`);
  }
  const rows = Object.entries(run.tables).map(([table, count]) => `${table} ${n(count)}`).join(', ');
  console.log(`  rows the sync left in IndexedDB: ${rows}`);
  const requests = Object.entries(run.requests).map(([kind, r]) => `${kind} ${n(r.count)} (${s(r.ms / 1000)} in the handler)`).join(', ');
  const total = Object.values(run.requests).reduce((sum, r) => sum + r.count, 0);
  line('requests to the edge node, Sign in → run end', `${n(total)}: ${requests}`);
  line('edge thread event loop busy, Sign in → run end', `${(run.edgeBusy * 100).toFixed(1)}%`);
  line('peak JS heap: sync worker / page (CDP, every 200 ms)', `${mb(run.heap.worker)} / ${mb(run.heap.page)}`);
  printMainThread(run.probes, window);
  return stored / seconds;
}

function printMainThread(probes: BenchProbes, window: { start: StatusSample; end: StatusSample }): void {
  const inRun = ([at]: [number, number]): boolean => at >= window.start.at && at <= window.end.at;
  const lags = probes.lag.filter(inRun).map(([, late]) => late);
  const tasks = probes.longTasks.filter(inRun).map(([, duration]) => duration);
  line('page main thread during the sync: 50 ms timer late', lags.length === 0 ? 'never by more than 20 ms' : `max ${ms(Math.max(...lags))}, ${lags.length}× over 20 ms`);
  line('page main thread during the sync: long tasks (>50 ms)', tasks.length === 0 ? 'none' : `${tasks.length}, longest ${ms(Math.max(...tasks))}, total ${ms(tasks.reduce((a, b) => a + b, 0))}`);
}

function printFloor(run: BrowserRun, syncRate: number): void {
  const { single, chunked, logged, chunk } = run.floor;
  const rate = (f: { rows: number; seconds: number }): number => f.rows / f.seconds;
  console.log(`floor: bare Dexie bulkPut, in the same page, of the ${n(single.rows)} rows the sync stored in its objects table (read back`);
  console.log(`  untimed; a row holds the object with its body and base body: ${n(run.floor.rowChars)} characters of JSON on average, base body`);
  console.log(`  equal to the body in ${(run.floor.baseIsBody * 100).toFixed(0)}% of rows), into a fresh database with the same objects table`);
  console.log('  (primary key [category+uuid], index [category+gone+uuid]):');
  line('one bulkPut call (the floor)', `${s(single.seconds)}, ${n(rate(single))} objects/s`);
  line(`bulkPut in transactions of ${chunk} (one per feed page)`, `${s(chunked.seconds)}, ${n(rate(chunked))} objects/s`);
  line(`+ their changes and audit rows, ${chunk} of each per transaction`, `${s(logged.seconds)}, ${n(rate(logged))} objects/s (${n(logged.allRows)} rows)`);
  line('ratio sync / floor (objects per second)', `${(syncRate / rate(single)).toFixed(3)}`);
  console.log(`  (against the other two forms: ${(syncRate / rate(chunked)).toFixed(3)} and ${(syncRate / rate(logged)).toFixed(3)})`);
}

function printProfile(run: BrowserRun): void {
  const { profile } = run;
  if (!profile || run.profileIntervalUs === undefined) return console.log('sync worker CPU profile: off (BROWSER_BENCH_PROFILE=0)');
  const kinds = Object.entries(profile.kinds).sort((a, b) => b[1] - a[1]);
  console.log(`sync worker CPU profile, "Sign in" → run end (${s(profile.totalMs / 1000)}, a sample every ${run.profileIntervalUs / 1000} ms):`);
  for (const [kind, t] of kinds) console.log(`    ${pct(t, profile.totalMs).padStart(6)}  ${ms(t).padStart(9)}  ${kind}`);
  console.log(`  at least one request of the worker in flight: ${pct(profile.inFlightMs, profile.totalMs)} of the time (CDP Network on the worker);`);
  console.log('  idle with no request in flight: the worker waits on IndexedDB (or on the page)');
  console.log('  script self time by source file:');
  for (const [file, t] of profile.files.slice(0, 10)) console.log(`    ${pct(t, profile.totalMs).padStart(6)}  ${ms(t).padStart(9)}  ${file}`);
  console.log('  heaviest functions (self time; (native): IndexedDB calls, fetch, structured clone… run from script):');
  for (const f of profile.functions.slice(0, 12)) console.log(`    ${pct(f.ms, profile.totalMs).padStart(6)}  ${f.where}  ${f.text}`);
  console.log('  script time by the nearest project function on the stack (library and native callees included):');
  for (const f of profile.owners.slice(0, 12)) console.log(`    ${pct(f.ms, profile.totalMs).padStart(6)}  ${f.where}  ${f.text}`);
}

/** Prints every figure of `run`, the definitions first. */
export function printBrowserFigures(run: BrowserRun): void {
  console.log(`edge node (own thread): ${n(run.objects)} demo objects, feed pages of 100, loaded in ${s(run.edgeLoadSeconds)}; ` +
    `PWA built from the current sources in ${s(run.buildSeconds)}; Chromium ${run.chromium} headless, on-disk profile; node ${process.version}; ` +
    `load average ${run.load.average.toFixed(2)} on ${run.load.cores} cores at the start`);
  printDefinitions();
  const window = runWindow(run.probes);
  printScreens(run, window);
  const syncRate = printSync(run, window);
  printFloor(run, syncRate);
  printProfile(run);
}
