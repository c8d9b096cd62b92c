import { describe, expect, it } from 'vitest';
import { createFakeParent, fhirRequest, parentBase, patients, statementFor } from './_fake-parent.ts';
import { expectedAuthorization, instantSleep, managerOn, rejectionOf, seen } from './_kit.ts';

const parentOrigin = new URL(parentBase).origin;

describe('createResourceManager() keeps credentials on the parent', () => {
  it('fetchObjects() refuses content links to other hosts and sends Basic credentials to the parent only', async () => {
    const parent = createFakeParent();
    parent.addFhir({ resourceType: 'Patient', id: 'ok' });
    const requests = [
      fhirRequest('patient', 'Patient', 'ok'),
      { category: 'patient', uuid: 'a', links: { rest: 'https://evil.example/openmrs/ws/rest/v1/patient/a?v=full' } },
      { category: 'patient', uuid: 'b', links: { fhir: '//evil.example/openmrs/ws/fhir2/R4/Patient/b' } },
      { category: 'patient', uuid: 'c', links: { rest: 'javascript:alert(1)' } },
    ];
    const outcomes = await managerOn(parent).fetchObjects(requests);
    expect(outcomes[0]?.kind).toBe('found');
    for (const outcome of outcomes.slice(1)) {
      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'LINK_FOREIGN_ORIGIN' } });
    }
    expect(parent.requests.length).toBeGreaterThan(0);
    expect(parent.requests.every((r) => r.origin === parentOrigin && r.authorization === expectedAuthorization)).toBe(true);
  });

  it('fetchObjects() sends no Authorization header when no credentials are configured', async () => {
    const parent = createFakeParent();
    parent.addFhir({ resourceType: 'Patient', id: 'ok' });
    await managerOn(parent, { credentials: undefined }).fetchObjects([fhirRequest('patient', 'Patient', 'ok')]);
    expect(parent.requests.every((r) => r.authorization === null)).toBe(true);
  });
});

