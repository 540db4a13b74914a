import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../src/app/in-flight.js';

describe('createInFlight', () => {
  it('hands a failure back to the caller only: tracking it leaves no rejection unhandled', async () => {
    const inFlight = createInFlight();
    const failing = inFlight.track(Promise.reject(new Error('Lark said 230002')));
    await expect(failing).rejects.toThrow('230002');
    // vitest fails the run on an unhandled rejection; settle also sees the work as finished.
    expect(await inFlight.settle(1000)).toBe(true);
    expect(inFlight.size()).toBe(0);
  });

  it('waits for running work before settling', async () => {
    const inFlight = createInFlight();
    let finish!: () => void;
    const work = inFlight.track(new Promise<void>((resolve) => (finish = resolve)));
    expect(inFlight.size()).toBe(1);
    const settled = inFlight.settle(5000);
    finish();
    await work;
    expect(await settled).toBe(true);
  });
});
