import { describe, expect, it } from 'vitest';
import { parentClockOf, parseParentTime } from '../../../../src/core/sync/conflict/parent-clock-of.ts';
import { resolveByPolicy } from '../../../../src/core/sync/conflict/resolve-by-policy.ts';
import { edited, fhirBody, restBody } from './_bodies.ts';

const lastUpdated = Date.parse('2026-03-02T05:00:42.000Z');

describe('parentClockOf()', () => {
  it('parentClockOf() reads FHIR meta.lastUpdated', () => {
    expect(parentClockOf(fhirBody())).toBe(lastUpdated);
  });

  it('parentClockOf() reads REST auditInfo.dateChanged, with its colon-less offset', () => {
    expect(parentClockOf(restBody())).toBe(lastUpdated);
  });

  it('parentClockOf() falls back to dateCreated and gives undefined without a usable time', () => {
    const created = edited(restBody(), (b) => { b.auditInfo.dateChanged = null; });
    expect(parentClockOf(created)).toBe(Date.parse('2026-03-02T05:00:14.000Z'));
    expect(parentClockOf(edited(restBody(), (b) => { delete b.auditInfo; }))).toBeUndefined();
    expect(parentClockOf({ meta: { lastUpdated: 'yesterday' } })).toBeUndefined();
    expect(parentClockOf(null)).toBeUndefined();
  });

  it('parseParentTime() accepts offsets with and without a colon, and Z', () => {
    expect(parseParentTime('2026-03-02T08:00:42.000+0300')).toBe(lastUpdated);
    expect(parseParentTime('2026-03-02T02:30:42.000-0230')).toBe(lastUpdated);
    expect(parseParentTime('2026-03-02T05:00:42Z')).toBe(lastUpdated);
  });
});

describe('resolveByPolicy()', () => {
  const conflict = { parent: fhirBody() };

  it('resolveByPolicy() queues under manual and takes a fixed side under parent-wins and child-wins', () => {
    expect(resolveByPolicy(conflict, 'manual')).toEqual({ take: 'queue', because: 'manual' });
    expect(resolveByPolicy(conflict, 'parent-wins')).toEqual({ take: 'parent', because: 'policy' });
    expect(resolveByPolicy({ parent: null }, 'child-wins')).toEqual({ take: 'local', because: 'policy' });
  });

  it('resolveByPolicy() last-write-wins takes the parent when its write is not older than our last acknowledged push', () => {
    expect(resolveByPolicy(conflict, 'last-write-wins', { localUpdatedAt: lastUpdated - 1 })).toEqual({ take: 'parent', because: 'parent-later' });
    expect(resolveByPolicy(conflict, 'last-write-wins', { localUpdatedAt: lastUpdated })).toEqual({ take: 'parent', because: 'parent-later' });
  });

  it('resolveByPolicy() last-write-wins takes the local side when the parent\'s write is older than our last acknowledged push', () => {
    expect(resolveByPolicy(conflict, 'last-write-wins', { localUpdatedAt: lastUpdated + 1 })).toEqual({ take: 'local', because: 'local-later' });
  });

  it('resolveByPolicy() last-write-wins prefers the given parent time to the body\'s, e.g. an Atom entry\'s for a removal', () => {
    expect(resolveByPolicy({ parent: null }, 'last-write-wins', { parentUpdatedAt: 10, localUpdatedAt: 20 })).toEqual({ take: 'local', because: 'local-later' });
    expect(resolveByPolicy(conflict, 'last-write-wins', { parentUpdatedAt: 30, localUpdatedAt: 20 })).toEqual({ take: 'parent', because: 'parent-later' });
  });

  it('resolveByPolicy() last-write-wins queues when either time is unknown', () => {
    expect(resolveByPolicy(conflict, 'last-write-wins')).toEqual({ take: 'queue', because: 'no-clock' });
    expect(resolveByPolicy({ parent: null }, 'last-write-wins', { localUpdatedAt: 5 })).toEqual({ take: 'queue', because: 'no-clock' });
  });
});
