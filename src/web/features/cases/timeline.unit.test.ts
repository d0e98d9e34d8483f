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
});
