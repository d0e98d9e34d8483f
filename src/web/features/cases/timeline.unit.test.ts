import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../contracts/cases.js';
import { timelineDetails, timelineTypeLabel } from './timeline.js';

const entry = (type: string, data: Record<string, unknown>, body = ''): TimelineEntry => ({
  id: 1,
  type,
  at: '2026-03-02T00:00:00Z',
  actor: null,
  body,
  data,
});
const money = (c: number) => `$${(c / 100).toFixed(2)}`;

describe('timeline entries', () => {
  it('are labelled by their type, unknown types readable', () => {
    expect(timelineTypeLabel('message_out')).toBe('Message to customer');
    expect(timelineTypeLabel('some_new_thing')).toBe('some new thing');
  });

  it('show a status change in words', () => {
    expect(
      timelineDetails(entry('status', { from: 'received', to: 'closed', outcome: 'upheld' }), money),
    ).toEqual(['Received → Closed', 'Outcome: Upheld']);
  });

  it('show the Message-ID and subject of a sent message, and a total in money', () => {
    expect(
      timelineDetails(entry('message_out', { subject: 'Your complaint', messageId: '<a@b>' }), money),
    ).toEqual(['Subject: Your complaint', 'Message-ID: <a@b>']);
    expect(timelineDetails(entry('approval_requested', { totalCents: 25000 }), money)).toEqual([
      'Total: $250.00',
    ]);
  });

  it('do not repeat a reason that is already the body', () => {
    expect(timelineDetails(entry('assigned', { reason: 'leave' }, 'leave'), money)).toEqual([]);
  });

  it('show how a customer’s message was received', () => {
    expect(timelineDetails(entry('message_in', { channel: 'phone' }, 'Calling back'), money)).toEqual([
      'Received by: Phone',
    ]);
    expect(timelineDetails(entry('message_in', { channel: 'in_person' }), money)).toEqual([
      'Received by: In person',
    ]);
    // A channel only labels a customer's message, not other entries.
    expect(timelineDetails(entry('note', { channel: 'phone' }), money)).toEqual([]);
  });

  it('show a corrected received time from → to, in the given format, with no status words', () => {
    const corrected = entry(
      'correction',
      { field: 'receivedAt', from: '2026-03-02T00:00:00.000Z', to: '2026-03-01T22:00:00.000Z' },
      'Logged a day late',
    );
    expect(timelineDetails(corrected, money, (iso) => `<${iso.slice(0, 16)}>`)).toEqual([
      'Received time: <2026-03-02T00:00> → <2026-03-01T22:00>',
    ]);
  });
});
