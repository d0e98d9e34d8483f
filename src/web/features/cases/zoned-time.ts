import { DateTime } from 'luxon';

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * What an `<input type="datetime-local">` shows for an instant on the wall clock of `timeZone`
 * ('YYYY-MM-DDTHH:mm'), or '' when the instant or zone is not valid.
 */
export function isoToLocalInput(iso: string, timeZone: string): string {
  const d = DateTime.fromISO(iso, { setZone: false }).setZone(timeZone);
  return d.isValid ? d.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/**
 * The instant a wall-clock time ('YYYY-MM-DDTHH:mm') in `timeZone` names, as ISO 8601 with that zone's
 * offset (e.g. '2026-03-05T14:30:00+11:00'), or null when it is not a real date and time.
 * A time that occurs twice (clocks go back) is its earlier occurrence; a time skipped when clocks go
 * forward moves forward by the skipped hour.
 */
export function localInputToIso(local: string, timeZone: string): string | null {
  if (!LOCAL_INPUT.test(local)) return null;
  const d = DateTime.fromISO(local, { zone: timeZone });
  return d.isValid ? d.toISO({ suppressMilliseconds: true }) : null;
}
