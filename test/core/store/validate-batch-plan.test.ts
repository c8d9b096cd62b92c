import { describe, expect, it } from 'vitest';
import { isSyncError } from '../../../src/core/errors/sync-error.ts';
import type { BatchPlan } from '../../../src/core/store/store-port.ts';
import { validateBatchPlan } from '../../../src/core/store/validate-batch-plan.ts';
import { auditRow, change, conflict, failedEvent, marker, obj } from './_contract-fixtures.ts';

function problemOf(plan: BatchPlan): unknown {
  try {
    validateBatchPlan(plan);
    return undefined;
  } catch (error) {
    return isSyncError(error, 'STORE_BATCH_INVALID') ? error.details : error;
  }
}

describe('validateBatchPlan()', () => {
  it('accepts a well-formed plan touching every part', () => {
    expect(problemOf({
      preconditions: [{ category: 'patient', uuid: 'u', version: null }], objects: [obj('patient', 1)],
      changes: [change('e1', 'patient', 1)], markers: [marker('patient')], audit: [auditRow(1)],
      failedEvents: { put: [failedEvent('f1')], delete: ['f2'] }, conflicts: { put: [conflict('c1')], delete: ['c2'] },
      settings: { a: 1, b: undefined },
    })).toBeUndefined();
  });

  it.each([
    { plan: { objects: [obj('patient', 1), { ...obj('patient', 2), uuid: '' }] }, path: 'objects[1].uuid' },
    { plan: { objects: [{ ...obj('patient', 1), body: [] }] }, path: 'objects[0].body' },
    { plan: { objects: [{ ...obj('patient', 1), base: { body: null } }] }, path: 'objects[0].base' },
    { plan: { changes: [{ ...change('e1', 'patient', 1), action: 'MOVED' }] }, path: 'changes[0].action' },
    { plan: { changes: [change('e1', 'patient', 1), change('e1', 'patient', 2)] }, path: 'changes[1]' },
    { plan: { markers: [marker('a'), marker('a')] }, path: 'markers[1]' },
    { plan: { audit: [{ ...auditRow(1), operation: 'sing' }] }, path: 'audit[0].operation' },
    { plan: { failedEvents: { put: [failedEvent('f1')], delete: ['f1'] } }, path: 'failedEvents.delete' },
    { plan: { conflicts: { delete: [''] } }, path: 'conflicts.delete' },
    { plan: { settings: { '': 1 } }, path: 'settings' },
    { plan: { objects: {} }, path: 'objects' },
  ] as { plan: BatchPlan; path: string }[])('names the offending path of an invalid plan', ({ plan, path }) => {
    expect(problemOf(plan)).toMatchObject({ path });
  });
});
