/** Benchmark of the edge node as a parent over loopback: feed pages, FHIR reads, batch and single writes. */

import { startTestEdge, adminAuth } from '../edge/app/start-test-edge.ts';

const patientCount = 5_000;

function patient(id: string, i: number) {
  return {
    resourceType: 'Patient',
    id,
    name: [{ family: `Family${i}`, given: [`Given${i}`] }],
    gender: i % 2 ? 'female' : 'male',
    birthDate: `19${String(50 + (i % 50)).padStart(2, '0')}-01-01`,
  };
}

async function timed(label: string, count: number, unit: string, run: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(40)} ${count} in ${seconds.toFixed(2)} s: ${Math.round(count / seconds).toLocaleString('en')} ${unit}/s`);
}

/** Runs `count` calls of `task`, `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < count) await task(next++); };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function expectOk(response: Response): Promise<void> {
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

export async function benchEdge(): Promise<void> {
  const edge = await startTestEdge({ pageSize: 100 });
  const fhir = `${edge.base}/ws/fhir2/R4`;
  const headers = { authorization: adminAuth, 'content-type': 'application/fhir+json' };
  try {
    const ids = Array.from({ length: patientCount }, () => crypto.randomUUID());
    await timed('batch Bundles (100 PUTs each)', patientCount, 'objects', () =>
      pool(patientCount / 100, 2, async (b) => {
        const entry = ids.slice(b * 100, b * 100 + 100).map((id, k) => ({
          resource: patient(id, b * 100 + k),
          request: { method: 'PUT', url: `Patient/${id}` },
        }));
        await expectOk(await fetch(fhir, { method: 'POST', headers, body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }) }));
      }));
    const singles = Array.from({ length: 1_000 }, () => crypto.randomUUID());
    await timed('single PUTs (4 in flight)', singles.length, 'objects', () =>
      pool(singles.length, 4, async (i) => {
        const id = singles[i]!;
        await expectOk(await fetch(`${fhir}/Patient/${id}`, { method: 'PUT', headers, body: JSON.stringify(patient(id, i)) }));
      }));
    await timed('FHIR reads (4 in flight)', 2_000, 'reads', () =>
      pool(2_000, 4, async (i) => expectOk(await fetch(`${fhir}/Patient/${ids[i % ids.length]}`, { headers }))));
    const pages = Math.floor((patientCount + singles.length) / 100);
    await timed('feed pages of 100 entries (4 in flight)', pages * 4, 'pages', () =>
      pool(pages * 4, 4, async (i) => expectOk(await fetch(`${edge.base}/ws/atomfeed/patient/${(i % pages) + 1}`))));
    await timed('idle `recent` polls answered 304', 1_000, 'polls', async () => {
      const first = await fetch(`${edge.base}/ws/atomfeed/patient/recent`);
      const etag = first.headers.get('etag') ?? '';
      await first.arrayBuffer();
      await pool(1_000, 4, async () => {
        const r = await fetch(`${edge.base}/ws/atomfeed/patient/recent`, { headers: { 'if-none-match': etag } });
        if (r.status !== 304) throw new Error(`expected 304, got ${r.status}`);
        await r.arrayBuffer();
      });
    });
  } finally {
    await edge.close();
  }
}
