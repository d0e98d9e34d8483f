import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../../../contracts/cases.js';
import { clockPercentUsed, clockRemainingText, clockTone, formatDuration } from './clocks.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function clock(over: Partial<CaseClock> = {}): CaseClock {
  return {
    kind: 'resolution',
    state: 'running',
    target: { kind: 'businessTime', value: 600 },
    startedAt: '2026-03-02T00:00:00.000Z',
    dueAt: '2026-03-02T10:00:00.000Z',
    warningAt: '2026-03-02T07:30:00.000Z',
    fulfilledAt: null,
    elapsedMs: 0,
    remainingMs: 10 * HOUR,
    fractionUsed: 0,
    isWarning: false,
    isBreached: false,
    ...over,
  };
}
const at = (iso: string) => Date.parse(iso);

describe('formatDuration', () => {
  it('uses at most two units', () => {
    expect(formatDuration(30_000)).toBe('less than a minute');
    expect(formatDuration(45 * MIN)).toBe('45 min');
    expect(formatDuration(97 * MIN)).toBe('1 h 37 min');
    expect(formatDuration(2 * HOUR)).toBe('2 h');
    expect(formatDuration(3 * 24 * HOUR + 5 * HOUR + 7 * MIN)).toBe('3 d 5 h');
    expect(formatDuration(-90 * MIN)).toBe('1 h 30 min');
  });
});

describe('clockTone', () => {
  it('follows the server state for met, paused and not started clocks', () => {
    expect(clockTone(clock({ state: 'met' }), at('2026-03-03T00:00:00Z'))).toBe('met');
    expect(clockTone(clock({ state: 'paused' }), at('2026-03-03T00:00:00Z'))).toBe('paused');
    expect(clockTone(clock({ state: 'notStarted' }), 0)).toBe('not_started');
  });

  it('moves a running clock to due soon and breached as the browser clock passes warning and due times', () => {
    expect(clockTone(clock(), at('2026-03-02T01:00:00Z'))).toBe('on_track');
    expect(clockTone(clock(), at('2026-03-02T08:00:00Z'))).toBe('warning');
    expect(clockTone(clock(), at('2026-03-02T10:00:00Z'))).toBe('breached');
    expect(clockTone(clock({ isWarning: true }), at('2026-03-02T01:00:00Z'))).toBe('warning');
    expect(clockTone(clock({ state: 'breached' }), at('2026-03-02T01:00:00Z'))).toBe('breached');
  });
});

describe('clockRemainingText', () => {
  it('counts down to the due time, then counts the overdue time', () => {
    expect(clockRemainingText(clock(), at('2026-03-02T07:45:00Z'))).toBe('Due in 2 h 15 min');
    expect(clockRemainingText(clock(), at('2026-03-02T11:30:00Z'))).toBe('Overdue by 1 h 30 min');
  });

  it('shows the frozen remainder of a paused clock', () => {
    expect(clockRemainingText(clock({ state: 'paused', remainingMs: 3 * HOUR }), 0)).toBe(
      'Paused with 3 h left',
    );
  });
});

describe('clockPercentUsed', () => {
  it('is the share of the time between start and due that has passed, within 0–100', () => {
    expect(clockPercentUsed(clock(), at('2026-03-02T05:00:00Z'))).toBe(50);
    expect(clockPercentUsed(clock(), at('2026-03-03T00:00:00Z'))).toBe(100);
    expect(clockPercentUsed(clock({ state: 'met', fractionUsed: 0.4 }), 0)).toBe(40);
  });
});
