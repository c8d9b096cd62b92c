/** One request attempt's signal: aborts on the caller's signal or after a timeout, and tells the two apart. */

/** The signal of one attempt and how to end it. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the timeout fired (and not the caller's signal first). */
  timedOut(): boolean;
  /** Clears the timer and the listener; call it when the attempt is over. */
  dispose(): void;
}

/**
 * A signal that aborts when `parent` aborts or `timeoutMs` passes, whichever comes first.
 * The timer covers the whole attempt, body included, until `dispose()`.
 *
 * @example
 * ```ts
 * const attempt = createAttemptSignal(options.signal, 30_000);
 * try { await fetch(url, { signal: attempt.signal }); } finally { attempt.dispose(); }
 * ```
 */
export function createAttemptSignal(parent: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let fired = false;
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
      fired = true;
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, Math.max(0, timeoutMs))
    : undefined;
  return {
    signal: controller.signal,
    timedOut: () => fired && !parent?.aborted,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
