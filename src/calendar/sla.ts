import {
  addBusinessTime,
  addCalendarDays,
  businessTimeBetween,
  calendarProblems,
  InvalidCalendarError,
  type BusinessCalendar,
  type CalendarProblem,
} from './calendar.js';

/** A service level target: working time on the calendar, or whole calendar days in its time zone. */
export type DeadlineTarget =
  | { readonly kind: 'businessTime'; readonly ms: number }
  | { readonly kind: 'calendarDays'; readonly days: number };

/** What happened to a deadline clock ('stopped' = fulfilled). */
export type ClockEventType = 'started' | 'paused' | 'resumed' | 'stopped';

/** One stored clock event. */
export interface ClockEvent {
  readonly type: ClockEventType;
  readonly at: Date;
}

/** Where a clock stands: 'met' and a stopped 'breached' are final. */
export type ClockState = 'notStarted' | 'running' | 'paused' | 'met' | 'breached';

/** Everything evaluateClock needs. */
export interface ClockInput {
  readonly target: DeadlineTarget;
  readonly calendar: BusinessCalendar;
  /** In time order; events after `now` are ignored, so the clock can be evaluated as of any instant. */
  readonly events: readonly ClockEvent[];
  readonly now: Date;
  /** Fraction of the target after which to warn; default 0.75. */
  readonly warningFraction?: number;
}

/** The evaluated clock. Durations are in the target's measure (working ms, or real ms for calendar days). */
export interface ClockStatus {
  readonly state: ClockState;
  /** True while time accrues (started or resumed, not paused or stopped). */
  readonly isRunning: boolean;
  readonly startedAt: Date | null;
  readonly stoppedAt: Date | null;
  /** The target as a duration in the clock's measure. */
  readonly targetMs: number;
  /** Time counted so far, excluding paused spans. */
  readonly elapsedMs: number;
  /** max(0, target − elapsed). */
  readonly remainingMs: number;
  /** max(0, elapsed − target): working time past the due instant. */
  readonly overdueMs: number;
  /** elapsed / target (may exceed 1). */
  readonly fractionUsed: number;
  /** When the target is (or was) reached; null while paused short of it (it depends on when the clock resumes). */
  readonly dueAt: Date | null;
  /** When the warning fraction is (or was) reached; null while paused short of it. */
  readonly warningAt: Date | null;
  readonly isWarningReached: boolean;
  readonly isBreached: boolean;
}

