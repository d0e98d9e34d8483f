import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessTimeBetween,
  evaluateClock,
  InvalidClockEventsError,
  standardAustralianCalendar,
  validateClockEvents,
  type BusinessCalendar,
  type ClockEvent,
  type ClockInput,
  type DeadlineTarget,
} from './index.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (iso: string): Date => new Date(iso);
const calendar = standardAustralianCalendar();
const eightHours: DeadlineTarget = { kind: 'businessTime', ms: 8 * HOUR };
// Monday 23 November 2026, Sydney (AEDT, +11:00).
const mondayNine = at('2026-11-23T09:00:00+11:00');
const started: ClockEvent = { type: 'started', at: mondayNine };

function clock(events: readonly ClockEvent[], now: string, overrides: Partial<ClockInput> = {}) {
  return evaluateClock({ target: eightHours, calendar, events, now: at(now), ...overrides });
}

describe('a running clock', () => {
  it('counts working time, and knows its due and warning instants', () => {
    const status = clock([started], '2026-11-23T12:00:00+11:00');
    expect(status).toMatchObject({
      state: 'running',
      isRunning: true,
      startedAt: mondayNine,
      stoppedAt: null,
      targetMs: 8 * HOUR,
      elapsedMs: 3 * HOUR,
      remainingMs: 5 * HOUR,
      overdueMs: 0,
      fractionUsed: 0.375,
      dueAt: at('2026-11-23T17:00:00+11:00'),
      warningAt: at('2026-11-23T15:00:00+11:00'),
      isWarningReached: false,
      isBreached: false,
    });
  });

  it('reaches the warning at 75 % and is not breached exactly at the due instant', () => {
    expect(clock([started], '2026-11-23T14:59:59.999+11:00').isWarningReached).toBe(false);
    expect(clock([started], '2026-11-23T15:00:00+11:00').isWarningReached).toBe(true);
    const atDue = clock([started], '2026-11-23T17:00:00+11:00');
    expect(atDue).toMatchObject({ state: 'running', remainingMs: 0, fractionUsed: 1, isBreached: false });
  });

  it('honours a configured warning fraction', () => {
    const status = clock([started], '2026-11-23T12:00:00+11:00', { warningFraction: 0.5 });
    expect(status.warningAt).toEqual(at('2026-11-23T13:00:00+11:00'));
  });

  it('breaches once past the due instant, even out of hours when no more working time accrues', () => {
    const evening = clock([started], '2026-11-23T17:00:00.001+11:00');
    expect(evening).toMatchObject({ state: 'breached', isBreached: true, elapsedMs: 8 * HOUR, overdueMs: 0 });
    expect(evening.fractionUsed).toBe(1);
    const nextMorning = clock([started], '2026-11-24T10:00:00+11:00');
    expect(nextMorning).toMatchObject({
      state: 'breached',
      isRunning: true,
      overdueMs: HOUR,
      fractionUsed: 9 / 8,
    });
    expect(nextMorning.dueAt).toEqual(at('2026-11-23T17:00:00+11:00'));
  });

  it('started out of hours counts from the next working moment', () => {
    const status = clock(
      [{ type: 'started', at: at('2026-11-21T10:00:00+11:00') }],
      '2026-11-23T10:00:00+11:00',
    );
    expect(status.elapsedMs).toBe(HOUR);
    expect(status.dueAt).toEqual(at('2026-11-23T17:00:00+11:00'));
  });
});

