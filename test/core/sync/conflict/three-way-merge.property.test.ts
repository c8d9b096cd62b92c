import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, ignoredFields } from '../../../../src/core/hash/canonical-hash.ts';
import type { Json, JsonObject } from '../../../../src/core/store/store-port.ts';
import { type MergeResult, threeWayMerge } from '../../../../src/core/sync/conflict/three-way-merge.ts';
import { addIgnored, bodyArb, leafPaths, reorder, replaceAt, resourceArb, seeded } from '../../hash/_json-arbitraries.ts';

const scalars: Json[] = ['x', 'y', 0, 1, true, false, null, { uuid: 'n1' }, []];

/** `body` with a few leaves replaced and sometimes a top-level key added or dropped, driven by `rand`. */
function mutate(body: JsonObject, rand: () => number): JsonObject {
  let out: Json = body;
  const paths = leafPaths(body).filter((p) => p.length > 0);
  const edits = Math.floor(rand() * 3);
  for (let i = 0; i < edits && paths.length > 0; i += 1) {
    out = replaceAt(out, paths[Math.floor(rand() * paths.length)] as (string | number)[], scalars[Math.floor(rand() * scalars.length)] as Json);
  }
  const obj = { ...(out as JsonObject) };
  if (rand() < 0.3) obj[`k${Math.floor(rand() * 3)}`] = scalars[Math.floor(rand() * scalars.length)] as Json;
  const keys = Object.keys(obj);
  if (rand() < 0.2 && keys.length > 0) delete obj[keys[Math.floor(rand() * keys.length)] as string];
  return obj;
}

const anyBody = fc.oneof(bodyArb, resourceArb);
/** A base and two descendants (each sometimes removed, the base sometimes absent). */
const triple = fc.tuple(anyBody, fc.integer(), fc.integer(), fc.integer({ min: 0, max: 19 })).map(([base, s1, s2, pick]) => ({
  base: pick === 0 ? null : base,
  local: pick === 1 ? null : mutate(base, seeded(s1)),
  parent: pick === 2 ? null : mutate(base, seeded(s2)),
}));

const text = (v: Json | undefined): string => (v === undefined ? '<absent>' : canonicalize(v));
const slot = (obj: JsonObject | null, key: string): Json | undefined => (obj && Object.hasOwn(obj, key) ? obj[key] : undefined);
const ignored = new Set([...ignoredFields, 'meta', 'text']);
/** Enough cases to find bugs, few enough to keep the suite at a few seconds on two cores. */
const runs = { numRuns: 60 };

/** The body a result stands for: merged, one side's, or the parent's when the same. */
function outcomeBody(r: MergeResult, local: JsonObject | null, parent: JsonObject | null): JsonObject | null | undefined {
  if (r.kind === 'merged') return r.body;
  if (r.kind === 'take-local') return local;
  if (r.kind === 'take-parent' || r.kind === 'same') return parent;
  return undefined;
}

