// Pure rules of the import: which column is which (suggested from the headers), and how one row of text
// becomes the fields of a historical case or a list of reasons it cannot.
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  CASE_KINDS,
  CHANNELS,
  CUSTOMER_TYPES,
  OUTCOMES,
  type CaseKind,
  type Channel,
  type CustomerType,
  type Outcome,
} from '../../../contracts/cases.js';
import { LIMITS } from '../../../contracts/common.js';
import {
  IMPORT_LIMITS,
  REPEATABLE_TARGETS,
  type ImportMapping,
  type ImportTarget,
} from '../../../contracts/imports.js';

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Header names (squashed) that suggest a target. The CFPB complaint export's names are among them. */
const HEADER_HINTS: [ImportTarget, string[]][] = [
  ['externalId', ['complaint id', 'external id', 'id', 'case id', 'ticket id', 'reference', 'ref', 'ticket']],
  ['receivedAt', ['date received', 'received', 'received at', 'date', 'created', 'created at', 'opened']],
  ['kind', ['kind', 'type', 'feedback type']],
  ['areaName', ['business area', 'area', 'department', 'division']],
  ['category', ['product', 'category']],
  ['subcategory', ['issue', 'subcategory', 'sub category']],
  ['channel', ['submitted via', 'channel', 'source', 'received via']],
  ['subject', ['subject', 'title', 'summary']],
  [
    'description',
    ['consumer complaint narrative', 'narrative', 'description', 'details', 'complaint', 'text'],
  ],
  ['desiredOutcome', ['desired outcome', 'outcome wanted', 'outcome sought']],
  ['concernsProduct', ['sub product', 'product or service']],
  ['customerName', ['customer name', 'name', 'customer', 'consumer name']],
  ['customerEmail', ['email', 'customer email', 'e mail']],
  ['customerPhone', ['phone', 'customer phone', 'telephone']],
  ['customerType', ['customer type']],
  [
    'customerOrganisation',
    ['customer organisation', 'customer organization', 'organisation', 'organization'],
  ],
  ['acknowledgedAt', ['date sent to company', 'acknowledged', 'acknowledged at', 'date acknowledged']],
  ['closedAt', ['closed', 'closed at', 'date closed']],
  ['outcome', ['company response to consumer', 'outcome', 'resolution', 'company response']],
  ['timely', ['timely response', 'timely']],
  ['disputed', ['consumer disputed', 'disputed', 'customer disputed']],
  ['note', ['sub issue', 'state', 'zip code', 'zip', 'postcode', 'tags']],
];

/** A first mapping from the file's headers; the person adjusts it before running. */
export function suggestMapping(headers: string[]): ImportMapping {
  const used = new Set<ImportTarget>();
  const columns = headers.map((h): ImportTarget => {
    const name = squash(h);
    const hit = HEADER_HINTS.find(
      ([target, names]) => names.includes(name) && (REPEATABLE_TARGETS.includes(target) || !used.has(target)),
    );
    if (!hit) return 'ignore';
    used.add(hit[0]);
    return hit[0];
  });
  return { columns, areaId: null, dateOrder: 'dmy' };
}

/** The mapping's own problems (before any row is read), as field errors. */
export function mappingProblems(
  mapping: ImportMapping,
  columnCount: number,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (mapping.columns.length !== columnCount)
    errors.push({
      path: 'body.mapping.columns',
      message: `must have one entry per column of the file (${columnCount})`,
    });
  const seen = new Map<ImportTarget, number>();
  mapping.columns.forEach((t, i) => {
    if (REPEATABLE_TARGETS.includes(t)) return;
    if (seen.has(t))
      errors.push({
        path: `body.mapping.columns.${i}`,
        message: `${t} is already the target of column ${seen.get(t)! + 1}`,
      });
    else seen.set(t, i);
  });
  for (const required of ['externalId', 'receivedAt'] as const)
    if (!seen.has(required))
      errors.push({ path: 'body.mapping.columns', message: `a column must be mapped to ${required}` });
  if (!seen.has('areaName') && !mapping.areaId)
    errors.push({
      path: 'body.mapping.areaId',
      message: 'choose a business area, or map a column to areaName',
    });
  if (seen.has('subcategory') && !seen.has('category'))
    errors.push({
      path: 'body.mapping.columns',
      message: 'a subcategory needs a column mapped to category too',
    });
  return errors;
}

/** The fields of one historical case, read from a row; area and categories are still names. */
export interface ImportedCase {
  externalId: string;
  receivedAt: Date;
  kind: CaseKind;
  areaName: string | null;
  category: string | null;
  subcategory: string | null;
  channel: Channel;
  subject: string;
  description: string;
  desiredOutcome: string;
  concernsProduct: string;
  customerName: string;
  customerEmail: string | null;
  customerPhone: string | null;
  customerType: CustomerType;
  customerOrganisation: string;
  status: 'closed' | 'responded';
  acknowledgedAt: Date | null;
  respondedAt: Date;
  closedAt: Date | null;
  outcome: Outcome | null;
  outcomeReason: string;
  timely: boolean | null;
  disputed: boolean | null;
}

