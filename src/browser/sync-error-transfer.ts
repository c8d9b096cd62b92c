/** Keeps SyncError's code across the comlink boundary: a wrapper around comlink's own "throw" transfer handler. */

import type { TransferHandler } from 'comlink';
import { type SerializedSyncError, SyncError } from '../core/errors/sync-error.ts';

interface Thrown {
  value: unknown;
}

/** What the wrapped handler sends for a thrown SyncError. */
interface SerializedThrow {
  syncError?: SerializedSyncError;
}

const installed = new WeakSet<Map<string, TransferHandler<unknown, unknown>>>();

/**
 * Replaces comlink's `throw` handler in `handlers` (`Comlink.transferHandlers`) by one that sends
 * a thrown SyncError as its `toJSON()` form and throws `SyncError.fromJSON` on the other side, so
 * callers branch on `code`; anything else goes through comlink's handler unchanged. Both sides of
 * the boundary must install it; installing twice is harmless.
 *
 * @example
 * ```ts
 * import * as Comlink from 'comlink';
 * registerSyncErrorTransfer(Comlink.transferHandlers);
 * ```
 */
export function registerSyncErrorTransfer(handlers: Map<string, TransferHandler<unknown, unknown>>): void {
  if (installed.has(handlers)) return;
  const original = handlers.get('throw');
  if (!original) throw new TypeError('comlink has no "throw" transfer handler to wrap');
  // Map.set on an existing key keeps its place: comlink still tries this handler before its others.
  handlers.set('throw', {
    canHandle: (value): value is unknown => original.canHandle(value),
    serialize(value) {
      const thrown = (value as Thrown).value;
      if (thrown instanceof SyncError) return [{ syncError: thrown.toJSON() } satisfies SerializedThrow, []];
      return original.serialize(value);
    },
    deserialize(serialized) {
      const syncError = (serialized as SerializedThrow | null)?.syncError;
      if (syncError?.name === 'SyncError') throw SyncError.fromJSON(syncError);
      return original.deserialize(serialized);
    },
  });
  installed.add(handlers);
}