/** Thrown by evaluateClock for an impossible event sequence; lists every problem. */
export class InvalidClockEventsError extends Error {
  readonly problems: readonly CalendarProblem[];
  constructor(problems: readonly CalendarProblem[]) {
    super(`Invalid clock events: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidClockEventsError';
    this.problems = problems;
  }
}

const NEXT_ALLOWED: Record<'none' | ClockEventType, readonly ClockEventType[]> = {
  none: ['started'],
  started: ['paused', 'stopped'],
  resumed: ['paused', 'stopped'],
  paused: ['resumed', 'stopped'],
  stopped: [],
};

/**
 * Every problem with a clock's event list: it starts with 'started', pauses and resumes alternate, nothing
 * follows 'stopped', instants are valid and in time order.
 */
export function validateClockEvents(events: readonly ClockEvent[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  let previous: 'none' | ClockEventType = 'none';
  let previousAt = Number.NEGATIVE_INFINITY;
  events.forEach((event, i) => {
    const at = event.at instanceof Date ? event.at.getTime() : Number.NaN;
    if (!Number.isFinite(at)) problems.push({ path: `events[${i}].at`, message: 'must be a valid Date' });
    else if (at < previousAt)
      problems.push({ path: `events[${i}].at`, message: 'is before the previous event' });
    if (Number.isFinite(at)) previousAt = at;
    if (NEXT_ALLOWED[previous].includes(event.type)) {
      previous = event.type;
    } else {
      // Judge the next event against the last valid one, so one stray event is reported once.
      const after = previous === 'none' ? 'as the first event' : `after '${previous}'`;
      problems.push({ path: `events[${i}].type`, message: `'${String(event.type)}' cannot come ${after}` });
    }
  });
  return problems;
}

interface Span {
  readonly start: number;
  readonly end: number;
  /** The clock was still running at `end` (now, or stopped while running): the span continues past it. */
  readonly isOpenEnded: boolean;
}

/**
 * Evaluates a deadline clock at `now`.
 * - Paused spans do not count, so each pause pushes the due instant back by the working time it covered.
 * - A breach means the clock was running after its due instant: running past it, stopped after it, or paused
 *   after it. A clock paused before its due instant does not breach while paused, however long it waits.
 * - Being exactly at the due instant is not a breach; a breach out of hours (due Friday 17:00, stopped Friday
 *   17:30) is one even though no more working time accrued, so fractionUsed can read exactly 1 when breached.
 * - calendarDays targets count real time: the target is the length of the days from the start (23 or 25 h
 *   across a daylight-saving change), and pauses push the due instant back by their real length.
 */
export function evaluateClock(input: ClockInput): ClockStatus {
  const { target, calendar, events } = input;
  const now = input.now instanceof Date ? input.now.getTime() : Number.NaN;
  if (!Number.isFinite(now)) throw new RangeError('now must be a valid Date');
  const warningFraction = input.warningFraction ?? 0.75;
  if (!(warningFraction > 0 && warningFraction <= 1))
    throw new RangeError('warningFraction must be in (0, 1]');
  if (target.kind === 'businessTime' && !(Number.isSafeInteger(target.ms) && target.ms >= 0)) {
    throw new RangeError('target.ms must be a non-negative integer');
  }
  if (target.kind === 'calendarDays' && !(Number.isSafeInteger(target.days) && target.days >= 0)) {
    throw new RangeError('target.days must be a non-negative integer');
  }
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw new InvalidCalendarError(problems);
  const eventProblems = validateClockEvents(events);
  if (eventProblems.length > 0) throw new InvalidClockEventsError(eventProblems);

  const spans: Span[] = [];
  let startedAt: number | null = null;
  let stoppedAt: number | null = null;
  let openSince: number | null = null;
  for (const event of events) {
    const at = event.at.getTime();
    if (at > now) break;
    switch (event.type) {
      case 'started':
        startedAt = at;
        openSince = at;
        break;
      case 'resumed':
        openSince = at;
        break;
      case 'paused':
        if (openSince !== null) spans.push({ start: openSince, end: at, isOpenEnded: false });
        openSince = null;
        break;
      case 'stopped':
        if (openSince !== null) spans.push({ start: openSince, end: at, isOpenEnded: true });
        openSince = null;
        stoppedAt = at;
        break;
    }
  }
  const isRunning = openSince !== null;
  if (openSince !== null) spans.push({ start: openSince, end: now, isOpenEnded: true });

  if (startedAt === null) {
    // A calendar-day target's length depends on its start date; before the start, report the nominal length.
    const targetMs = target.kind === 'businessTime' ? target.ms : target.days * 86_400_000;
    return {
      state: 'notStarted',
      isRunning: false,
      startedAt: null,
      stoppedAt: null,
      targetMs,
      elapsedMs: 0,
      remainingMs: targetMs,
      overdueMs: 0,
      fractionUsed: 0,
      dueAt: null,
      warningAt: null,
      isWarningReached: false,
      isBreached: false,
    };
  }

  const clockStart = startedAt;
  const measure = (a: number, b: number): number =>
    target.kind === 'businessTime'
      ? businessTimeBetween(calendar, new Date(a), new Date(b))
      : Math.max(0, b - a);
  const advance = (a: number, amount: number): number =>
    target.kind === 'businessTime' ? addBusinessTime(calendar, new Date(a), amount).getTime() : a + amount;
  const targetMs =
    target.kind === 'businessTime'
      ? target.ms
      : addCalendarDays(calendar.timeZone, new Date(clockStart), target.days).getTime() - clockStart;

  const lengths = spans.map((span) => measure(span.start, span.end));
  const elapsedMs = lengths.reduce((sum, length) => sum + length, 0);

  // The instant at which the counted time reaches `amount`, or null if it has not and cannot yet.
  const reachedAt = (amount: number): number | null => {
    let before = 0;
    for (const [i, span] of spans.entries()) {
      const length = lengths[i] ?? 0;
      if (before + length >= amount || span.isOpenEnded) return advance(span.start, amount - before);
      before += length;
    }
    return null;
  };

  const due = reachedAt(targetMs);
  const warning = reachedAt(Math.round(warningFraction * targetMs));
  const lastActive = spans.length > 0 ? Math.max(...spans.map((span) => span.end)) : clockStart;
  const isBreached = due !== null && lastActive > due;
  const isWarningReached = warning !== null && lastActive >= warning;
  const state: ClockState = isBreached
    ? 'breached'
    : stoppedAt !== null
      ? 'met'
      : isRunning
        ? 'running'
        : 'paused';

  return {
    state,
    isRunning,
    startedAt: new Date(clockStart),
    stoppedAt: stoppedAt === null ? null : new Date(stoppedAt),
    targetMs,
    elapsedMs,
    remainingMs: Math.max(0, targetMs - elapsedMs),
    overdueMs: Math.max(0, elapsedMs - targetMs),
    fractionUsed: targetMs > 0 ? elapsedMs / targetMs : 1,
    dueAt: due === null ? null : new Date(due),
    warningAt: warning === null ? null : new Date(warning),
    isWarningReached,
    isBreached,
  };
}
