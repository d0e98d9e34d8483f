import { describe, expect, it } from 'vitest';
import { convertRow, mappingProblems, parseDate, suggestMapping } from './imports.rows.js';

const TZ = 'Australia/Sydney';

describe('parseDate', () => {
  it('reads ISO dates at midnight in the time zone, and slashed dates in the chosen order', () => {
    expect(parseDate('2024-03-01', 'dmy', TZ)?.toISOString()).toBe('2024-02-29T13:00:00.000Z');
    expect(parseDate('2024-03-01T09:30:00Z', 'dmy', TZ)?.toISOString()).toBe('2024-03-01T09:30:00.000Z');
    expect(parseDate('2024-07-01 08:15', 'dmy', 'UTC')?.toISOString()).toBe('2024-07-01T08:15:00.000Z');
    expect(parseDate('3/9/2024', 'dmy', 'UTC')?.toISOString()).toBe('2024-09-03T00:00:00.000Z');
    expect(parseDate('3/9/2024', 'mdy', 'UTC')?.toISOString()).toBe('2024-03-09T00:00:00.000Z');
  });

  it('refuses impossible and unknown shapes', () => {
    for (const v of ['2023-02-29', '31/02/2024', '13/13/2024', 'yesterday', '2024', '1800-01-01', ''])
      expect(parseDate(v, 'dmy', TZ), v).toBeNull();
  });
});

describe('suggestMapping', () => {
  it('maps each target once and leaves the rest ignored', () => {
    expect(suggestMapping(['ID', 'Date', 'Email', 'email', 'State', 'ZIP code', 'Whatever']).columns).toEqual(
      ['externalId', 'receivedAt', 'customerEmail', 'ignore', 'note', 'note', 'ignore'],
    );
  });
});

describe('mappingProblems', () => {
  it('names a missing external id, date received, area, and a subcategory without category', () => {
    const problems = mappingProblems(
      { columns: ['subcategory', 'ignore'], areaId: null, dateOrder: 'dmy' },
      3,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'must have one entry per column of the file (3)',
      'a column must be mapped to externalId',
      'a column must be mapped to receivedAt',
      'choose a business area, or map a column to areaName',
      'a subcategory needs a column mapped to category too',
    ]);
  });
});

describe('convertRow', () => {
  const headers = ['Id', 'Received', 'Outcome', 'Timely', 'Kind', 'Narrative'];
  const mapping = suggestMapping(headers);
  const options = { headers, mapping, timeZone: 'UTC', now: new Date('2025-01-01T00:00:00Z') };

  it('reads our own outcome labels and the CFPB responses', () => {
    const row = (outcome: string) => convertRow(['1', '2024-01-02', outcome, 'yes', '', 'x'], options);
    expect(row('Partly upheld')).toMatchObject({
      ok: true,
      value: { status: 'closed', outcome: 'partly_upheld' },
    });
    expect(row('Closed with non-monetary relief')).toMatchObject({
      ok: true,
      value: { status: 'closed', outcome: 'partly_upheld', outcomeReason: 'Closed with non-monetary relief' },
    });
    expect(row('In progress')).toMatchObject({
      ok: true,
      value: { status: 'responded', outcome: null, closedAt: null },
    });
  });

  it('names every problem of a row', () => {
    expect(convertRow(['', 'soon', 'maybe', 'perhaps', 'rant', ''], options)).toEqual({
      ok: false,
      problems: [
        { column: 'Id', reason: 'the external id is empty' },
        { column: 'Received', reason: '“soon” is not a date (use YYYY-MM-DD or D/M/YYYY)' },
        { column: 'Kind', reason: '“rant” is not a known kind' },
        { column: 'Outcome', reason: '“maybe” is not a known outcome' },
        { column: 'Timely', reason: '“perhaps” is not yes or no' },
      ],
    });
  });

  it('gives an empty description the subject, and a subject from the first line of the description', () => {
    const r = convertRow(
      ['7', '2024-01-02', '', '', 'compliment', 'Lovely stay\nThe staff were kind.'],
      options,
    );
    expect(r).toMatchObject({ ok: true, value: { kind: 'compliment', subject: 'Lovely stay' } });
    const empty = convertRow(['8', '2024-01-02', '', '', '', ''], options);
    expect(empty).toMatchObject({
      ok: true,
      value: { subject: 'Imported case', description: 'Imported case' },
    });
  });
});
