/** The one way clients talk to the parent: fetchJson bound to the base, its credentials and a concurrency limit. */

import type { RetryPolicy } from '../http/fetch-text.ts';
import type { Sleep } from '../http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../ports/ports.ts';
import type { Limiter } from './create-limiter.ts';
import { fetchJson, type JsonAnswer, type JsonRequest } from './fetch-json.ts';

/** Sends one request to the parent (same origin as the base only) and returns its final answer. */
export type JsonTransport = (url: string, request?: JsonRequest) => Promise<JsonAnswer>;

/** Options of {@linkcode createJsonTransport}. */
export interface JsonTransportOptions {
  fetch: FetchLike;
  /** The parent's base URL: requests elsewhere are refused. */
  base: string;
  /** Headers for the parent only, e.g. `authorization`. */
  headers?: Record<string, string>;
  /** Every request (each retry series as one) runs inside it. */
  limit: Limiter;
  /** Per attempt. @default 30_000 */
  timeoutMs?: number;
  retry?: RetryPolicy;
  random?: Random;
  sleep?: Sleep;
  now?: Clock;
  log?: Logger;
  /** Largest answer body, bytes. @default 64 MiB */
  maxBytes?: number;
}

/**
 * A transport over `options.fetch`. A URL off the base's origin throws LINK_FOREIGN_ORIGIN before
 * anything is sent, so credentials never leave the parent.
 *
 * @example
 * ```ts
 * const transport = createJsonTransport({ fetch, base, headers: { authorization }, limit: createLimiter(6) });
 * const answer = await transport(`${base}/ws/rest/v1/location/${uuid}?v=full`);
 * ```
 */
export function createJsonTransport(options: JsonTransportOptions): JsonTransport {
  const { limit, ...common } = options;
  return (url, request = {}) => limit(() => fetchJson(url, { ...common, ...request }));
}
