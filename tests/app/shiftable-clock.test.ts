import { describe, expect, it } from 'vitest';
import { createShiftableClock, localModeStart } from '../../src/app/shiftable-clock.js';

describe('local mode’s clock', () => {
  it('starts on 1 January of a plan year other than today’s, 09:30 in the plan’s zone', () => {
    expect(localModeStart(2023, 'Asia/Shanghai', new Date('2026-11-27T04:00:00Z'))?.toISOString()).toBe(
      '2023-01-01T01:30:00.000Z',
    );
    expect(localModeStart(2026, 'Asia/Shanghai', new Date('2026-11-27T04:00:00Z'))).toBeUndefined();
    // 2025-12-31 20:00 UTC is already 2026 in Beijing: the plan's zone decides.
    expect(localModeStart(2026, 'Asia/Shanghai', new Date('2025-12-31T20:00:00Z'))).toBeUndefined();
  });

  it('runs on from its start and never backwards', () => {
    let real = Date.parse('2026-11-27T04:00:00Z');
    const clock = createShiftableClock(() => real, new Date('2023-01-01T01:30:00Z'));
    real += 60_000;
    expect(clock.now().toISOString()).toBe('2023-01-01T01:31:00.000Z');
    expect(clock.jumpTo(new Date('2023-09-25T01:00:00Z'))).toBe(true);
    expect(clock.jumpTo(new Date('2023-09-01T01:00:00Z'))).toBe(false);
    expect(clock.now().toISOString()).toBe('2023-09-25T01:00:00.000Z');
  });
});
