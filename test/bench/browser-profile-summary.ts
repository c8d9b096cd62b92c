/** Reads a worker CPU profile back onto the sources through the bundle's source map: where the sync worker's time goes. */

import type { CpuProfile } from './browser-cdp.ts';
import { type SourceMapV3, sourceMapLookup } from './browser-source-map.ts';

/** Where a profile's time went. */
export interface ProfileSummary {
  totalMs: number;
  /** `(idle)` (split by whether a request of the worker was in flight), `(program)`, `(garbage collector)`, and `script`, in ms. */
  kinds: Record<string, number>;
  /** Time with at least one of the worker's requests in flight, in ms. */
  inFlightMs: number;
  /** Self time by source file, most first. */
  files: [string, number][];
  /** Self time by function (its source line), most first. */
  functions: FunctionTime[];
  /** Script time by the nearest project function (src/) on the stack: its own time and that of the library and native code it called. */
  owners: FunctionTime[];
}

/** Time of one function, named by its place in the sources and the text of that line. */
export interface FunctionTime { ms: number; where: string; text: string }

/** Sorted, disjoint union of `intervals`. */
function union(intervals: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Each sampled stretch of the profile: its node, its start (µs, the profiler's clock) and its
 * length in ms. A delta is the time before its sample: it is charged to the sample before it.
 */
function* stretches(profile: CpuProfile): Generator<{ id: number; at: number; ms: number }> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime + (deltas[0] ?? 0);
  for (let i = 1; i < samples.length; i += 1) {
    const delta = deltas[i] ?? 0;
    yield { id: samples[i - 1] ?? 0, at, ms: delta / 1000 };
    at += delta;
  }
}

/** Time in ms with a request in flight within the profile's window. */
function inFlightWithin(profile: CpuProfile, requests: readonly [number, number][]): number {
  return requests.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, profile.endTime) - Math.max(start, profile.startTime)), 0) / 1000;
}

/** Where a frame of the profile comes from: a source file and line (through the map), or its URL. */
interface Place { file: string; where: string; text: string }

function placeOf(frame: CpuProfile['nodes'][number]['callFrame'], bundle: { url: string; map?: SourceMapV3 }, lookup?: ReturnType<typeof sourceMapLookup>): Place {
  const origin = frame.url === bundle.url ? lookup?.(frame.lineNumber, frame.columnNumber) : undefined;
  if (!origin) {
    const file = frame.url === '' ? '(native)' : frame.url;
    return { file, where: `${frame.functionName || '(anonymous)'} ${file}`, text: '' };
  }
  const index = bundle.map?.sources.findIndex((x) => x.endsWith(origin.source)) ?? -1;
  const text = (bundle.map?.sourcesContent?.[index] ?? '').split('\n')[origin.line]?.trim().slice(0, 90) ?? '';
  return { file: origin.source, where: `${origin.source}:${origin.line + 1}`, text };
}

function add(totals: Map<string, FunctionTime>, place: Place, ms: number): void {
  const entry = totals.get(place.where) ?? { ms: 0, where: place.where, text: place.text };
  entry.ms += ms;
  totals.set(place.where, entry);
}

const sorted = (totals: Map<string, FunctionTime>): FunctionTime[] => [...totals.values()].sort((a, b) => b.ms - a.ms);

/**
 * Sums the profile's self times by kind, by source file and by function, placing the frames of
 * `bundle.url` through `bundle.map` (other frames keep their URL), and charges script time to the
 * nearest project function on the stack. `requests` (the worker's requests, [sent, finished] in
 * µs) split the idle time by whether one was in flight.
 */
export function summariseProfile(profile: CpuProfile, bundle: { url: string; map?: SourceMapV3 }, requests: readonly [number, number][] = []): ProfileSummary {
  const lookup = bundle.map ? sourceMapLookup(bundle.map) : undefined;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id] as const)));
  const places = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame, bundle, lookup)]));
  const ownerOf = (id: number): Place | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const place = places.get(at);
      if (place?.file.startsWith('src/')) return place;
    }
    return undefined;
  };
  const inFlight = union(requests);
  let next = 0;
  const kinds: Record<string, number> = {};
  const files = new Map<string, number>();
  const functions = new Map<string, FunctionTime>();
  const owners = new Map<string, FunctionTime>();
  for (const { id, at, ms } of stretches(profile)) {
    const frame = nodes.get(id)?.callFrame;
    const place = places.get(id);
    if (!frame || !place) continue;
    while (next < inFlight.length && (inFlight[next]?.[1] ?? 0) < at) next += 1;
    const special = frame.url === '' && frame.functionName.startsWith('(');
    const waiting = (inFlight[next]?.[0] ?? Infinity) <= at ? ' request in flight' : ' no request in flight';
    const kind = !special ? 'script' : frame.functionName === '(idle)' ? `(idle)${waiting}` : frame.functionName;
    kinds[kind] = (kinds[kind] ?? 0) + ms;
    if (special) continue;
    files.set(place.file, (files.get(place.file) ?? 0) + ms);
    add(functions, place, ms);
    add(owners, ownerOf(id) ?? { file: '', where: '(no project function on the stack)', text: '' }, ms);
  }
  return {
    totalMs: Object.values(kinds).reduce((a, b) => a + b, 0), kinds, inFlightMs: inFlightWithin(profile, inFlight),
    files: [...files].sort((a, b) => b[1] - a[1]), functions: sorted(functions), owners: sorted(owners),
  };
}
