// A push of 2,000 local changes from a child edge node through a link that fails 10 % of its requests (500, reset, truncated body, delay past the timeout) ends in the same state as the same push without faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/core/ports/ports.ts';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import { createSeededRandom } from '../../src/edge/seed/seeded-random.ts';
import { demoObjects, yieldingSleep } from './_network-kit.ts';
import {
  deleteEntry, fhirBatch, patientBody, type PushNode, putEntry, startComposedChild, startPushNode, stateOf, syncOk,
} from './_push-network-kit.ts';
import { connectionReset, serverError, truncated, unitHash } from './_fault-kit.ts';

type Fault = '500' | 'reset' | 'truncated' | 'delay';
const faultKinds: readonly Fault[] = ['500', 'reset', 'truncated', 'delay'];
/** The faulty child's per-request timeout, ms: a `delay` fault answers after it. */
const timeoutMs = 120;

/**
 * A fetch that fails `rate` of the requests once `enabled`: HTTP 500 or a connection reset (half of
 * them after the parent handled the request: the acknowledgement is lost), a body cut off mid-stream,
 * or an answer held past the client's timeout. The draw hashes the seed, the request and how often it
 * was made before, so it does not depend on ports or timing.
 */
function faultyFetch(inner: FetchLike, options: { seed: string; rate: number }) {
  const seen = new Map<string, number>();
  const injected: Record<Fault, number> = { '500': 0, reset: 0, truncated: 0, delay: 0 };
  let enabled = false;
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' ? '' : await request.clone().text();
    const { pathname, search } = new URL(request.url);
    const key = `${request.method} ${pathname}${search} ${body}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const draw = unitHash(`${options.seed}\n${key}\n${nth}`);
    const fault = enabled && draw < options.rate ? faultKinds[Math.floor((draw / options.rate) * faultKinds.length)] as Fault : undefined;
    if (!fault) return await inner(request);
    injected[fault] += 1;
    const afterParent = unitHash(`${key}\n${nth}\nlate`) < 0.5;
    if ((fault === '500' || fault === 'reset') && !afterParent) return failWith(fault);
    const response = inner(request);
    if (fault === 'delay') return await heldUntilAborted(response, init?.signal ?? undefined);
    const answered = await response;
    return fault === 'truncated' ? truncated(answered) : (await answered.arrayBuffer(), failWith(fault));
  };
  return { fetch, injected, enable: () => { enabled = true; } };
}

function failWith(fault: '500' | 'reset'): Response {
  if (fault === 'reset') throw connectionReset();
  return serverError();
}

/** Lets the parent answer, but gives the answer only after the client gave up (throws its abort reason). */
async function heldUntilAborted(response: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  await response.then((r) => r.arrayBuffer()).catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, timeoutMs * 20);
    const abort = () => { clearTimeout(timer); reject(signal?.reason ?? new DOMException('aborted', 'AbortError')); };
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
  throw new Error('the client never timed out');
}

/**
 * The 2,000 local changes, as batch entries in order: every pulled object updated (300), 100 of
 * them then removed, 1,500 patients created, 100 of those updated again.
 */
function localChanges(pulled: readonly JsonObject[]): JsonObject[] {
  const random = createSeededRandom('push-faults');
  const created = Array.from({ length: 1_500 }, (_, i) => patientBody(random.uuid(), { gender: i % 2 ? 'male' : 'female', birthDate: '2020-02-02' }));
  return [
    ...pulled.map((o) => putEntry({ ...o, language: 'sw' })),
    ...pulled.filter((_, i) => i % 3 === 0).map(deleteEntry),
    ...created.map(putEntry),
    ...created.filter((_, i) => i % 15 === 0).map((p) => putEntry({ ...p, birthDate: '2021-03-03' })),
  ];
}

const seedObjects = demoObjects(300, { seed: 'push-faults' });
const hour = 3_600_000;
let offset = 0;
const faults = faultyFetch(globalThis.fetch.bind(globalThis), { seed: 'push-faults', rate: 0.1 });
let cleanParent: PushNode;
let faultyParent: PushNode;
let clean: PushNode;
let faulty: PushNode;

beforeAll(async () => {
  [cleanParent, faultyParent] = await Promise.all([
    startPushNode({ name: 'clean-parent', children: ['clean'] }), startPushNode({ name: 'faulty-parent', children: ['faulty'] }),
  ]);
  await Promise.all([cleanParent, faultyParent].map((p) => fhirBatch(p, seedObjects.map(putEntry))));
  // Failed events are due by the next run: the faulty child's clock moves on an hour between runs.
  const ts = { failedEvents: { maxAttempts: 50, baseDelaySeconds: 60 } };
  const transport = { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } };
  clean = await startComposedChild({ name: 'clean', parent: cleanParent, ts, sleep: yieldingSleep, transport: { ...transport, timeoutMs: 30_000 } });
  faulty = await startComposedChild({
    name: 'faulty', parent: faultyParent, ts, sleep: yieldingSleep, fetch: faults.fetch, now: () => Date.now() + offset, transport: { ...transport, timeoutMs },
  });
  await syncOk(clean, faulty);
  const pulled = seedObjects;
  await Promise.all([clean, faulty].map((child) => fhirBatch(child, localChanges(pulled))));
});

afterAll(async () => {
  await Promise.all([clean, faulty, cleanParent, faultyParent].filter(Boolean).map((n) => n.close()));
});

describe('pushing 2,000 changes through a faulty link', () => {
  it('each child holds 2,000 local changes to push', async () => {
    for (const child of [clean, faulty]) {
      const rows = (await child.store.changesSince(0)).filter((r) => r.origin === 'local');
      expect(rows, child.name).toHaveLength(2_000);
      expect((await child.call('/status')).body['push']['pending']).toEqual({ changes: 2_000, objects: 1_800, capped: false });
    }
  });

  it('without faults, one sync pushes them all', async () => {
    await syncOk(clean);
    expect(await stateOf(cleanParent)).toEqual(await stateOf(clean));
  });

  it('with 10 % faults, syncing again until nothing is pending ends in the same state as without', async () => {
    faults.enable();
    let runs = 0;
    let failures = 0;
    for (; runs < 60; runs += 1) {
      const { body } = await faulty.sync();
      failures += Number(body['push']?.['counts']?.['failed'] ?? 0);
      offset += hour;
      const status = (await faulty.call('/status')).body;
      if (status['push']['pending']['changes'] === 0 && status['failedEvents']['total'] === 0) break;
    }
    expect(runs).toBeLessThan(60);
    for (const kind of faultKinds) expect(faults.injected[kind], kind).toBeGreaterThan(10);
    // Some faults got past the transport's one retry and became failed pushes, retried by later runs.
    expect(failures).toBeGreaterThan(0);
    expect(await stateOf(faultyParent)).toEqual(await stateOf(cleanParent));
    expect(await stateOf(faulty)).toEqual(await stateOf(clean));
  });

  it('the faulty parent logged each pushed object as the clean one did: nothing lost, nothing twice', async () => {
    const log = async (node: PushNode) => (await node.store.changesSince(0)).map((r) => `${r.category}/${r.uuid} ${r.action} ${r.origin}`).sort();
    expect(await log(faultyParent)).toEqual(await log(cleanParent));
  });
});
