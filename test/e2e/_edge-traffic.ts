/** What the e2e edge node saw: a log of its requests, and holds that keep chosen requests waiting (a sync stopped mid-run, without timing). */

import type { EdgeHandler } from '../../src/edge/node/edge-runtime.ts';

/** One request the edge node answered: its order of arrival and of answer (counters, not clocks). */
export interface RequestRecord {
  method: string;
  /** Path and query. */
  path: string;
  startOrder: number;
  endOrder?: number;
  status?: number;
}

/** Requests held back until `release()`: a way to stop a sync mid-run without timing. */
export interface Hold {
  /** Resolves with the first held request once it has arrived. */
  arrived: Promise<RequestRecord>;
  /** Requests held so far. */
  held(): number;
  /** Lets every held request (and the later ones) through; the hold ends. */
  release(): void;
}

/**
 * A request log and holds: `wrap(handler)` records every request (arrival and answer order) and
 * keeps the ones an active hold matches waiting until it is released.
 */
export function createTraffic() {
  const requests: RequestRecord[] = [];
  const holds: { match: (r: RequestRecord) => boolean; gate: Promise<void>; open(): void; count: number; first(r: RequestRecord): void }[] = [];
  let order = 0;
  const wrap = (handler: EdgeHandler): EdgeHandler => async (request) => {
    const url = new URL(request.url);
    const record: RequestRecord = { method: request.method, path: url.pathname + url.search, startOrder: ++order };
    requests.push(record);
    for (const hold of holds.filter((h) => h.match(record))) {
      hold.count += 1;
      if (hold.count === 1) hold.first(record);
      await hold.gate;
    }
    try {
      const response = await handler(request);
      record.status = response.status;
      return response;
    } finally {
      record.endOrder = ++order;
    }
  };
  const hold = (match: (record: RequestRecord) => boolean): Hold => {
    let open!: () => void;
    let first!: (r: RequestRecord) => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const arrived = new Promise<RequestRecord>((resolve) => { first = resolve; });
    const entry = { match, gate, open, count: 0, first };
    holds.push(entry);
    return {
      arrived, held: () => entry.count,
      release() {
        const at = holds.indexOf(entry);
        if (at >= 0) holds.splice(at, 1);
        open();
      },
    };
  };
  const releaseAll = (): void => { for (const h of holds.splice(0)) h.open(); };
  return { requests, wrap, hold, releaseAll };
}