export interface RowProblem {
  column: string | null;
  reason: string;
}

export type RowResult = { ok: true; value: ImportedCase } | { ok: false; problems: RowProblem[] };

export interface ConvertOptions {
  headers: string[];
  mapping: ImportMapping;
  /** Date-only and zone-less values are read in this time zone (the organisation's). */
  timeZone: string;
  now: Date;
  /** Dates already read in this file (real files repeat few distinct dates): saves most of the parsing. */
  dateCache?: Map<string, Date | null>;
}

const byLabel = <K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) => {
  const m = new Map<string, K>();
  for (const [k, label] of Object.entries(labels) as [K, string][]) {
    m.set(squash(k), k);
    m.set(squash(label), k);
  }
  for (const [k, v] of Object.entries(extra)) m.set(squash(k), v);
  return m;
};

const KIND_VALUES = byLabel(CASE_KINDS, { enquiry: 'enquiry', inquiry: 'enquiry', need: 'enquiry' });
const CUSTOMER_TYPE_VALUES = byLabel(CUSTOMER_TYPES, {
  consumer: 'individual',
  person: 'individual',
  business: 'corporate',
  company: 'corporate',
});
/** Channel names of other systems. Referral (passed on by another body) arrives electronically: api. */
const CHANNEL_VALUES = byLabel(CHANNELS, {
  'postal mail': 'letter',
  mail: 'letter',
  post: 'letter',
  fax: 'letter',
  referral: 'api',
  'e mail': 'email',
  telephone: 'phone',
  'walk in': 'in_person',
  'web form': 'web',
  website: 'web',
  online: 'web',
});

/**
 * Outcome values: ours (key or label), and the CFPB's "Company response to consumer". "In progress" was
 * answered but not finished when exported: it comes in as responded, without an outcome.
 */
const OUTCOME_VALUES = new Map<string, { status: 'closed' | 'responded'; outcome: Outcome | null }>([
  ...(Object.entries(OUTCOMES) as [Outcome, string][]).flatMap(([k, label]) => [
    [squash(k), { status: 'closed' as const, outcome: k }] as const,
    [squash(label), { status: 'closed' as const, outcome: k }] as const,
  ]),
  ['closed with monetary relief', { status: 'closed', outcome: 'upheld' }],
  ['closed with relief', { status: 'closed', outcome: 'upheld' }],
  ['closed with non monetary relief', { status: 'closed', outcome: 'partly_upheld' }],
  ['closed with explanation', { status: 'closed', outcome: 'not_upheld' }],
  ['closed without relief', { status: 'closed', outcome: 'not_upheld' }],
  ['closed', { status: 'closed', outcome: null }],
  ['untimely response', { status: 'closed', outcome: null }],
  ['in progress', { status: 'responded', outcome: null }],
]);

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const NOT_KNOWN = new Set(['', 'n a', 'na', 'unknown']);
const emailCheck = z.email();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})( (\d{1,2}):(\d{2})(:(\d{2}))?)?$/;

