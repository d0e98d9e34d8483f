/** How far a time zone is ahead of UTC at an instant, in minutes (e.g. +600 for Sydney in winter). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts in a time zone, as an ISO string — so "from 3 March"
 * means 3 March in the organisation's zone, not the browser's. `addDays` moves to a later day first.
 */
export function startOfDayIn(ymd: string, timeZone: string, addDays = 0): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const midnightUtc = Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + addDays);
  const first = offsetMinutes(new Date(midnightUtc), timeZone);
  let t = midnightUtc - first * 60_000;
  // Near a daylight-saving change the offset at the guessed instant can differ; one correction settles it.
  const second = offsetMinutes(new Date(t), timeZone);
  if (second !== first) t = midnightUtc - second * 60_000;
  return new Date(t).toISOString();
}
