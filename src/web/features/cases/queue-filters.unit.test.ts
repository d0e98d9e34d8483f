import { describe, expect, it } from 'vitest';
import {
  fromSavedView,
  isFiltered,
  parseQueueSearch,
  toListQuery,
  toSavedViewFilters,
  withFilter,
} from './queue-filters.js';

const AREA = '0b6f1a52-3f0a-4a7e-9c1d-2a3b4c5d6e7f';
const AREA2 = '1b6f1a52-3f0a-4a7e-9c1d-2a3b4c5d6e7f';
const VIEW = '2b6f1a52-3f0a-4a7e-9c1d-2a3b4c5d6e7f';

describe('parseQueueSearch', () => {
  it('keeps the filters the API accepts and drops what it would refuse', () => {
    expect(
      parseQueueSearch({
        status: 'received,bogus,closed,received',
        areaId: `${AREA},not-an-id`,
        assigneeId: 'me',
        deadline: 'breached',
        receivedFrom: '2026-01-01',
        receivedTo: 'yesterday',
        sort: 'sideways',
        q: '  refund  ',
        approver: 'you',
        extra: 'x',
      }),
    ).toEqual({
      status: 'received,closed',
      areaId: AREA,
      assigneeId: 'me',
      deadline: 'breached',
      receivedFrom: '2026-01-01',
      q: 'refund',
    });
  });

  it('keeps "open cases only" as the API spells it', () => {
    expect(parseQueueSearch({ open: 'true' })).toEqual({ open: true });
    expect(parseQueueSearch({ open: true })).toEqual({ open: true });
    expect(parseQueueSearch({ open: 'yes' })).toEqual({});
    expect(toListQuery({ open: true })).toEqual({ open: 'true', sort: 'due' });
    expect(fromSavedView({ id: VIEW, filters: toSavedViewFilters({ open: true }) })).toEqual({
      open: true,
      view: VIEW,
    });
  });

  it('accepts unassigned and a user id for the assignee, nothing else', () => {
    expect(parseQueueSearch({ assigneeId: 'none' }).assigneeId).toBe('none');
    expect(parseQueueSearch({ assigneeId: AREA }).assigneeId).toBe(AREA);
    expect(parseQueueSearch({ assigneeId: 'everyone' }).assigneeId).toBeUndefined();
    expect(parseQueueSearch({ status: 42 }).status).toBeUndefined();
    expect(parseQueueSearch({ q: 2026 }).q).toBe('2026');
  });
});

describe('toListQuery', () => {
  it('sends every filter, the sort (due by default), never the view', () => {
    expect(toListQuery({ status: 'received', view: VIEW })).toEqual({ status: 'received', sort: 'due' });
    expect(toListQuery({ sort: 'updated', approver: 'me' })).toEqual({ sort: 'updated', approver: 'me' });
  });
});

describe('saved views', () => {
  it('round-trip through the URL: filters saved are the filters shown', () => {
    const search = { status: 'received,acknowledged', areaId: `${AREA},${AREA2}`, sort: 'received' as const };
    const saved = toSavedViewFilters(search);
    expect(saved).toEqual({ status: 'received,acknowledged', areaId: `${AREA},${AREA2}`, sort: 'received' });
    expect(fromSavedView({ id: VIEW, filters: saved })).toEqual({ ...search, view: VIEW });
  });

  it('leaves the default sort out of the stored filters', () => {
    expect(toSavedViewFilters({ assigneeId: 'me' })).toEqual({ assigneeId: 'me' });
  });
});

describe('withFilter and isFiltered', () => {
  it('changing a filter forgets the saved view and removes emptied filters', () => {
    const next = withFilter({ status: 'received', view: VIEW }, 'status', undefined);
    expect(next).toEqual({});
    expect(isFiltered(next)).toBe(false);
    expect(withFilter({}, 'assigneeId', 'none')).toEqual({ assigneeId: 'none' });
    expect(isFiltered({ sort: 'received' })).toBe(false);
    expect(isFiltered({ deadline: 'paused' })).toBe(true);
  });
});
