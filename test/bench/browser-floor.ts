/** The browser bench's floor: a bare Dexie bulkPut, in the same page, of the very rows the sync stored. */

import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { dexieSchemaVersions } from '../../src/browser/dexie-store/dexie-schema.ts';
import { syncStoreName } from '../../src/browser/global-sync-ports.ts';

/** One floor measurement. */
export interface FloorFigures {
  rows: number;
  seconds: number;
}

/** What the sync left in its database: rows per table. */
export type TableCounts = Record<string, number>;

/** Rows per table of the sync's IndexedDB database, read with plain IndexedDB. */
export async function countSyncTables(page: Page): Promise<TableCounts> {
  return await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tables = [...db.objectStoreNames];
    const tx = db.transaction(tables, 'readonly');
    const counts = await Promise.all(tables.map((table) => new Promise<number>((resolve, reject) => {
      const request = tx.objectStore(table).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    })));
    db.close();
    return Object.fromEntries(tables.map((table, i) => [table, counts[i] ?? 0]));
  }, syncStoreName);
}

/** The floor's three forms. */
export interface FloorRuns {
  /** The objects rows in one bulkPut call. */
  single: FloorFigures;
  /** The objects rows, one bulkPut transaction per `chunk` rows. */
  chunked: FloorFigures;
  /** The objects, changes and audit rows the sync wrote, `chunk` of each per transaction. */
  logged: FloorFigures & { allRows: number };
  /** Mean JSON length of an objects row, and the share of rows whose base body equals the body. */
  rowChars: number;
  baseIsBody: number;
}

/** What the floor needs in the page: the rows read back, kept on `globalThis.__floorRows`. */
type FloorRows = Record<'objects' | 'changes' | 'audit', unknown[]>;

/** Reads the sync's objects, changes and audit rows into the page (untimed); returns the objects rows' mean JSON length and base-is-body share. */
function readRowsInPage(name: string): Promise<{ rowChars: number; baseIsBody: number }> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  }).then(async (source) => {
    const readAll = (table: string) => new Promise<unknown[]>((resolve, reject) => {
      const request = source.transaction(table, 'readonly').objectStore(table).getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error);
    });
    const rows: FloorRows = { objects: await readAll('objects'), changes: await readAll('changes'), audit: await readAll('audit') };
    source.close();
    (globalThis as unknown as { __floorRows: FloorRows }).__floorRows = rows;
    let chars = 0;
    let same = 0;
    for (const row of rows.objects as { object?: { body?: unknown; base?: { body?: unknown } } }[]) {
      chars += JSON.stringify(row).length;
      if (JSON.stringify(row.object?.body ?? null) === JSON.stringify(row.object?.base?.body ?? null)) same += 1;
    }
    const count = Math.max(1, rows.objects.length);
    return { rowChars: chars / count, baseIsBody: same / count };
  });
}

/** One timed write in the page: the rows of `tables` into a fresh Dexie database (deleted afterwards), all in one call or `chunk` of each table per transaction. */
async function timeWriteInPage(options: { suffix: string; schema: Record<string, string>; chunk?: number }): Promise<number> {
  type Table = { bulkPut(rows: unknown[]): Promise<unknown> };
  type Db = {
    version(n: number): { stores(s: Record<string, string>): unknown }; open(): Promise<unknown>; table(n: string): Table;
    transaction(mode: string, tables: string[], work: () => Promise<void>): Promise<void>; delete(): Promise<void>;
  };
  const { Dexie, __floorRows: rows } = globalThis as unknown as { Dexie: new (name: string) => Db; __floorRows: FloorRows };
  const tables = Object.keys(options.schema) as (keyof FloorRows)[];
  const db = new Dexie(`browser-bench-floor-${options.suffix}`);
  db.version(1).stores(options.schema);
  await db.open();
  const started = performance.now();
  const longest = Math.max(...tables.map((t) => rows[t].length));
  const chunk = options.chunk ?? longest;
  for (let i = 0; i < longest; i += chunk) {
    await db.transaction('rw', tables, async () => {
      for (const table of tables) await db.table(table).bulkPut(rows[table].slice(i, i + chunk));
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await db.delete();
  return seconds;
}

/**
 * Loads Dexie (its UMD build) into the page, reads the rows of the sync's `objects`, `changes`
 * and `audit` tables (untimed), then times `bulkPut` of those rows into fresh databases with the
 * same tables (same primary keys and indexes): the objects in one call; the objects in
 * transactions of `chunk`; and objects, changes and audit rows together, `chunk` of each per
 * transaction (what the sync writes per feed page, without its reads).
 */
export async function measureFloor(page: Page, chunk: number): Promise<FloorRuns> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('dexie/dist/dexie.js') });
  const stores = dexieSchemaVersions[0]?.stores ?? {};
  const schema: Record<string, string> = {};
  for (const table of ['objects', 'changes', 'audit']) {
    const spec = stores[table];
    if (typeof spec !== 'string') throw new Error(`the Dexie schema has no ${table} table`);
    schema[table] = spec;
  }
  const { rowChars, baseIsBody } = await page.evaluate(readRowsInPage, syncStoreName);
  const counts = await countSyncTables(page);
  const rows = counts['objects'] ?? 0;
  const objectsOnly = { objects: schema['objects'] ?? '' };
  const single = await page.evaluate(timeWriteInPage, { suffix: 'single', schema: objectsOnly });
  const chunked = await page.evaluate(timeWriteInPage, { suffix: 'chunked', schema: objectsOnly, chunk });
  const logged = await page.evaluate(timeWriteInPage, { suffix: 'logged', schema, chunk });
  await page.evaluate(() => { delete (globalThis as { __floorRows?: unknown }).__floorRows; });
  const allRows = rows + (counts['changes'] ?? 0) + (counts['audit'] ?? 0);
  return {
    single: { rows, seconds: single }, chunked: { rows, seconds: chunked }, logged: { rows, allRows, seconds: logged }, rowChars, baseIsBody,
  };
}
