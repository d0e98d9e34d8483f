/** Business calendars, working-time arithmetic and deadline clocks: pure functions shared by server and web. */
export {
  addBusinessDays,
  addBusinessTime,
  addCalendarDays,
  businessTimeBetween,
  InvalidCalendarError,
  isWorkingDay,
  isWorkingTime,
  nextWorkingInstant,
  validateCalendar,
  workingIntervals,
  type BusinessCalendar,
  type CalendarProblem,
  type Holiday,
  type IsoWeekday,
  type UtcInterval,
  type WorkingInterval,
} from './calendar.js';
export {
  australianNationalHolidays,
  easterSunday,
  SHIPPED_HOLIDAY_YEARS,
  standardAustralianCalendar,
} from './holidays-au.js';
export {
  evaluateClock,
  InvalidClockEventsError,
  validateClockEvents,
  type ClockEvent,
  type ClockEventType,
  type ClockInput,
  type ClockState,
  type ClockStatus,
  type DeadlineTarget,
} from './sla.js';
export { isKnownTimeZone } from './time-zone.js';
