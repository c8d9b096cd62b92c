/**
 * The sync worker: the browser node's engine while the app is open, behind the typed SyncApi.
 * @module
 */

import * as Comlink from 'comlink';
import { createSyncApi } from '../src/browser/create-sync-api.ts';
import { deferredSyncApi } from '../src/browser/deferred-sync-api.ts';
import { globalSyncPorts } from '../src/browser/global-sync-ports.ts';
import { registerSyncErrorTransfer } from '../src/browser/sync-error-transfer.ts';

registerSyncErrorTransfer(Comlink.transferHandlers);
// Exposed before the store has opened, so the page's first calls wait instead of being lost.
Comlink.expose(deferredSyncApi(createSyncApi(globalSyncPorts(), { autoStart: true })));
