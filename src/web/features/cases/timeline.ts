import {
  CASE_STATUSES,
  CHANNELS,
  DEADLINE_KINDS,
  EXTERNAL_BODIES,
  HANDLING_STEPS,
  OUTCOMES,
  ROOT_CAUSES,
  TIMELINE_TYPES,
  type TimelineEntry,
} from '../../../contracts/cases.js';

const label = (labels: Record<string, string>, value: unknown): string | null =>
  typeof value === 'string' ? (labels[value] ?? value) : null;

export function timelineTypeLabel(type: string): string {
  return (TIMELINE_TYPES as Record<string, string>)[type] ?? type.replace(/_/g, ' ');
}

/**
 * The facts of an entry worth a line each (status from → to, Message-ID, outcome…), read from its data.
 * Every value is returned as plain text; the page renders it as text. Times are written by `dateTime`
 * (the organisation's zone on the page).
 */
export function timelineDetails(
  entry: TimelineEntry,
  money: (cents: number) => string,
  dateTime: (iso: string) => string = (iso) => iso,
): string[] {
  const d = entry.data;
  const lines: string[] = [];
  const channel = label(CHANNELS, d.channel);
  if (channel && entry.type === 'message_in') lines.push(`Received by: ${channel}`);
  if (entry.type === 'correction' && d.field === 'receivedAt' && typeof d.from === 'string')
    lines.push(`Received time: ${dateTime(d.from)} → ${typeof d.to === 'string' ? dateTime(d.to) : '—'}`);
  const from = label(CASE_STATUSES, d.from);
  const to = label(CASE_STATUSES, d.to);
  if (entry.type === 'status' && (from || to)) lines.push(`${from ?? '—'} → ${to ?? '—'}`);
  const step = label(HANDLING_STEPS, d.step);
  if (step && entry.type === 'handling_step') lines.push(step);
  const kind = label(DEADLINE_KINDS, d.kind);
  if (kind && entry.type === 'deadline')
    lines.push(`${kind}${typeof d.event === 'string' ? `: ${d.event}` : ''}`);
  if (typeof d.assigneeName === 'string') lines.push(`To ${d.assigneeName}`);
  if (typeof d.subject === 'string' && d.subject) lines.push(`Subject: ${d.subject}`);
  const outcome = label(OUTCOMES, d.outcome);
  if (outcome) lines.push(`Outcome: ${outcome}`);
  const cause = label(ROOT_CAUSES, d.rootCause);
  if (cause) lines.push(`Root cause: ${cause}`);
  const body = label(EXTERNAL_BODIES, d.externalBody);
  if (body)
    lines.push(
      `External body: ${body}${typeof d.externalReference === 'string' ? ` (${d.externalReference})` : ''}`,
    );
  if (entry.type === 'details' && Array.isArray(d.fields) && d.fields.length)
    lines.push(`Changed: ${d.fields.filter((f): f is string => typeof f === 'string').join(', ')}`);
  if (typeof d.totalCents === 'number') lines.push(`Total: ${money(d.totalCents)}`);
  if (typeof d.reason === 'string' && d.reason && d.reason !== entry.body) lines.push(`Reason: ${d.reason}`);
  if (typeof d.messageId === 'string' && d.messageId) lines.push(`Message-ID: ${d.messageId}`);
  return lines;
}