describe('threeWayMerge() properties', () => {
  it('threeWayMerge(base, x, base) is the same or takes x', () => {
    fc.assert(fc.property(anyBody, fc.integer(), (base, seed) => {
      const x = mutate(base, seeded(seed));
      const expected = canonicalize(x) === canonicalize(base) ? 'same' : 'take-local';
      expect(threeWayMerge(base, x, base)).toEqual({ kind: expected });
    }), runs);
  });

  it('threeWayMerge(base, base, y) is the same or takes y', () => {
    fc.assert(fc.property(anyBody, fc.integer(), (base, seed) => {
      const y = mutate(base, seeded(seed));
      const expected = canonicalize(y) === canonicalize(base) ? 'same' : 'take-parent';
      expect(threeWayMerge(base, base, y)).toEqual({ kind: expected });
    }), runs);
  });

  it('threeWayMerge(base, x, x) is always the same', () => {
    fc.assert(fc.property(triple, ({ base, local }) => {
      expect(threeWayMerge(base, local, structuredClone(local))).toEqual({ kind: 'same' });
    }), runs);
  });

  it('threeWayMerge() detects conflicts symmetrically, and merges to the same content either way round', () => {
    fc.assert(fc.property(triple, ({ base, local, parent }) => {
      const ab = threeWayMerge(base, local, parent);
      const ba = threeWayMerge(base, parent, local);
      const swapped = { 'take-local': 'take-parent', 'take-parent': 'take-local' } as Record<string, string>;
      expect(ba.kind).toBe(swapped[ab.kind] ?? ab.kind);
      if (ab.kind === 'conflict' && ba.kind === 'conflict') {
        const reasons = { 'removed-locally': 'removed-on-parent', 'removed-on-parent': 'removed-locally' } as Record<string, string>;
        expect({ ...ba, reason: reasons[ba.reason] ?? ba.reason }).toEqual(ab);
      }
      if (ab.kind === 'merged' && ba.kind === 'merged') {
        expect(canonicalize(ba.body)).toBe(canonicalize(ab.body));
        expect(ba.fields).toEqual(ab.fields);
      }
    }), runs);
  });

  it('threeWayMerge() keeps every one-sided change of a top-level field in what it returns', () => {
    fc.assert(fc.property(triple, ({ base, local, parent }) => {
      const result = threeWayMerge(base, local, parent);
      const out = outcomeBody(result, local, parent);
      if (out === undefined || base === null || local === null || parent === null) return;
      for (const key of new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(parent)])) {
        if (ignored.has(key)) continue;
        const [b, l, p, o] = [base, local, parent, out].map((body) => text(slot(body, key)));
        if (l === b) expect(o).toBe(p);
        if (p === b) expect(o).toBe(l);
      }
    }), runs);
  });

  it('threeWayMerge() never reports a conflict for edits of disjoint top-level fields', () => {
    fc.assert(fc.property(anyBody, fc.integer(), fc.integer(), (base, s1, s2) => {
      // A changed resourceType is never merged with other edits, so it stays put here.
      const keys = Object.keys(base).filter((k) => !ignored.has(k) && k !== 'resourceType');
      const fixed: JsonObject = Object.hasOwn(base, 'resourceType') ? { resourceType: base['resourceType'] as Json } : {};
      const rand = seeded(s1);
      const mine = new Set(keys.filter(() => rand() < 0.5));
      const edit = (owned: (k: string) => boolean, seed: number): JsonObject => {
        const changed = mutate(base, seeded(seed));
        return { ...fixed, ...Object.fromEntries(keys.filter((k) => !owned(k) || Object.hasOwn(changed, k))
          .map((k) => [k, (owned(k) ? changed[k] : base[k]) as Json])) };
      };
      const local = edit((k) => mine.has(k), s2);
      const parent = edit((k) => !mine.has(k), s2 + 1);
      const baseView = { ...fixed, ...Object.fromEntries(keys.map((k) => [k, base[k] as Json])) };
      expect(threeWayMerge(baseView, local, parent).kind).not.toBe('conflict');
    }), runs);
  });

  it('threeWayMerge() is deterministic and blind to key order, array order of identified items and ignored fields', () => {
    fc.assert(fc.property(triple, fc.integer(), (input, seed) => {
      const { base, local, parent } = input;
      const first = threeWayMerge(base, local, parent);
      expect(threeWayMerge(structuredClone(base), structuredClone(local), structuredClone(parent))).toEqual(first);
      const rand = seeded(seed);
      const noisy = (b: JsonObject | null) => (b === null ? null : reorder(addIgnored(b, rand), rand) as JsonObject);
      const [nb, nl, np] = [noisy(base), noisy(local), noisy(parent)];
      // The shuffler treats any object with a uuid key as identified; the hash only string or number ones.
      fc.pre(canonicalize(nb) === canonicalize(base) && canonicalize(nl) === canonicalize(local) && canonicalize(np) === canonicalize(parent));
      const other = threeWayMerge(nb, nl, np);
      expect(other.kind).toBe(first.kind);
      if (first.kind === 'conflict' && other.kind === 'conflict') expect(other.fields).toEqual(first.fields);
      if (first.kind === 'merged' && other.kind === 'merged') expect(canonicalize(other.body)).toBe(canonicalize(first.body));
    }), runs);
  });
});
