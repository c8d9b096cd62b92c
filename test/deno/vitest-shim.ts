/** Runs the portable core's vitest suites under `deno test`: describe/it/hooks mapped onto Deno.test. */

import { expect } from 'expect';

export { expect };

type Fn = () => unknown | Promise<unknown>;
interface Scope { name: string; beforeEach: Fn[]; afterEach: Fn[]; beforeAll: Fn[]; afterAll: Fn[]; parent?: Scope }

let current: Scope = { name: '', beforeEach: [], afterEach: [], beforeAll: [], afterAll: [] };

function fullName(scope: Scope, name: string): string {
  const parts = [name];
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.name) parts.unshift(s.name);
  return parts.join(' > ');
}

function chain(scope: Scope, pick: (s: Scope) => Fn[]): Fn[] {
  const out: Fn[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) out.unshift(...pick(s));
  return out;
}

export function describe(name: string, body: () => void): void {
  const parent = current;
  const scope: Scope = { name, beforeEach: [], afterEach: [], beforeAll: [], afterAll: [], parent };
  current = scope;
  try { body(); } finally { current = parent; }
}
describe.skip = (_name: string, _body: () => void): void => {};

const ranBeforeAll = new WeakSet<Scope>();

export function it(name: string, fn: Fn, _timeout?: number): void {
  const scope = current;
  Deno.test({
    name: fullName(scope, name),
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        if (!ranBeforeAll.has(s)) { ranBeforeAll.add(s); for (const h of s.beforeAll) await h(); }
      }
      for (const h of chain(scope, (s) => s.beforeEach)) await h();
      try { await fn(); } finally {
        for (const h of chain(scope, (s) => s.afterEach).reverse()) await h();
      }
    },
  });
}
it.skip = (_name: string, _fn: Fn): void => {};
it.each = <T>(cases: readonly T[]) => (name: string, fn: (c: T) => unknown) => {
  for (const c of cases) it(name.replace('%s', String(c)), () => fn(c));
};
export const test = it;

export function beforeEach(fn: Fn): void { current.beforeEach.push(fn); }
export function afterEach(fn: Fn): void { current.afterEach.push(fn); }
export function beforeAll(fn: Fn): void { current.beforeAll.push(fn); }
export function afterAll(fn: Fn): void { current.afterAll.push(fn); }
