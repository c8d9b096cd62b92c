/** A parent that serves the real-format fixture pages of test/fixtures (12 patient events, an empty location feed). */

import type { FetchLike } from '../../../src/core/ports/ports.ts';
import { childBase } from './_fake-parent.ts';

interface DenoLike { readTextFile(path: URL): Promise<string> }
interface FsLike { readFileSync(path: URL, encoding: 'utf8'): string }

/** Text of `test/fixtures/{name}`, under Node (vitest) or Deno, without importing node:* modules. */
export async function fixtureText(name: string): Promise<string> {
  const url = new URL(`../../fixtures/${name}`, import.meta.url);
  const g = globalThis as { Deno?: DenoLike; process?: { getBuiltinModule?(id: string): unknown } };
  if (g.Deno) return await g.Deno.readTextFile(url);
  const fs = g.process?.getBuiltinModule?.('fs') as FsLike | undefined;
  if (!fs) throw new Error('Cannot read fixtures: no Deno and no process.getBuiltinModule');
  return fs.readFileSync(url, 'utf8');
}

const files: Record<string, string> = {
  'patient/recent': 'patient-recent.xml',
  'patient/1': 'patient-page-1.xml',
  'patient/2': 'patient-page-2.xml',
  'patient/3': 'patient-page-3.xml',
  'location/recent': 'location-recent-empty.xml',
};

/** The fixture parent: its fetch and the pages requested (`patient/recent`, `patient/1` …). */
export async function createFixtureParent(): Promise<{ fetch: FetchLike; requests: string[] }> {
  const texts = new Map<string, string>();
  for (const [page, file] of Object.entries(files)) texts.set(page, await fixtureText(file));
  const requests: string[] = [];
  const prefix = new URL(`${childBase}/ws/atomfeed/`);
  const fetch: FetchLike = async (input) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== prefix.origin) return new Response('foreign', { status: 404 });
    const page = url.pathname.slice(prefix.pathname.length);
    requests.push(page);
    const text = texts.get(page);
    return text === undefined ? new Response('out of range', { status: 500 }) : new Response(text);
  };
  return { fetch, requests };
}
