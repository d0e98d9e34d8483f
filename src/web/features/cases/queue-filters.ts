import {
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  DEADLINE_STATES,
  PRIORITIES,
} from '../../../contracts/cases.js';

/**
 * The queue's filters as they live in the URL (and in saved views): every value a string, lists
 * comma-separated, exactly the names the API's query takes — so the URL, a saved view and the request
 * are one shape.
 */
export interface QueueSearch {
  q?: string;
  /** Only cases still being worked (any open status). A boolean so the router writes it as `open=true`. */
  open?: true;
  status?: string;
  kind?: string;
  channel?: string;
  priority?: string;
  deadline?: string;
  areaId?: string;
  teamId?: string;
  /** A user id, 'me' or 'none' (unassigned). */
  assigneeId?: string;
  categoryId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  sort?: 'due' | 'received' | 'updated';
  /** Cases waiting for my approval. */
  approver?: 'me';
  /** The saved view these filters came from (not sent to the API). */
  view?: string;
}

export const SORTS = {
  due: 'Due soonest',
  received: 'Newest received',
  updated: 'Recently updated',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters (not sort, not view) a person can set; order is the order they are written in the URL. */
export const FILTER_KEYS = [
  'q',
  'open',
  'status',
  'areaId',
  'teamId',
  'assigneeId',
  'kind',
  'categoryId',
  'channel',
  'priority',
  'deadline',
  'receivedFrom',
  'receivedTo',
  'approver',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function splitCsv(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

/** ['a','b'] → 'a,b'; an empty list removes the filter. */
export function joinCsv(values: readonly string[]): string | undefined {
  return values.length ? values.join(',') : undefined;
}

function csvOf(value: unknown, allowed: (v: string) => boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const kept = [...new Set(splitCsv(value).filter(allowed))];
  return joinCsv(kept);
}

const inKeys = (labels: Record<string, string>) => (v: string) => Object.hasOwn(labels, v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Whatever arrived in the address bar → filters the API will accept. Unknown values are dropped rather
 * than sent, so a hand-edited or old link still opens the queue.
 */
export function parseQueueSearch(raw: Record<string, unknown>): QueueSearch {
  const out: QueueSearch = {};
  // A hand-typed ?q=2026 reaches here as a number (the router parses JSON-like values).
  const q = (typeof raw.q === 'number' ? String(raw.q) : str(raw.q))?.trim().slice(0, 200);
  if (q) out.q = q;
  if (raw.open === 'true' || raw.open === true) out.open = true;
  const status = csvOf(raw.status, inKeys(CASE_STATUSES));
  if (status) out.status = status;
  const kind = csvOf(raw.kind, inKeys(CASE_KINDS));
  if (kind) out.kind = kind;
  const channel = csvOf(raw.channel, inKeys(CHANNELS));
  if (channel) out.channel = channel;
  const priority = csvOf(raw.priority, inKeys(PRIORITIES));
  if (priority) out.priority = priority;
  const deadline = csvOf(raw.deadline, inKeys(DEADLINE_STATES));
  if (deadline) out.deadline = deadline;
  const areaId = csvOf(raw.areaId, (v) => UUID.test(v));
  if (areaId) out.areaId = areaId;
  const teamId = str(raw.teamId);
  if (teamId && UUID.test(teamId)) out.teamId = teamId;
  const assigneeId = str(raw.assigneeId);
  if (assigneeId && (assigneeId === 'me' || assigneeId === 'none' || UUID.test(assigneeId)))
    out.assigneeId = assigneeId;
  const categoryId = str(raw.categoryId);
  if (categoryId && UUID.test(categoryId)) out.categoryId = categoryId;
  const from = str(raw.receivedFrom);
  if (from && DATE.test(from)) out.receivedFrom = from;
  const to = str(raw.receivedTo);
  if (to && DATE.test(to)) out.receivedTo = to;
  const sort = str(raw.sort);
  if (sort === 'received' || sort === 'updated') out.sort = sort;
  if (raw.approver === 'me') out.approver = 'me';
  const view = str(raw.view);
  if (view && UUID.test(view)) out.view = view;
  return out;
}

/** The API query for a page of the queue. */
export function toListQuery(search: QueueSearch): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value) query[key] = String(value);
  }
  query.sort = search.sort ?? 'due';
  return query;
}

/** Whether any filter is set, so an empty result reads "none match" rather than "none yet". */
export function isFiltered(search: QueueSearch): boolean {
  return FILTER_KEYS.some((k) => !!search[k]);
}

/** How many filters are set (for the "More filters (3)" button). */
export function countFilters(search: QueueSearch, keys: readonly FilterKey[] = FILTER_KEYS): number {
  return keys.filter((k) => !!search[k]).length;
}

/** The filters to store in a saved view: the query without the view itself. */
export function toSavedViewFilters(search: QueueSearch): Record<string, string> {
  const filters = toListQuery(search);
  if (filters.sort === 'due') delete filters.sort;
  return filters;
}

/** A saved view's filters → the URL that shows it. */
export function fromSavedView(view: { id: string; filters: Record<string, string> }): QueueSearch {
  return { ...parseQueueSearch(view.filters), view: view.id };
}

/** Sets one filter and forgets the saved view (the filters no longer are the view's). */
export function withFilter(
  search: QueueSearch,
  key: FilterKey | 'sort',
  value: string | undefined,
): QueueSearch {
  const next: QueueSearch = { ...search, view: undefined };
  if (key === 'sort') next.sort = value === 'received' || value === 'updated' ? value : undefined;
  else if (key === 'approver') next.approver = value === 'me' ? 'me' : undefined;
  else if (key === 'open') next.open = value === 'true' ? true : undefined;
  else next[key] = value || undefined;
  return dropEmpty(next);
}

function dropEmpty(search: QueueSearch): QueueSearch {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(search)) if (v) out[k] = v;
  return out as QueueSearch;
}