describe('createResourceManager() on failures', () => {
  it('fetchObjects() throws PARENT_UNAUTHORIZED on a 401, so the run stops', async () => {
    const parent = createFakeParent({ intercept: (r) => (r.url.includes('/Patient?') ? new Response('', { status: 401 }) : undefined) });
    const error = await rejectionOf(managerOn(parent).fetchObjects([fhirRequest('patient', 'Patient', 'x')]));
    expect(error.code).toBe('PARENT_UNAUTHORIZED');
    expect(error.details['status']).toBe(401);
  });

  it('capabilities() throws PARENT_UNAUTHORIZED on a 403 from metadata', async () => {
    const parent = createFakeParent({ metadata: 403 });
    expect((await rejectionOf(managerOn(parent).capabilities())).code).toBe('PARENT_UNAUTHORIZED');
  });

  it('fetchObjects() retries a transient 500 with backoff and then succeeds', async () => {
    const parent = createFakeParent({ intercept: (_r, i) => (i === 1 ? new Response('busy', { status: 500 }) : undefined) });
    for (const p of patients(5)) parent.addFhir(p);
    const { sleep, delays } = instantSleep();
    const outcomes = await managerOn(parent, { sleep, retry: { baseDelayMs: 100 } })
      .fetchObjects(patients(5).map((p) => fhirRequest('patient', 'Patient', String(p['id']))));
    expect(outcomes.every((o) => o.kind === 'found')).toBe(true);
    expect(seen(parent).filter((r) => r.includes('/Patient?'))).toHaveLength(2);
    expect(delays).toEqual([50]);
  });

  it('fetchObjects() fails only the objects of a group whose request keeps failing', async () => {
    const statement = statementFor(['Patient', 'Location']);
    const parent = createFakeParent({ metadata: statement, intercept: (r) => (r.url.includes('/Patient?') ? new Response('', { status: 503 }) : undefined) });
    parent.addFhir({ resourceType: 'Location', id: 'l1' });
    const requests = [fhirRequest('patient', 'Patient', 'p1'), fhirRequest('location', 'Location', 'l1')];
    const outcomes = await managerOn(parent, { retry: { retries: 1 } }).fetchObjects(requests);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', client: 'fhir', error: { code: 'HTTP_ERROR', details: { status: 503, attempts: 2 } } });
    expect(outcomes[1]).toMatchObject({ kind: 'found' });
  });

  it('fetchObjects() throws PARENT_UNREACHABLE when the parent answers nothing at all', async () => {
    const parent = createFakeParent({ intercept: () => { throw new TypeError('connection refused'); } });
    const manager = managerOn(parent, { retry: { retries: 1 } });
    const error = await rejectionOf(manager.fetchObjects([fhirRequest('patient', 'Patient', 'a'), fhirRequest('patient', 'Patient', 'b')]));
    expect(error.code).toBe('PARENT_UNREACHABLE');
    expect(error.details['objects']).toBe(2);
  });

  it('fetchObjects() fails, without throwing, the objects of a group whose connection keeps resetting', async () => {
    const parent = createFakeParent({
      metadata: statementFor(['Patient', 'Location']),
      intercept: (r) => { if (r.url.includes('/Patient?')) throw new TypeError('reset'); return undefined; },
    });
    parent.addFhir({ resourceType: 'Location', id: 'l1' });
    const outcomes = await managerOn(parent, { retry: { retries: 2 } })
      .fetchObjects([fhirRequest('patient', 'Patient', 'p1'), fhirRequest('location', 'Location', 'l1')]);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', error: { code: 'PARENT_UNREACHABLE', details: { attempts: 3 } } });
    expect(outcomes[1]).toMatchObject({ kind: 'found' });
    expect(seen(parent).filter((r) => r.includes('/Patient?'))).toHaveLength(3);
  });

  it('fetchObjects() stops with ABORTED when its signal aborts', async () => {
    const parent = createFakeParent();
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(managerOn(parent).fetchObjects([fhirRequest('patient', 'Patient', 'x')], { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
  });
});

describe('createResourceManager() capability handshake', () => {
  it('capabilities() reads metadata once per manager', async () => {
    const parent = createFakeParent();
    const manager = managerOn(parent);
    await Promise.all([manager.capabilities(), manager.capabilities()]);
    await manager.fetchObjects([fhirRequest('patient', 'Patient', 'x')]);
    expect(seen(parent).filter((r) => r.endsWith('/metadata'))).toEqual(['GET /ws/fhir2/R4/metadata']);
  });

  it('fetchObjects() uses REST only when the parent has no FHIR metadata (404)', async () => {
    const parent = createFakeParent({ metadata: 404 });
    parent.addRest('patient/x', { uuid: 'x' });
    const manager = managerOn(parent);
    expect(await manager.capabilities()).toMatchObject({ fhir: false, idSearch: false, batch: false });
    const [outcome] = await manager.fetchObjects([fhirRequest('patient', 'Patient', 'x')]);
    expect(outcome).toMatchObject({ kind: 'found', client: 'rest', representation: 'rest' });
    expect(seen(parent)).toEqual(['GET /ws/fhir2/R4/metadata', 'GET /ws/rest/v1/patient/x?v=full']);
  });

  it('capabilities() asks again after a transient metadata failure, REST only meanwhile', async () => {
    let down = true;
    const parent = createFakeParent({ intercept: (r) => (down && r.url.endsWith('/metadata') ? new Response('', { status: 502 }) : undefined) });
    const manager = managerOn(parent, { retry: { retries: 0 } });
    expect((await manager.capabilities()).fhir).toBe(false);
    down = false;
    expect((await manager.capabilities()).fhir).toBe(true);
    expect((await manager.capabilities()).fhir).toBe(true);
    expect(seen(parent).filter((r) => r.endsWith('/metadata'))).toHaveLength(2);
  });

  it('capabilities() asks again after a truncated metadata body, so one bad answer never makes it REST only for good', async () => {
    let truncate = true;
    const parent = createFakeParent({
      intercept: (r) => (truncate && r.url.endsWith('/metadata') ? new Response('{"resourceType":"Capabil', { status: 200, headers: { 'content-type': 'application/fhir+json' } }) : undefined),
    });
    const manager = managerOn(parent, { retry: { retries: 0 } });
    expect((await manager.capabilities()).fhir).toBe(false);
    truncate = false;
    expect((await manager.capabilities()).fhir).toBe(true);
  });
});
