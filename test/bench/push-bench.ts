/** Benchmark of push: 5,000 local changes on a child edge node pushed to an edge parent over loopback — changes per second and HTTP requests per change. */

import type { JsonObject, StoredObject, SyncStore } from '../../src/core/store/store-port.ts';
import { planLocalWrite } from '../../src/core/sync/plan-local-write.ts';
import type { RunSummary } from '../../src/core/sync/runner/runner-types.ts';
import { countingFetch, yieldingSleep } from '../integration/_network-kit.ts';
import { patientBody, type PushNode, startComposedChild, startPushNode } from '../integration/_push-network-kit.ts';

const changeCount = 5_000;

/** Writes `bodies` on the child as local changes (what its FHIR API would log), 1,000 per batch, without HTTP. */
async function writeLocally(store: SyncStore, bodies: readonly JsonObject[]): Promise<void> {
  for (let start = 0; start < bodies.length; start += 1_000) {
    const slice = bodies.slice(start, start + 1_000);
    const current = new Map((await store.getObjects('patient', slice.map((b) => String(b['id'])))).map((o) => [o.uuid, o]));
    const objects: StoredObject[] = [];
    const changes = [];
    for (const body of slice) {
      const uuid = String(body['id']);
      const { plan } = planLocalWrite(current.get(uuid), { category: 'patient', uuid, representation: 'fhir', body }, {
        origin: 'local', now: Date.now(), eventId: crypto.randomUUID(),
      });
      objects.push(...(plan.objects ?? []));
      changes.push(...(plan.changes ?? []));
    }
    const result = await store.applyBatch({ objects, changes });
    if (!result.ok) throw new Error('writing the local changes failed a precondition');
  }
}

/** One push-only run of the child, timed, with the requests it made by method. */
async function timedPush(child: PushNode, counter: ReturnType<typeof countingFetch>): Promise<{ seconds: number; summary: RunSummary }> {
  counter.reset();
  const runner = child.edge.child?.runner;
  if (!runner) throw new Error('the child has no runner');
  const started = performance.now();
  const summary = await runner.syncOnce({ direction: 'push' });
  const seconds = (performance.now() - started) / 1_000;
  if (summary.status !== 'ok') throw new Error(`the push ended ${summary.status}: ${JSON.stringify(summary.error)}`);
  return { seconds, summary };
}

function report(label: string, run: { seconds: number; summary: RunSummary }, requests: readonly string[]): void {
  const byMethod = new Map<string, number>();
  for (const r of requests) byMethod.set(r.split(' ')[0] as string, (byMethod.get(r.split(' ')[0] as string) ?? 0) + 1);
  const counts = run.summary.push?.['counts'] as { pushed: number; already: number } | undefined;
  console.log(`${label.padEnd(34)} ${changeCount} changes in ${run.seconds.toFixed(2)} s: ${Math.round(changeCount / run.seconds).toLocaleString('en')} changes/s`);
  console.log(`${''.padEnd(34)} ${requests.length} requests: ${(requests.length / changeCount).toFixed(2)} per change (${[...byMethod].map(([m, n]) => `${m} ${n}`).join(', ')}); pushed ${counts?.pushed ?? '?'}`);
}

/** Pushes 5,000 created patients, then 5,000 updates of them, from a child to an edge parent over loopback. */
export async function benchPush(): Promise<void> {
  const parent = await startPushNode({ name: 'parent', children: ['bench'] });
  const counter = countingFetch();
  const child = await startComposedChild({ name: 'bench', parent, fetch: counter.fetch, sleep: yieldingSleep });
  try {
    const created = Array.from({ length: changeCount }, (_, i) => patientBody(crypto.randomUUID(), { gender: i % 2 ? 'male' : 'female', birthDate: '1990-01-01' }));
    await writeLocally(child.store, created);
    report('creates (read, then PUT with the id)', await timedPush(child, counter), counter.requests);
    await writeLocally(child.store, created.map((p) => ({ ...p, birthDate: '1991-02-03' })));
    report('updates (PUT with If-Match)', await timedPush(child, counter), counter.requests);
  } finally {
    await child.close();
    await parent.close();
  }
}