/** A date in one of the accepted shapes, read in the time zone when it names none; null if it is not one. */
export function parseDate(value: string, dateOrder: 'dmy' | 'mdy', timeZone: string): Date | null {
  const v = value.trim();
  let dt: DateTime | null = null;
  if (ISO_DATE.test(v)) dt = DateTime.fromISO(v.replace(' ', 'T'), { zone: timeZone, setZone: false });
  else {
    const m = SLASH_DATE.exec(v);
    if (m) {
      const [a, b] = [Number(m[1]), Number(m[2])];
      const [day, month] = dateOrder === 'dmy' ? [a, b] : [b, a];
      dt = DateTime.fromObject(
        {
          year: Number(m[3]),
          month,
          day,
          hour: m[5] ? Number(m[5]) : 0,
          minute: m[6] ? Number(m[6]) : 0,
          second: m[8] ? Number(m[8]) : 0,
        },
        { zone: timeZone },
      );
    }
  }
  if (!dt || !dt.isValid || dt.year < 1900) return null;
  return dt.toJSDate();
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Reads one data row. Every problem of the row is named, not only the first. */
export function convertRow(values: string[], options: ConvertOptions): RowResult {
  const { headers, mapping, timeZone, now, dateCache } = options;
  const problems: RowProblem[] = [];
  const at = new Map<ImportTarget, { value: string; column: string }>();
  const notes: string[] = [];
  const columnName = (i: number) => headers[i]?.trim() || `Column ${i + 1}`;
  if (values.length > headers.length && values.slice(headers.length).some((v) => v.trim() !== ''))
    problems.push({
      column: null,
      reason: `the row has ${values.length} values but the header has ${headers.length} columns`,
    });
  mapping.columns.forEach((target, i) => {
    if (target === 'ignore') return;
    const value = (values[i] ?? '').trim();
    if (target === 'note') {
      if (value) notes.push(`${columnName(i)}: ${value}`);
      return;
    }
    at.set(target, { value, column: columnName(i) });
  });
  const text = (t: ImportTarget) => at.get(t)?.value ?? '';
  const col = (t: ImportTarget) => at.get(t)?.column ?? null;
  const problem = (t: ImportTarget, reason: string) => problems.push({ column: col(t), reason });

  const externalId = text('externalId');
  if (!externalId) problem('externalId', 'the external id is empty');
  else if (externalId.length > LIMITS.name) problem('externalId', `is longer than ${LIMITS.name} characters`);

  const date = (t: ImportTarget, required: boolean): Date | null => {
    const v = text(t);
    if (!v) {
      if (required) problem(t, 'the date is empty');
      return null;
    }
    let d = dateCache?.get(v);
    if (d === undefined) {
      d = parseDate(v, mapping.dateOrder, timeZone);
      if (dateCache) {
        if (dateCache.size >= 20_000) dateCache.clear();
        dateCache.set(v, d);
      }
    }
    if (!d) {
      problem(
        t,
        `“${clip(v, 40)}” is not a date (use YYYY-MM-DD or ${mapping.dateOrder === 'dmy' ? 'D/M/YYYY' : 'M/D/YYYY'})`,
      );
      return null;
    }
    if (d.getTime() > now.getTime()) {
      problem(t, `${v} is in the future`);
      return null;
    }
    return d;
  };
  const receivedAt = date('receivedAt', true);
  const acknowledgedAt = date('acknowledgedAt', false);
  const closedAt = date('closedAt', false);
  if (receivedAt && acknowledgedAt && acknowledgedAt < receivedAt)
    problem('acknowledgedAt', 'is before the date received');
  if (receivedAt && closedAt && closedAt < receivedAt) problem('closedAt', 'is before the date received');

  const pick = <K>(t: ImportTarget, values: Map<string, K>, fallback: K, what: string): K => {
    const v = text(t);
    if (!v) return fallback;
    const hit = values.get(squash(v));
    if (hit === undefined) {
      problem(t, `“${clip(v, 40)}” is not a known ${what}`);
      return fallback;
    }
    return hit;
  };
  const kind = pick<CaseKind>('kind', KIND_VALUES, 'complaint', 'kind');
  const customerType = pick<CustomerType>(
    'customerType',
    CUSTOMER_TYPE_VALUES,
    'individual',
    'customer type',
  );
  // An unknown channel is kept as "import" rather than losing the row.
  const channel = CHANNEL_VALUES.get(squash(text('channel'))) ?? 'import';
  const outcomeText = text('outcome');
  const result = pick('outcome', OUTCOME_VALUES, { status: 'closed' as const, outcome: null }, 'outcome');
  const yesNo = (t: ImportTarget): boolean | null => {
    const v = squash(text(t));
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    if (!NOT_KNOWN.has(v)) problem(t, `“${clip(text(t), 40)}” is not yes or no`);
    return null;
  };
  const timely = yesNo('timely');
  const disputed = yesNo('disputed');

  const email = text('customerEmail').toLowerCase();
  if (email && !emailCheck.safeParse(email).success)
    problem('customerEmail', `“${clip(email, 60)}” is not an email address`);

  const category = text('category') || null;
  const subcategory = text('subcategory') || null;
  if (subcategory && !category) problem('category', 'is empty, but the row has a subcategory');
  const areaName = at.has('areaName') ? text('areaName') : null;
  if (areaName === '') problem('areaName', 'the business area is empty');

  const subject = clip(
    text('subject') || subcategory || category || text('description').split('\n')[0] || 'Imported case',
    LIMITS.shortText,
  );
  // An empty narrative falls back to the subject (the issue), so every case says what it was about.
  let description = text('description') || subject;
  if (notes.length) description += `\n\n${notes.join('\n')}`;
  if (description.length > IMPORT_LIMITS.descriptionChars)
    problem('description', `is longer than ${IMPORT_LIMITS.descriptionChars} characters`);

  if (problems.length || !receivedAt) return { ok: false, problems };
  const respondedAt = closedAt ?? acknowledgedAt ?? receivedAt;
  return {
    ok: true,
    value: {
      externalId,
      receivedAt,
      kind,
      areaName,
      category: category && clip(category, LIMITS.name),
      subcategory: subcategory && clip(subcategory, LIMITS.name),
      channel,
      subject,
      description,
      desiredOutcome: clip(text('desiredOutcome'), LIMITS.longText),
      concernsProduct: clip(text('concernsProduct'), LIMITS.shortText),
      customerName: clip(text('customerName'), LIMITS.name),
      customerEmail: email ? email : null,
      customerPhone: text('customerPhone') || null,
      customerType,
      customerOrganisation: clip(text('customerOrganisation'), LIMITS.name),
      status: result.status,
      acknowledgedAt,
      respondedAt,
      closedAt: result.status === 'closed' ? respondedAt : null,
      outcome: result.outcome,
      outcomeReason: clip(outcomeText, LIMITS.shortText),
      timely,
      disputed,
    },
  };
}
