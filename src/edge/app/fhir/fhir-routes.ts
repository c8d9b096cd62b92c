/** The FHIR R4 routes at `/openmrs/ws/fhir2/R4`: metadata, batch, search, create, read, update, delete. */

import { Hono } from 'hono';
import type { JsonObject } from '../../../core/store/store-port.ts';
import { type AppFailure, appFailure, isAppFailure } from '../app-errors.ts';
import { fhirTypePattern } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { type AppContextHono, type AppEnv, baseUrlOf, fail, principalOf } from '../http-helpers.ts';
import { readJsonBody } from '../read-json-body.ts';
import { requireUser } from '../require-user.ts';
import type { Principal } from '../user-directory.ts';
import { capabilityStatement } from './capability-statement.ts';
import { batchFhir } from './fhir-batch.ts';
import { readFhir } from './fhir-read.ts';
import { fhirContentType, type FhirResult, fhirResponse } from './fhir-result.ts';
import { searchFhir } from './fhir-search.ts';
import { createFhir, deleteFhir, updateFhir } from './fhir-write.ts';

/** What a FHIR route handler gets: the type from the URL (checked), the base, the principal, the headers. */
interface FhirCall {
  c: AppContextHono;
  type: string;
  id: string;
  base: string;
  principal: Principal;
  header(name: string): Record<string, string>;
}

type FhirHandler = (call: FhirCall) => Promise<FhirResult | AppFailure>;

/**
 * FHIR routes, mounted at `/openmrs/ws/fhir2/R4`. `metadata` is public (a child reads it before
 * it logs in); everything else needs an admin or child user.
 */
export function fhirRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const fhirBase = (c: AppContextHono): string => `${baseUrlOf(c.req.raw)}/ws/fhir2/R4`;
  const route = (handler: FhirHandler) => async (c: AppContextHono): Promise<Response> => {
    const type = c.req.param('type') ?? '';
    if (!fhirTypePattern.test(type)) {
      return fail(c, appFailure('ROUTE_NOT_FOUND', { message: `No FHIR route for ${c.req.method} ${new URL(c.req.url).pathname}` }));
    }
    const header = (name: string): Record<string, string> => {
      const value = c.req.header(name);
      return value ? { [name.replace(/-(\w)/g, (_, l: string) => l.toUpperCase())]: value } : {};
    };
    const call = { c, type, id: c.req.param('id') ?? '', base: fhirBase(c), principal: principalOf(c), header };
    return fhirResponse(await handler(call));
  };
  const withBody = (handler: (call: FhirCall, body: JsonObject) => Promise<FhirResult | AppFailure>): FhirHandler => async (call) => {
    const body = await readJsonBody(call.c.req.raw, { maxBytes: ctx.maxBodyBytes });
    return isAppFailure(body) ? body : handler(call, body);
  };

  app.get('/metadata', (c) => new Response(JSON.stringify(capabilityStatement({ categories: ctx.categories, base: fhirBase(c), date: ctx.startedAt })), {
    headers: { 'content-type': fhirContentType, 'cache-control': 'no-cache' },
  }));
  app.use('*', requireUser(ctx, ['admin', 'child']));
  app.post('/', async (c) => {
    const bundle = await readJsonBody(c.req.raw, { maxBytes: ctx.maxBodyBytes });
    if (isAppFailure(bundle)) return fhirResponse(bundle);
    return fhirResponse(await batchFhir(ctx, { bundle, principal: principalOf(c), base: fhirBase(c) }));
  });
  app.get('/:type', route(({ c, type, base }) => searchFhir(ctx, { type, query: [...new URL(c.req.url).searchParams], base })));
  app.post('/:type', route(withBody(({ type, base, principal }, body) => createFhir(ctx, { type, body, principal, base }))));
  app.get('/:type/:id', route(({ type, id, header }) => readFhir(ctx, { type, id, ...header('if-none-match') })));
  app.get('/:type/:id/_history/:vid', route(({ c, type, id }) => readFhir(ctx, { type, id, versionId: c.req.param('vid') ?? '' })));
  app.put('/:type/:id', route(withBody(({ type, id, base, principal, header }, body) =>
    updateFhir(ctx, { type, id, body, principal, base, ...header('if-match') }))));
  app.delete('/:type/:id', route(({ type, id, base, principal, header }) => deleteFhir(ctx, { type, id, principal, base, ...header('if-match') })));
  return app;
}
