/**
 * The browser node's page entry: starts the sync worker, registers the service worker, and
 * shows the UI wired to both.
 * @module
 */

import './styles.css';
import { connectWorker } from '../browser/connect-worker.ts';
import { type PendingUpdate, registerServiceWorker } from '../browser/register-service-worker.ts';
import { requestPersistentStorage } from '../browser/request-persistent-storage.ts';
import type { AppDeps } from './app-deps.ts';
import { startApp } from './app.ts';

const connection = connectWorker();
let waiting: PendingUpdate | undefined;
const updateListeners: (() => void)[] = [];

const serviceWorker = registerServiceWorker({
  syncNow: () => connection.api.syncNow(),
  onUpdateAvailable(update) {
    waiting = update;
    for (const listener of updateListeners) listener();
  },
});

const deps: AppDeps = {
  api: connection.api,
  subscribe: (listener) => connection.subscribe(listener),
  onUpdateAvailable(callback) {
    updateListeners.push(callback);
    if (waiting) callback();
  },
  applyUpdate: () => waiting?.apply() ?? Promise.resolve({ activated: false, message: 'no new version is waiting' }),
  requestPersistence: () => requestPersistentStorage(),
  // A change made offline is sent as soon as the network allows, even if the page is closed by then.
  onLocalChange: () => void serviceWorker.then((sw) => sw.requestBackgroundSync()),
};

const root = document.getElementById('app');
if (root) void startApp(root, deps);
