/** Writes the demo data into an empty root node's store, in batches, through the same plans as any local write. */

import type { Clock, Logger } from '../../core/ports/ports.ts';
import type { BatchPlan, Json, JsonObject, StoredObject, SyncStore } from '../../core/store/store-port.ts';
import { planLocalWrite } from '../../core/sync/plan-local-write.ts';
import { type DemoData, defaultDemoSeed, generateDemoData } from './generate-demo-data.ts';

export interface SeedDemoDataOptions {
  /** Number of demo patients; 0 seeds nothing. */
  patients: number;
  now: Clock;
  /** This node's instance id, recorded with the seeding. */
  instanceId: string;
  /** Event ids of the change-log rows. */
  newId: () => string;
  seed?: string;
  /** Objects per `applyBatch`; default 200. */
  batchSize?: number;
  /** Settings written with the first batch of a new seeding (e.g. the feed page size it fixes). */
  firstBatchSettings?: Record<string, Json>;
  log?: Logger;
}

/** Per category, how many objects were written (0 everywhere when nothing was seeded). */
export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

/** The `demoData` setting: what was seeded, so an interrupted seeding resumes with the same data. */
interface DemoDataSetting {
  [key: string]: string | number;
  status: 'started' | 'complete';
  seed: string;
  patients: number;
  at: number;
  instanceId: string;
}

const settingKey = 'demoData';

/** Categories in the order they are written (referenced objects first), with their demo lists. */
const categoryLists: readonly [string, keyof DemoData][] = [
  ['location', 'locations'], ['patient', 'patients'], ['visit', 'visits'], ['encounter', 'encounters'], ['observation', 'observations'],
];

/**
 * Seeds `patients` demo patients (with clinics, visits, encounters, vital signs) as local writes
 * (origin `local`), one `applyBatch` per `batchSize` objects, locations first and observations
 * last. Only an empty store is seeded; a seeding cut short is finished on the next call with the
 * same data (objects already written plan as unchanged), and a finished one is never repeated.
 * When another writer changes a seeded object meanwhile, seeding stops (`seeded: false`).
 *
 * @example
 * ```ts
 * await seedDemoData(store, { patients: 40, now: Date.now, instanceId, newId: () => crypto.randomUUID() });
 * // { seeded: true, counts: { location: 3, patient: 40, visit: 82, encounter: 82, observation: 656 } }
 * ```
 */
export async function seedDemoData(store: SyncStore, options: SeedDemoDataOptions): Promise<SeedResult> {
  const setting = await startingSetting(store, options);
  if (setting === undefined) return { seeded: false, counts: {} };
  const fresh = (await store.lastSeq()) === 0;
  const data = generateDemoData({ patients: setting.patients, now: setting.at, seed: setting.seed });
  const items = categoryLists.flatMap(([category, list]) => data[list].map((body) => ({ category, body })));
  const size = Math.max(1, options.batchSize ?? 200);
  const counts: Record<string, number> = {};
  for (let start = 0; start < items.length; start += size) {
    const chunk = items.slice(start, start + size);
    const plan = await planChunk(store, chunk, options);
    const last = start + size >= items.length;
    const extra = start === 0 && fresh ? options.firstBatchSettings : undefined;
    plan.settings = { ...extra, [settingKey]: { ...setting, status: last ? 'complete' : 'started' } };
    const result = await store.applyBatch(plan);
    if (!result.ok) {
      // Another writer got there first (e.g. a second instance on the same database seeding too).
      options.log?.info('demo data seeding stopped: the store was written concurrently', { object: `${result.failed.category}/${result.failed.uuid}` });
      return { seeded: false, counts };
    }
    for (const row of result.changes) counts[row.category] = (counts[row.category] ?? 0) + 1;
    options.log?.debug('seeded a batch of demo data', { objects: chunk.length, upTo: start + chunk.length, of: items.length });
  }
  return { seeded: true, counts };
}

/** The seeding to do: a new one for an empty store, the interrupted one to finish, or none. */
async function startingSetting(store: SyncStore, options: SeedDemoDataOptions): Promise<DemoDataSetting | undefined> {
  const previous = await store.getSetting<DemoDataSetting>(settingKey);
  if (previous !== undefined) return previous.status === 'started' ? previous : undefined;
  if (options.patients <= 0) return undefined;
  const counts = await store.countObjects();
  if (Object.values(counts).some((c) => c.live + c.removed > 0)) return undefined;
  return {
    status: 'started',
    seed: options.seed ?? defaultDemoSeed,
    patients: options.patients,
    at: options.now(),
    instanceId: options.instanceId,
  };
}

async function planChunk(
  store: SyncStore,
  chunk: readonly { category: string; body: JsonObject }[],
  options: SeedDemoDataOptions,
): Promise<BatchPlan> {
  const current = new Map<string, StoredObject>();
  for (const category of new Set(chunk.map((c) => c.category))) {
    const uuids = chunk.filter((c) => c.category === category).map((c) => String(c.body['id']));
    for (const o of await store.getObjects(category, uuids)) current.set(`${category}/${o.uuid}`, o);
  }
  const plan: Required<Pick<BatchPlan, 'preconditions' | 'objects' | 'changes'>> = { preconditions: [], objects: [], changes: [] };
  const now = options.now();
  for (const { category, body } of chunk) {
    const uuid = String(body['id']);
    const { plan: one } = planLocalWrite(current.get(`${category}/${uuid}`), { category, uuid, representation: 'fhir', body },
      { origin: 'local', now, eventId: options.newId() });
    plan.preconditions.push(...(one.preconditions ?? []));
    plan.objects.push(...(one.objects ?? []));
    plan.changes.push(...(one.changes ?? []));
  }
  return plan;
}
