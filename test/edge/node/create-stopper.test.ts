// Tests of graceful shutdown on signals: one close, duplicates ignored, a later repeat forces the exit.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports/ports.ts';
import { createStopper } from '../../../src/edge/node/create-stopper.ts';

function setup(close: () => Promise<void>) {
  let clock = 0;
  const exits: number[] = [];
  let closes = 0;
  const stop = createStopper({
    close: () => { closes += 1; return close(); },
    exit: (code) => exits.push(code),
    log: silentLogger,
    now: () => clock,
  });
  return { stop, exits, closes: () => closes, advance: (ms: number) => { clock += ms; } };
}

describe('createStopper()', () => {
  it('createStopper() closes once and exits 0, ignoring the same Ctrl-C delivered twice', async () => {
    let finish = () => {};
    const s = setup(() => new Promise<void>((resolve) => { finish = resolve; }));
    s.stop('SIGINT');
    s.advance(20);
    s.stop('SIGINT');
    expect(s.closes()).toBe(1);
    expect(s.exits).toEqual([]);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.exits).toEqual([0]);
  });

  it('createStopper() exits 130 at once on a deliberate second signal', () => {
    const s = setup(() => new Promise<void>(() => {}));
    s.stop('SIGINT');
    s.advance(1500);
    s.stop('SIGINT');
    expect(s.exits).toEqual([130]);
  });

  it('createStopper() exits 1 when closing fails', async () => {
    const s = setup(() => Promise.reject(new Error('store would not close')));
    s.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 0));
    expect(s.exits).toEqual([1]);
  });
});
