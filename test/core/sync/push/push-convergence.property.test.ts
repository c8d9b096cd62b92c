import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { listConflicts, resolveConflict } from '../../../../src/core/sync/conflict/resolve-conflict.ts';
import { stateOf, withPulledPatient } from './_push-kit.ts';

const fields = ['gender', 'birthDate', 'active'] as const;
const values = { gender: ['female', 'male', 'other'], birthDate: ['1990-01-01', '1991-02-02'], active: [true, false] } as const;

type Op =
  | { kind: 'parent' | 'child'; field: (typeof fields)[number]; pick: number }
  | { kind: 'sync' | 'parent-delete' | 'child-delete' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('parent' as const, 'child' as const), field: fc.constantFrom(...fields), pick: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'parent-delete' as const }, { kind: 'child-delete' as const }) },
);

function valueOf(field: (typeof fields)[number], pick: number): string | boolean {
  const list = values[field] as readonly (string | boolean)[];
  return list[pick % list.length] as string | boolean;
}

describe('push and pull together', () => {
  it('pull + push converge after any interleaving of edits and removals on both sides once the conflicts are resolved, and nothing is left to push', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.constantFrom('local' as const, 'parent' as const), async (ops, side) => {
      const { clock, parent, child, a } = await withPulledPatient();
      for (const step of ops) {
        clock.advance(1_000);
        if (!('field' in step)) {
          if (step.kind === 'sync') {
            await child.pull();
            await child.push();
          } else if (step.kind === 'parent-delete') {
            await parent.admin('DELETE', `/ws/fhir2/R4/Patient/${a}`);
          } else {
            await child.write('patient', a, null);
          }
          continue;
        }
        const change = { [step.field]: valueOf(step.field, step.pick) };
        if (step.kind === 'parent') {
          const held = (await parent.store.getObject('patient', a))?.body as JsonObject;
          await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, { ...held, ...change });
        } else {
          const held = (await child.store.getObject('patient', a))?.body as JsonObject;
          await child.write('patient', a, { ...held, ...change });
        }
      }
      for (let round = 0; round < 4; round += 1) {
        for (const conflict of await listConflicts(child.store)) {
          await resolveConflict(child.store, conflict.id, { take: side }, { now: clock.now(), newId: () => crypto.randomUUID(), instanceId: 'child-1' });
        }
        await child.pull();
        await child.push();
      }
      expect(await listConflicts(child.store)).toEqual([]);
      expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
      expect(hasUnpushedChange((await child.store.getObject('patient', a))!)).toBe(false);
      expect(await child.store.listFailedEvents()).toEqual([]);
    }), { numRuns: 60, examples: [[[{ kind: 'child', field: 'gender', pick: 2 }, { kind: 'parent', field: 'gender', pick: 1 }, { kind: 'sync' }, { kind: 'parent', field: 'gender', pick: 0 }, { kind: 'sync' }], 'local']] });
  });
});
