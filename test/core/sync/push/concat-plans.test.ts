import { describe, expect, it } from 'vitest';
import { validateBatchPlan } from '../../../../src/core/store/validate-batch-plan.ts';
import type { BatchPlan, StoredObject } from '../../../../src/core/store/store-port.ts';
import { concatPlans } from '../../../../src/core/sync/push/concat-plans.ts';

const obj = (uuid: string, version: string): StoredObject => ({
  category: 'patient', uuid, representation: 'rest', body: {}, hash: 'h', version, removed: false, updatedAt: 1,
});

describe('concatPlans()', () => {
  it('concatPlans() joins lists in order and lets later markers, objects, failed events and conflicts win', () => {
    const a: BatchPlan = {
      preconditions: [{ category: 'patient', uuid: 'a', version: '1' }], objects: [obj('a', '2')],
      changes: [{ eventId: 'e1', category: 'patient', uuid: 'a', action: 'UPDATED', origin: 'parent', hash: 'h', at: 1 }],
      markers: [{ feed: 'push', lastSeq: 3, updatedAt: 1 }], failedEvents: { delete: ['f1'] }, conflicts: { delete: ['c1'] },
      audit: [{ at: 1, operation: 'push', outcome: 'ok', instanceId: 'n' }],
    };
    const b: BatchPlan = {
      objects: [obj('a', '3'), obj('b', '1')], markers: [{ feed: 'push', lastSeq: 5, updatedAt: 2 }],
      failedEvents: { delete: ['f2'] }, audit: [{ at: 2, operation: 'conflict', outcome: 'conflict', instanceId: 'n' }],
    };
    const joined = concatPlans([a, b]);
    expect(joined.objects?.map((o) => [o.uuid, o.version])).toEqual([['a', '3'], ['b', '1']]);
    expect(joined.markers).toEqual([{ feed: 'push', lastSeq: 5, updatedAt: 2 }]);
    expect(joined.failedEvents).toEqual({ delete: ['f1', 'f2'] });
    expect(joined.conflicts).toEqual({ delete: ['c1'] });
    expect(joined.audit?.map((r) => r.operation)).toEqual(['push', 'conflict']);
    expect(joined.changes).toHaveLength(1);
    expect(() => validateBatchPlan(joined)).not.toThrow();
  });

  it('concatPlans() drops an earlier delete of a failed event a later plan puts', () => {
    const failed = {
      id: 'f1', direction: 'push' as const, feed: 'push', category: 'patient', uuid: 'a', error: { code: 'X', message: 'x' },
      attempts: 1, firstFailedAt: 1, lastFailedAt: 1, dead: false,
    };
    const joined = concatPlans([{ failedEvents: { delete: ['f1'] } }, { failedEvents: { put: [failed] } }]);
    expect(joined.failedEvents).toEqual({ put: [failed] });
    expect(concatPlans([])).toEqual({});
  });
});
