/** Deadline targets: working time is stored in minutes and shown in hours and minutes. */

export type TargetKind = 'businessTime' | 'calendarDays';

export interface Target {
  kind: TargetKind;
  /** Working minutes for businessTime; whole days for calendarDays. */
  value: number;
}

/** The most a target may be (the contract's limit): a year of minutes. */
export const MAX_TARGET_VALUE = 525_600;

/** 150 → { hours: 2, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(total));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/** Hours and minutes as typed (blank counts as 0) → whole minutes. */
export function joinMinutes(hours: number | string, minutes: number | string): number {
  const h = Number(hours) || 0;
  const m = Number(minutes) || 0;
  return Math.round(h * 60 + m);
}

/** 150 → "2 h 30 min", 480 → "8 h", 45 → "45 min". */
export function formatMinutes(total: number): string {
  const { hours, minutes } = splitMinutes(total);
  if (!hours) return `${minutes} min`;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** A target the way people say it: "8 h working time", "1 calendar day". */
export function formatTarget(target: Target): string {
  if (target.kind === 'calendarDays')
    return `${target.value} calendar ${target.value === 1 ? 'day' : 'days'}`;
  return `${formatMinutes(target.value)} working time`;
}

/** The fields of a target editor: a kind, then hours and minutes or days. */
export interface TargetFields {
  kind: TargetKind;
  hours: number | string;
  minutes: number | string;
  days: number | string;
}

export function targetToFields(target: Target): TargetFields {
  if (target.kind === 'calendarDays')
    return { kind: 'calendarDays', hours: '', minutes: '', days: target.value };
  const { hours, minutes } = splitMinutes(target.value);
  return { kind: 'businessTime', hours, minutes, days: '' };
}

export function fieldsToTarget(fields: TargetFields): Target {
  return fields.kind === 'calendarDays'
    ? { kind: 'calendarDays', value: Math.round(Number(fields.days) || 0) }
    : { kind: 'businessTime', value: joinMinutes(fields.hours, fields.minutes) };
}

/** What is wrong with a target editor's fields, or null. */
export function targetProblem(fields: TargetFields): string | null {
  if (fields.kind === 'calendarDays') {
    const days = Number(fields.days);
    if (!Number.isInteger(days) || days < 1) return 'Enter a whole number of days, at least 1';
    if (days > 365) return 'At most 365 days';
    return null;
  }
  const hours = Number(fields.hours || 0);
  const minutes = Number(fields.minutes || 0);
  if (!Number.isInteger(hours) || hours < 0) return 'Hours must be a whole number';
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59) return 'Minutes must be 0 to 59';
  const total = joinMinutes(hours, minutes);
  if (total < 1) return 'Enter at least 1 minute of working time';
  if (total > MAX_TARGET_VALUE) return 'At most 8,760 hours';
  return null;
}