describe('pauses', () => {
  const pausedMonday: ClockEvent = { type: 'paused', at: at('2026-11-23T11:00:00+11:00') };
  const resumedTuesday: ClockEvent = { type: 'resumed', at: at('2026-11-24T10:00:00+11:00') };

  it('shift the due instant by the paused working time', () => {
    const status = clock([started, pausedMonday, resumedTuesday], '2026-11-24T12:00:00+11:00');
    // 2 h before the pause, 6 h left after resuming at Tuesday 10:00.
    expect(status.dueAt).toEqual(at('2026-11-24T16:00:00+11:00'));
    expect(status.warningAt).toEqual(at('2026-11-24T14:00:00+11:00'));
    expect(status).toMatchObject({ state: 'running', elapsedMs: 4 * HOUR, remainingMs: 4 * HOUR });
    const originalDue = at('2026-11-23T17:00:00+11:00');
    const pausedWorkingTime = businessTimeBetween(calendar, pausedMonday.at, resumedTuesday.at);
    expect(pausedWorkingTime).toBe(7 * HOUR);
    expect(businessTimeBetween(calendar, originalDue, status.dueAt ?? originalDue)).toBe(pausedWorkingTime);
  });

  it('a clock paused before its due instant does not breach while paused', () => {
    const status = clock([started, pausedMonday], '2026-11-27T12:00:00+11:00');
    expect(status).toMatchObject({
      state: 'paused',
      isRunning: false,
      elapsedMs: 2 * HOUR,
      remainingMs: 6 * HOUR,
      dueAt: null,
      warningAt: null,
      isWarningReached: false,
      isBreached: false,
    });
  });

  it('a clock paused after its due instant stays breached', () => {
    const late: ClockEvent = { type: 'paused', at: at('2026-11-23T17:30:00+11:00') };
    const status = clock([started, late], '2026-11-25T12:00:00+11:00');
    expect(status).toMatchObject({ state: 'breached', isRunning: false, isBreached: true });
    expect(status.dueAt).toEqual(at('2026-11-23T17:00:00+11:00'));
  });

  it('a clock paused exactly at its due instant is not breached', () => {
    const exactly: ClockEvent = { type: 'paused', at: at('2026-11-23T17:00:00+11:00') };
    expect(clock([started, exactly], '2026-11-25T12:00:00+11:00')).toMatchObject({
      state: 'paused',
      remainingMs: 0,
      isBreached: false,
    });
  });
});

describe('stopping', () => {
  it('before the due instant is met, and keeps the due instant it had', () => {
    const events: ClockEvent[] = [started, { type: 'stopped', at: at('2026-11-23T16:00:00+11:00') }];
    const status = clock(events, '2026-11-30T12:00:00+11:00');
    expect(status).toMatchObject({ state: 'met', isRunning: false, elapsedMs: 7 * HOUR, isBreached: false });
    expect(status.stoppedAt).toEqual(at('2026-11-23T16:00:00+11:00'));
    expect(status.dueAt).toEqual(at('2026-11-23T17:00:00+11:00'));
    expect(status.isWarningReached).toBe(true);
  });

  it('after the due instant is breached, out of hours too', () => {
    const outOfHours = clock(
      [started, { type: 'stopped', at: at('2026-11-23T17:30:00+11:00') }],
      '2026-11-30T12:00:00+11:00',
    );
    expect(outOfHours).toMatchObject({ state: 'breached', elapsedMs: 8 * HOUR, overdueMs: 0 });
    const nextDay = clock(
      [started, { type: 'stopped', at: at('2026-11-24T10:00:00+11:00') }],
      '2026-11-30T12:00:00+11:00',
    );
    expect(nextDay).toMatchObject({ state: 'breached', overdueMs: HOUR });
  });

  it('while paused is met when the due instant had not passed', () => {
    const events: ClockEvent[] = [
      started,
      { type: 'paused', at: at('2026-11-23T11:00:00+11:00') },
      { type: 'stopped', at: at('2026-11-30T11:00:00+11:00') },
    ];
    expect(clock(events, '2026-12-01T12:00:00+11:00')).toMatchObject({
      state: 'met',
      elapsedMs: 2 * HOUR,
      dueAt: null,
    });
  });
});

describe('evaluation as of an instant', () => {
  const events: ClockEvent[] = [started, { type: 'stopped', at: at('2026-11-23T16:00:00+11:00') }];

  it('ignores events after now', () => {
    expect(clock(events, '2026-11-23T12:00:00+11:00').state).toBe('running');
    expect(clock(events, '2026-11-23T08:00:00+11:00')).toMatchObject({
      state: 'notStarted',
      elapsedMs: 0,
      remainingMs: 8 * HOUR,
      dueAt: null,
    });
    expect(clock([], '2026-11-23T08:00:00+11:00').state).toBe('notStarted');
  });
});

