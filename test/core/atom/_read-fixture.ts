/** Reads a file of test/fixtures under both vitest (Node) and Deno, without importing node:* modules. */

interface DenoLike { readTextFile(path: URL): Promise<string> }
interface FsLike { readFileSync(path: URL, encoding: 'utf8'): string }
interface ProcessLike { getBuiltinModule?(id: string): unknown }

/** The text of `test/fixtures/{name}`. */
export async function readFixture(name: string): Promise<string> {
  const url = new URL(`../../fixtures/${name}`, import.meta.url);
  const g = globalThis as { Deno?: DenoLike; process?: ProcessLike };
  if (g.Deno) return await g.Deno.readTextFile(url);
  // Node ≥ 20.16 hands out built-ins without an import, so this file stays portable.
  const fs = g.process?.getBuiltinModule?.('fs') as FsLike | undefined;
  if (!fs) throw new Error('No file system to read fixtures from');
  return fs.readFileSync(url, 'utf8');
}
