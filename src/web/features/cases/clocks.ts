import { DEADLINE_STATES, type CaseClock, type DeadlineState } from '../../../contracts/cases.js';

/** How a deadline clock looks right now. */
export type ClockTone = 'met' | 'paused' | 'breached' | 'warning' | 'on_track' | 'not_started';

export const TONE_COLOUR: Record<ClockTone, string> = {
  met: 'teal',
  paused: 'gray',
  breached: 'red',
  warning: 'orange',
  on_track: 'blue',
  not_started: 'gray',
};

export const TONE_LABEL: Record<ClockTone, string> = {
  met: 'Met',
  paused: 'Paused',
  breached: 'Breached',
  warning: 'Due soon',
  on_track: 'On track',
  not_started: 'Not started',
};

export const DEADLINE_STATE_COLOUR: Record<DeadlineState, string> = {
  none: 'gray',
  on_track: 'blue',
  due_soon: 'orange',
  breached: 'red',
  paused: 'gray',
};

export function deadlineStateLabel(state: DeadlineState): string {
  return DEADLINE_STATES[state];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 97 minutes → "1 h 37 min"; 3 days 5 hours → "3 d 5 h". Two units at most, never negative. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than a minute';
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/**
 * The state a clock shows at `now`. The server's state is the truth when it was fetched; between fetches a
 * running clock may cross its warning or due time, so those are checked against the browser's clock.
 */
export function clockTone(clock: CaseClock, now: number): ClockTone {
  if (clock.state === 'met') return 'met';
  if (clock.state === 'paused') return 'paused';
  if (clock.state === 'notStarted') return 'not_started';
  if (clock.state === 'breached' || clock.isBreached) return 'breached';
  const due = clock.dueAt ? Date.parse(clock.dueAt) : NaN;
  if (!Number.isNaN(due) && now >= due) return 'breached';
  const warn = clock.warningAt ? Date.parse(clock.warningAt) : NaN;
  if (clock.isWarning || (!Number.isNaN(warn) && now >= warn)) return 'warning';
  return 'on_track';
}

/** What the clock says about time: "Due in 2 h 15 min", "Overdue by 1 d 2 h", "Paused with 3 h left". */
export function clockRemainingText(clock: CaseClock, now: number): string {
  const tone = clockTone(clock, now);
  if (tone === 'met') return 'Met';
  if (tone === 'not_started') return 'Not started';
  if (tone === 'paused')
    return clock.remainingMs > 0
      ? `Paused with ${formatDuration(clock.remainingMs)} left`
      : `Paused, overdue by ${formatDuration(clock.remainingMs)}`;
  const due = clock.dueAt ? Date.parse(clock.dueAt) : NaN;
  if (Number.isNaN(due)) return tone === 'breached' ? 'Overdue' : 'No due time';
  const left = due - now;
  return left > 0 ? `Due in ${formatDuration(left)}` : `Overdue by ${formatDuration(left)}`;
}

/** A running clock's share of its time used, 0–100, for a progress bar. */
export function clockPercentUsed(clock: CaseClock, now: number): number {
  if (clock.state !== 'running' || !clock.startedAt || !clock.dueAt) {
    return Math.max(0, Math.min(100, Math.round(clock.fractionUsed * 100)));
  }
  const start = Date.parse(clock.startedAt);
  const due = Date.parse(clock.dueAt);
  if (!(due > start)) return 100;
  // Wall time approximates business time between fetches; the server's fraction is the floor.
  const wall = (now - start) / (due - start);
  return Math.max(0, Math.min(100, Math.round(Math.max(wall, clock.fractionUsed) * 100)));
}
