/** The capabilities the core takes as parameters: fetch, clock, logger; only entry files pass globals. */

/** The subset of `fetch` the core uses; `globalThis.fetch` and a Hono app's `fetch` both fit. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Milliseconds since the epoch; tests pass a fake. */
export type Clock = () => number;

/** Structured log fields; values must be JSON-safe and never hold credentials. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default where none is given. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** A random source in [0, 1), injectable so backoff jitter is testable. */
export type Random = () => number;