describe('calendar-day targets', () => {
  const oneDay: DeadlineTarget = { kind: 'calendarDays', days: 1 };
  const saturday: ClockEvent = { type: 'started', at: at('2026-10-03T12:00:00+10:00') };

  it('count real time: one day across the DST start is 23 h', () => {
    const status = clock([saturday], '2026-10-03T18:00:00+10:00', { target: oneDay });
    expect(status.targetMs).toBe(23 * HOUR);
    expect(status.elapsedMs).toBe(6 * HOUR);
    expect(status.dueAt).toEqual(at('2026-10-04T12:00:00+11:00'));
  });

  it('pauses push the due instant back by their real length', () => {
    const events: ClockEvent[] = [
      saturday,
      { type: 'paused', at: at('2026-10-03T13:00:00+10:00') },
      { type: 'resumed', at: at('2026-10-03T15:00:00+10:00') },
    ];
    const status = clock(events, '2026-10-03T18:00:00+10:00', { target: oneDay });
    expect(status.dueAt).toEqual(at('2026-10-04T14:00:00+11:00'));
    expect(status.elapsedMs).toBe(4 * HOUR);
  });
});

describe('event validation', () => {
  it('lists every problem', () => {
    const events: ClockEvent[] = [
      { type: 'resumed', at: at('2026-11-23T09:00:00Z') },
      { type: 'started', at: at('2026-11-23T10:00:00Z') },
      { type: 'started', at: at('2026-11-23T09:30:00Z') },
      { type: 'stopped', at: at('2026-11-23T11:00:00Z') },
      { type: 'paused', at: at('2026-11-23T12:00:00Z') },
    ];
    expect(validateClockEvents(events).map((p) => p.path)).toEqual([
      'events[0].type',
      'events[2].at',
      'events[2].type',
      'events[4].type',
    ]);
    expect(() => clock(events, '2026-11-24T00:00:00Z')).toThrow(InvalidClockEventsError);
  });

  it('rejects bad options', () => {
    expect(() => clock([started], '2026-11-24T00:00:00Z', { warningFraction: 0 })).toThrow(RangeError);
    expect(() =>
      clock([started], '2026-11-24T00:00:00Z', { target: { kind: 'businessTime', ms: -1 } }),
    ).toThrow(RangeError);
  });
});

describe('properties', () => {
  const calendars: BusinessCalendar[] = [
    calendar,
    { timeZone: 'Australia/Sydney', weekly: { 1: [{ start: '22:00', end: '06:00' }] }, holidays: [] },
  ];
  const start = Date.UTC(2026, 0, 1);
  const span = 120 * 24 * 60; // minutes
  /** Clock events on a minute grid: started, then alternating pauses and resumes, running at the end. */
  const eventsArb = fc
    .uniqueArray(fc.integer({ min: 0, max: span }), { minLength: 1, maxLength: 9 })
    .map((minutes) => {
      const sorted = [...minutes].sort((a, b) => a - b);
      if (sorted.length % 2 === 0) sorted.pop();
      return sorted.map((m, i): ClockEvent => ({
        type: i === 0 ? 'started' : i % 2 === 1 ? 'paused' : 'resumed',
        at: new Date(start + m * MINUTE),
      }));
    });

  it('at its due instant the elapsed time equals the target; a millisecond later a running clock breaches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        eventsArb,
        fc.integer({ min: 1, max: 200 * 60 }),
        (cal, events, targetMinutes) => {
          const target: DeadlineTarget = { kind: 'businessTime', ms: targetMinutes * MINUTE };
          const last = events[events.length - 1]?.at ?? new Date(start);
          const status = evaluateClock({ target, calendar: cal, events, now: last });
          const due = status.dueAt;
          if (due === null) throw new Error('a running clock always has a due instant');
          const atDue = evaluateClock({ target, calendar: cal, events, now: due });
          expect(atDue.elapsedMs).toBe(target.ms);
          expect(atDue.isBreached).toBe(false);
          const after = evaluateClock({ target, calendar: cal, events, now: new Date(due.getTime() + 1) });
          expect(after.isBreached).toBe(after.isRunning);
          // The due instant is the start plus the target plus the working time spent paused before it.
          let paused = 0;
          for (let i = 1; i + 1 < events.length; i += 2) {
            const [p, r] = [events[i]?.at, events[i + 1]?.at];
            if (p !== undefined && r !== undefined && r <= due) paused += businessTimeBetween(cal, p, r);
          }
          const first = events[0]?.at ?? new Date(start);
          expect(businessTimeBetween(cal, first, due)).toBe(target.ms + paused);
        },
      ),
      { numRuns: 200 },
    );
  });
});
