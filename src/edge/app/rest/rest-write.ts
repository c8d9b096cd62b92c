/** OpenMRS REST writes: create with the client's uuid, update by POST (fields merged), delete = void or retire. */

import type { FeedAction, RemovalKind } from '../../../core/categories/category-table.ts';
import { canonicalHash } from '../../../core/hash/canonical-hash.ts';
import type { Json, JsonObject, StoredObject } from '../../../core/store/store-port.ts';
import type { LocalChange } from '../../../core/sync/plan-local-write.ts';
import { type AppFailure, appFailure, isAppFailure } from '../app-errors.ts';
import { removalFlagOf, removalOf, restoreActionOf } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import type { Principal } from '../user-directory.ts';
import { type WriteDone, writeObject } from '../write-object.ts';
import { parentUuidOf, type RestTarget, restUuidPattern } from './rest-paths.ts';

export interface RestWriteRequest {
  target: RestTarget;
  principal: Principal;
}

/** The stored object of a REST target, or the 404 to answer (unknown, stored as FHIR, or under another owner). */
export function restObjectOr404(target: RestTarget, object: StoredObject | undefined, ctx: AppContext): StoredObject | AppFailure {
  const restResource = ctx.categories.find((c) => c.name === target.category)?.restResource ?? target.category;
  const owner = object ? parentUuidOf(object.body, restResource) : undefined;
  if (!object || object.representation !== 'rest' || (target.parentUuid !== undefined && owner !== undefined && owner !== target.parentUuid)) {
    return appFailure('RESOURCE_NOT_FOUND', {
      message: `Object with given uuid doesn't exist: ${target.collection}/${target.uuid ?? ''}`,
      details: { resource: target.collection, uuid: target.uuid },
    });
  }
  return object;
}

/**
 * `POST {resource}`: keeps the body's `uuid` (one is generated when absent). A uuid already
 * stored is `OBJECT_EXISTS` (409; OpenMRS answers 500), unless the body is the same object
 * (a retried create), which changes nothing.
 */
export async function createRest(ctx: AppContext, request: RestWriteRequest & { body: JsonObject }): Promise<WriteDone | AppFailure> {
  const { target, body } = request;
  if (body['uuid'] !== undefined && (typeof body['uuid'] !== 'string' || !restUuidPattern.test(body['uuid']))) {
    return appFailure('ID_INVALID', { message: 'uuid must be 1 to 38 letters, digits or dashes' });
  }
  const uuid = typeof body['uuid'] === 'string' ? body['uuid'] : ctx.newId();
  return writeObject(ctx, {
    category: target.category, uuid, principal: request.principal,
    decide: (current) => {
      const change = restChange(ctx, { ...target, uuid }, current, body);
      if (current && (current.representation !== 'rest' || current.hash !== canonicalHash(change.body) || current.removed !== change.removed)) {
        return appFailure('OBJECT_EXISTS', { message: `An object with uuid ${uuid} already exists`, details: { uuid } });
      }
      return change;
    },
  });
}

/** `POST {resource}/{uuid}`: sets the fields given, as OpenMRS does; `voided`/`retired` in the body void or restore. */
export async function updateRest(ctx: AppContext, request: RestWriteRequest & { uuid: string; body: JsonObject }): Promise<WriteDone | AppFailure> {
  const { target, uuid, body } = request;
  if (body['uuid'] !== undefined && body['uuid'] !== uuid) {
    return appFailure('ID_MISMATCH', { message: `The body uuid ${JSON.stringify(body['uuid'])} differs from ${uuid} in the URL`, details: { uuid } });
  }
  return writeObject(ctx, {
    category: target.category, uuid, principal: request.principal,
    decide: (current) => {
      const found = restObjectOr404({ ...target, uuid }, current, ctx);
      return isAppFailure(found) ? found : restChange(ctx, { ...target, uuid }, found, { ...found.body, ...body });
    },
  });
}

/** `DELETE {resource}/{uuid}`: sets `voided` (or `retired`) and a reason, keeps the object, logs VOIDED (RETIRED). */
export async function deleteRest(ctx: AppContext, request: RestWriteRequest & { uuid: string; reason?: string }): Promise<WriteDone | AppFailure> {
  const { target, uuid } = request;
  return writeObject(ctx, {
    category: target.category, uuid, principal: request.principal,
    decide: (current) => {
      const found = restObjectOr404({ ...target, uuid }, current, ctx);
      if (isAppFailure(found)) return found;
      const kind = removalOf(target.category, ctx.categories, 'rest');
      const flag = removalFlagOf(kind);
      const body: JsonObject = { ...found.body };
      if (flag) body[flag] = true;
      if (flag && request.reason !== undefined) body[flag === 'voided' ? 'voidReason' : 'retireReason'] = request.reason;
      return { ...restChange(ctx, { ...target, uuid }, found, body), removed: true, action: kind };
    },
  });
}

/** The change that stores `body` for the target: our `self` link, removal from the body's flag, action from the transition. */
function restChange(ctx: AppContext, target: RestTarget & { uuid: string }, current: StoredObject | undefined, body: JsonObject): LocalChange & { body: JsonObject; removed: boolean } {
  const kind = removalOf(target.category, ctx.categories, 'rest');
  const flag = removalFlagOf(kind);
  const stored: JsonObject = { ...body, uuid: target.uuid, links: [selfLink(target)] };
  const removed = flag ? stored[flag] === true : (current?.removed ?? false);
  return { category: target.category, uuid: target.uuid, representation: 'rest', body: stored, removed, action: actionOf(current, removed, kind) };
}

function actionOf(current: StoredObject | undefined, removed: boolean, kind: RemovalKind): FeedAction {
  if (!current) return removed ? kind : 'CREATED';
  if (removed && !current.removed) return kind;
  if (!removed && current.removed) return restoreActionOf(kind);
  return 'UPDATED';
}

function selfLink(target: RestTarget & { uuid: string }): Json {
  return { rel: 'self', uri: `/ws/rest/v1/${target.collection}/${target.uuid}` };
}
