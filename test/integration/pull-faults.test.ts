import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/core/ports/ports.ts';
import type { RunSummary } from '../../src/core/sync/runner/runner-types.ts';
import type { TestEdge } from '../edge/app/start-test-edge.ts';
import {
  changedResource, deleteResources, demoObjects, makeChild, putResources, startParent, type StoreState, storeState, type TestChild,
} from './_network-kit.ts';
import { connectionReset, serverError, truncated, unitHash } from './_fault-kit.ts';

type Fault = '500' | 'reset' | 'timeout' | 'truncated';
const faults: readonly Fault[] = ['500', 'reset', 'timeout', 'truncated'];

/** Per attempt, ms: a `timeout` fault holds its request until the client gives up. */
const timeoutMs = 500;

/**
 * A fetch that fails about `rate` of the requests: HTTP 500, a connection reset (TypeError, as
 * fetch throws), no answer before the client's timeout, or a body cut off mid-stream (the stream
 * errors, as fetch's does when the connection drops). Which request fails is drawn from a hash of
 * the seed, the request (method, path, body) and how often it was made before, so the draw does
 * not depend on the port or on how concurrent requests interleave.
 */
function faultyFetch(inner: FetchLike, options: { seed: string; rate: number }) {
  const seen = new Map<string, number>();
  const injected: Record<Fault, number> = { '500': 0, reset: 0, timeout: 0, truncated: 0 };
  const fetch: FetchLike = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // The path, not the origin: the parent's port changes from run to run.
    const { pathname, search } = new URL(url);
    const key = `${init?.method ?? 'GET'} ${pathname}${search} ${typeof init?.body === 'string' ? init.body : ''}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const draw = unitHash(`${options.seed}\n${key}\n${nth}`);
    const fault = draw < options.rate ? faults[Math.floor((draw / options.rate) * faults.length)] as Fault : undefined;
    if (fault) injected[fault] += 1;
    if (fault === '500') return serverError();
    if (fault === 'reset') throw connectionReset();
    if (fault === 'timeout') await heldUntilAborted(init?.signal ?? undefined);
    const response = await inner(input, init);
    return fault === 'truncated' ? await truncated(response) : response;
  };
  return { fetch, injected };
}

/** Waits until the request's signal aborts (then throws as fetch does); gives up after a while if it never does. */
async function heldUntilAborted(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, timeoutMs * 10);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    }, { once: true });
  });
}

/** A clock that moves on by `step` on every `tick()`: failed events come due between runs. */
function steppingClock(step: number) {
  let offset = 0;
  return { now: () => Date.now() + offset, tick: () => { offset += step; } };
}

/** Syncs until the child holds `wanted` with no failed event left; the runs' summaries. */
async function syncUntilSettled(child: TestChild, wanted: StoreState, tick: () => void, maxRuns = 30): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  while (runs.length < maxRuns) {
    runs.push(await child.syncOnce());
    tick();
    const pending = await child.store.listFailedEvents({ direction: 'pull' });
    if (pending.length === 0 && JSON.stringify(await storeState(child.store)) === JSON.stringify(wanted)) break;
  }
  return runs;
}

const hour = 3_600_000;

describe('a child pulling from a parent that fails a quarter of its requests', () => {
  const objects = demoObjects(400, { seed: 'faults' });
  let parent: TestEdge;
  let clean: TestChild;
  let faulty: TestChild;
  let faultFetch: ReturnType<typeof faultyFetch>;
  const clock = steppingClock(7 * hour);

  beforeAll(async () => {
    parent = await startParent({ pageSize: 20 });
    await putResources(parent, objects);
    // Small groups and pages; failed events due by the next run (the clock moves 7 h between runs). The faulty child also
    // gets short timeouts and one retry per request, so faults get past the transport's retries.
    const ts = { batchSize: 10, concurrency: 4, prefetchPages: 2, failedEvents: { maxAttempts: 50, baseDelaySeconds: 60 } };
    faultFetch = faultyFetch(globalThis.fetch.bind(globalThis), { seed: 'pull-faults', rate: 0.25 });
    clean = await makeChild({ parentBase: parent.base, ts });
    faulty = await makeChild({
      parentBase: parent.base, fetch: faultFetch.fetch, now: clock.now, ts, config: { timeoutMs, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    });
  });
  afterAll(async () => {
    await parent?.close();
  });

  it('the fault-free child pulls every object in one run', async () => {
    const summary = await clean.syncOnce();
    expect(summary.status, JSON.stringify(summary.error)).toBe('ok');
    expect(await storeState(clean.store)).toEqual(await storeState(parent.store));
  });

  it('syncOnce() runs again until the faulty child holds what the fault-free one holds, with nothing left failed', async () => {
    const wanted = await storeState(clean.store);
    const runs = await syncUntilSettled(faulty, wanted, clock.tick);
    expect(await storeState(faulty.store)).toEqual(wanted);
    expect(await faulty.store.listFailedEvents()).toEqual([]);
    expect(runs.length, JSON.stringify(runs.at(-1))).toBeLessThan(30);
    // Every kind of fault happened, and some of them got past the transport's retry.
    for (const kind of faults) expect(faultFetch.injected[kind], kind).toBeGreaterThan(0);
    expect(runs.some((run) => run.status !== 'ok') || (await faulty.store.listAudit({ operation: 'retry', limit: 1 })).length > 0).toBe(true);
  });

  it('the faulty child logged each object once, as the fault-free one did: no loss, no duplicate', async () => {
    const log = async (child: TestChild) => (await child.store.changesSince(0)).map((r) => `${r.category}/${r.uuid}/${r.action}`).sort();
    expect(await log(faulty)).toEqual(await log(clean));
  });

  it('syncOnce() under faults also brings later updates and removals, removals as tombstones', async () => {
    const updated = objects.filter((_, i) => i % 23 === 0).map(changedResource);
    const removed = objects.filter((_, i) => i % 29 === 3);
    await putResources(parent, updated);
    await deleteResources(parent, removed);
    const summary = await clean.syncOnce();
    expect(summary.status, JSON.stringify(summary.error)).toBe('ok');
    const wanted = await storeState(parent.store);
    expect(await storeState(clean.store)).toEqual(wanted);
    await syncUntilSettled(faulty, wanted, clock.tick);
    expect(await storeState(faulty.store)).toEqual(wanted);
    expect(await faulty.store.listFailedEvents()).toEqual([]);
  });
});
