// Realistic sample cases for the sample organisation: 18 months of complaints, compliments, suggestions and
// enquiries in every area, each with a timeline consistent with its status, so the queue, the case page and
// later analysis have something true-to-life to show. Deterministic apart from references (drawn like real ones)
// and the dates, which are relative to the clock's "now".
import { sql } from 'drizzle-orm';
import type { CaseKind, CaseStatus, Channel, NeedType, Outcome, Priority } from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import { newCaseReference } from '../cases/index.js';
import type { Random } from './random.js';
import {
  COMMON_TOKENS,
  COMPANIES,
  CUSTOMER_FIRST,
  CUSTOMER_LAST,
  OUTCOME_REASONS,
  PHONES,
  PROFILES,
  ROOT_CAUSES_BY_CATEGORY,
  type Template,
} from './sample-case-texts.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The sample's history: 18 "months" of 30 days each, counted back from now (month 0 is the last 30 days). */
export const SAMPLE_HISTORY_MONTHS = 18;
export const SAMPLE_MONTH_DAYS = 30;

/**
 * The rise planted for analysis to find: in the Online store, complaints about late delivery (category
 * "Late delivery" under "Products not delivered on time") run at about 3 times their earlier monthly rate in
 * the last 3 months (the last 90 days), as if a courier partner had started failing. Every other area and
 * category keeps a steady rate (within ordinary variation), so a trend or control chart should flag this
 * pair and no other.
 */
export const SAMPLE_PLANTED_RISE = {
  areaCode: 'WEB',
  areaName: 'Online store',
  categoryName: 'Late delivery',
  parentCategoryName: 'Products not delivered on time',
  /** The rise covers the last `months` months of SAMPLE_MONTH_DAYS days. */
  months: 3,
  /** Complaints per month in the rise ÷ the earlier monthly mean. */
  factor: 3,
} as const;

/** The staff of one sample area, as created by loadSampleOrganisation. */
export interface SampleAreaStaff {
  areaId: string;
  code: string;
  teamIds: string[];
  supervisorId: string;
  officers: { id: string; teamId: string }[];
}

export interface SampleCasesInput {
  now: Date;
  areas: SampleAreaStaff[];
}

// ---------------------------------------------------------------------------------------------------------

interface ResolutionRow {
  id: string;
  caseId: string;
  actions: { type: string; amountCents: number; note: string }[];
  totalCents: number;
  summary: string;
  status: 'approved' | 'pending_approval';
  withinAuthority: boolean;
  proposedBy: string;
  proposedAt: Date;
  approverId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

interface StepRow {
  caseId: string;
  step: string;
  doneAt: Date;
  doneBy: string;
}

const OFFICER_LIMIT_CENTS = 100_00;
const STAFF_ENTRY: Channel[] = ['phone', 'counter', 'in_person', 'letter', 'email'];
const FIRST_CONTACT_CHANNELS: Channel[] = ['phone', 'counter', 'in_person'];
const sydneyHour = new Intl.DateTimeFormat('en-AU', {
  timeZone: 'Australia/Sydney',
  hour: 'numeric',
  hourCycle: 'h23',
});

function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The first item whose cumulative share exceeds r (r in [0, 1)). */
function byShare<T>(r: number, shares: [T, number][]): T {
  let sum = 0;
  for (const [item, share] of shares) {
    sum += share;
    if (r < sum) return item;
  }
  return shares[shares.length - 1]![0];
}

function uuidFrom(rng: Random): string {
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Inserts the sample cases with their timelines, resolutions and handling steps, in bulk, inside the setup
 * transaction. Returns how many cases it made. No deadline clocks: the history is closed, and open cases keep
 * the default (no deadline) until the cases service starts clocks for them.
 */
export async function insertSampleCases(tx: Db, rng: Random, input: SampleCasesInput): Promise<number> {
  const now = input.now.getTime();
  const res = await tx.execute(sql`SELECT id, name FROM case_categories WHERE parent_id IS NOT NULL`);
  const categories = (res as unknown as { rows: { id: string; name: string }[] }).rows;
  const categoryId = new Map(categories.map((c) => [c.name, c.id]));

  const caseRows: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const resolutions: ResolutionRow[] = [];
  const steps: StepRow[] = [];
  const references = new Set<string>();

  const fill = (text: string, tokens: Record<string, string>) =>
    text.replace(/\{(\w+)\}/g, (_m, k: string) => tokens[k] ?? k);

  for (const area of input.areas) {
    const profile = PROFILES[area.code];
    if (!profile) continue;
    // Error diffusion across months keeps each category's monthly count at its share ±1, so only the planted
    // rise stands out; the area's monthly total still varies a little.
    const carry = new Map<Template, number>();
    const totalWeight = profile.complaints.reduce((s, t) => s + t.weight, 0);
    for (let month = SAMPLE_HISTORY_MONTHS - 1; month >= 0; month--) {
      const volume = profile.complaintsPerMonth * (0.92 + rng.next() * 0.16);
      const plan: {
        kind: CaseKind;
        template?: Template;
        other?: string[];
        need?: [NeedType, string, string];
      }[] = [];
      for (const t of profile.complaints) {
        const exact = (volume * t.weight) / totalWeight + (carry.get(t) ?? 0);
        let n = Math.round(exact);
        carry.set(t, exact - n);
        if (
          area.code === SAMPLE_PLANTED_RISE.areaCode &&
          t.category === SAMPLE_PLANTED_RISE.categoryName &&
          month < SAMPLE_PLANTED_RISE.months
        ) {
          n += Math.round(
            ((SAMPLE_PLANTED_RISE.factor - 1) * (profile.complaintsPerMonth * t.weight)) / totalWeight,
          );
        }
        for (let i = 0; i < n; i++) plan.push({ kind: 'complaint', template: t });
      }
      const others = Math.max(0, profile.otherPerMonth + rng.int(-2, 2));
      for (let i = 0; i < others; i++) {
        const kind = weighted<CaseKind>(rng, [
          ['compliment', 4],
          ['suggestion', 3],
          ['enquiry', 3],
        ]);
        if (kind === 'enquiry') plan.push({ kind, need: rng.pick(profile.enquiries) });
        else
          plan.push({
            kind,
            other: rng.pick(kind === 'compliment' ? profile.compliments : profile.suggestions),
          });
      }
      for (const p of plan) {
        const tokens: Record<string, string> = {
          order: `WS-${rng.int(100_000, 999_999)}`,
          days: String(rng.int(3, 12)),
          minutes: String(rng.int(25, 75)),
          room: String(rng.int(1, 14) * 100 + rng.int(1, 30)),
          amount: `$${rng.int(19, 420)}.${String(rng.int(0, 19) * 5).padStart(2, '0')}`,
        };
        for (const [k, pool] of Object.entries({ ...COMMON_TOKENS, ...profile.tokens }))
          tokens[k] = rng.pick(pool);
        // Age within the month, kept half a day from its edges so the time-of-day shift below stays inside it.
        const ageDays =
          month * SAMPLE_MONTH_DAYS + (month === 0 ? 0.02 : 0.6) + rng.next() * (SAMPLE_MONTH_DAYS - 1.2);
        buildCase(p, tokens, ageDays);
      }
    }

    function buildCase(
      p: { kind: CaseKind; template?: Template; other?: string[]; need?: [NeedType, string, string] },
      tokens: Record<string, string>,
      ageDays: number,
    ) {
      const channel = weighted(rng, profile!.channels);
      let receivedAt = now - ageDays * DAY;
      // People walk in and phone during the day; web forms and email arrive at any hour.
      if (['counter', 'in_person', 'phone'].includes(channel)) {
        const hour = Number(sydneyHour.format(new Date(receivedAt)));
        if (hour < 8 || hour >= 20) receivedAt += (ageDays % SAMPLE_MONTH_DAYS > 0.55 ? 1 : -1) * 12 * HOUR;
      }
      receivedAt = Math.min(receivedAt, now - 10 * MINUTE);
      const span = now - receivedAt;

      const officer = rng.pick(area.officers);
      let concernsUserId: string | null = null;
      if (p.template?.aboutStaff && rng.next() < 0.6) {
        concernsUserId = officer.id;
      }
      const handlers = area.officers.filter((o) => o.id !== concernsUserId);
      const handler = rng.pick(handlers);
      const isComplaint = p.kind === 'complaint';
      const template = p.template;
      const firstContact =
        isComplaint && FIRST_CONTACT_CHANNELS.includes(channel) && rng.next() < 0.3 && !concernsUserId;

      // The status this case has reached, by its age (decided from the sampled age, so two setups agree).
      let status: CaseStatus;
      let dispute: 'none' | 'review' | 'referred' = 'none';
      let reopened = false;
      const r = rng.next();
      if (firstContact) status = 'closed';
      else if (!isComplaint) {
        status =
          ageDays < 1 ? 'received' : ageDays < 6 ? (r < 0.5 ? 'acknowledged' : 'investigating') : 'closed';
      } else if (ageDays < 1) status = r < 0.5 ? 'received' : 'acknowledged';
      else if (ageDays < 3)
        status = r < 0.3 ? 'acknowledged' : r < 0.8 ? 'investigating' : 'awaiting_customer';
      else if (ageDays < 14)
        status = byShare(r, [
          ['investigating', 0.3],
          ['awaiting_customer', 0.14],
          ['resolution_proposed', 0.12],
          ['awaiting_approval', 0.08],
          ['responded', 0.2],
          ['closed', 0.16],
        ]);
      else if (ageDays < 45) {
        status = byShare(r, [
          ['investigating', 0.1],
          ['awaiting_customer', 0.05],
          ['responded', 0.2],
          ['under_review', 0.06],
          ['reopened', 0.05],
          ['closed', 0.54],
        ]);
        if (status === 'under_review') dispute = 'review';
      } else if (ageDays < 120) {
        status = r < 0.03 ? 'under_review' : r < 0.05 ? 'referred_external' : 'closed';
        if (status === 'under_review') dispute = 'review';
        if (status === 'referred_external') dispute = 'referred';
      } else {
        status = r < 0.015 ? 'referred_external' : 'closed';
        if (status === 'referred_external') dispute = 'referred';
      }
      if (status === 'reopened') reopened = true;
      if (status === 'closed' && isComplaint && !firstContact) {
        const h = rng.next();
        if (ageDays > 60 && h < 0.04) dispute = 'review';
        else if (ageDays > 60 && h < 0.06) dispute = 'referred';
        else if (ageDays > 30 && h < 0.1) reopened = true;
      }

      let outcome: Outcome | null = null;
      if (status === 'closed' || status === 'under_review' || status === 'referred_external' || reopened) {
        outcome = !isComplaint
          ? 'no_further_action'
          : firstContact
            ? 'resolved_first_contact'
            : weighted<Outcome>(rng, [
                ['upheld', 38],
                ['partly_upheld', 25],
                ['not_upheld', 27],
                ['withdrawn', 10],
              ]);
        if ((dispute !== 'none' || reopened) && outcome === 'withdrawn') outcome = 'not_upheld';
      }

      // The customer.
      const first = rng.pick(CUSTOMER_FIRST);
      const last = rng.pick(CUSTOMER_LAST);
      const corporate = rng.next() < 0.06;
      const hasEmail = channel !== 'letter' && (channel !== 'phone' || rng.next() < 0.7);
      const email = hasEmail
        ? `${first}.${last}${rng.int(1, 99)}@sample.verity.example`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
        : null;
      const phone = !hasEmail || rng.next() < 0.5 ? rng.pick(PHONES) : null;

      const id = uuidFrom(rng);
      let reference = newCaseReference(new Date(receivedAt));
      while (references.has(reference)) reference = newCaseReference(new Date(receivedAt));
      references.add(reference);

      const priority = weighted<Priority>(rng, [
        ['low', isComplaint ? 15 : 60],
        ['medium', 55],
        ['high', isComplaint ? 24 : 4],
        ['urgent', isComplaint ? 6 : 0],
      ]);
      const severity = { low: 'minor', medium: 'moderate', high: 'major', urgent: 'severe' }[priority];
      const staffEntered =
        STAFF_ENTRY.includes(channel) && channel !== 'email' ? true : channel === 'email' && rng.next() < 0.5;
      const createdBy = staffEntered ? handler.id : null;
      const assigned = status !== 'received' || rng.next() < 0.4;

      // The story, as offsets from receivedAt; scaled down below if it would run past now.
      const story: {
        off: number;
        type: string;
        actor: string | null;
        body: string;
        data: Record<string, unknown>;
      }[] = [];
      let t = 0;
      let prev = 'received' as CaseStatus;
      const supervisor = area.supervisorId;
      const add = (
        dt: number,
        type: string,
        actor: string | null,
        body = '',
        data: Record<string, unknown> = {},
      ) => {
        t += dt;
        story.push({ off: t, type, actor, body, data });
        return t;
      };
      const move = (
        dt: number,
        to: CaseStatus,
        actor: string | null,
        extra: Record<string, unknown> = {},
        body = '',
      ) => {
        const at = add(dt, 'status', actor, body, { from: prev, to, ...extra });
        prev = to;
        return at;
      };
      let customerAccepted: boolean | null = null;
      let externalBody: string | null = null;
      let externalReference = '';
      let closingReason = '';
      const caseSteps: StepRow[] = [];
      const mark: Partial<Record<'ack' | 'first' | 'responded' | 'closed', number>> = {};
      const subject = template ? fill(template.subject, tokens) : p.need ? p.need[1] : p.other![0]!;
      const description = template
        ? fill(template.description, tokens)
        : fill(p.need ? p.need[2] : p.other![1]!, tokens);

      add(0, 'created', createdBy, '', { channel, reference, kind: p.kind });
      if (assigned)
        add(rng.int(1, 90) * MINUTE, 'assigned', createdBy ?? supervisor, '', { from: null, to: handler.id });

      const proposed: { resolution: ResolutionRow | null } = { resolution: null };
      const proposeResolution = (pending: boolean) => {
        const kind = weighted(rng, [
          ['refund', 5],
          ['credit', 3],
          ['replacement', area.code === 'WEB' ? 3 : 0],
          ['apology', 2],
        ] as const);
        const amount = kind === 'apology' ? 0 : rng.int(2, pending ? 45 : 30) * 1000 + rng.int(0, 19) * 50;
        const total = pending ? Math.max(amount, OFFICER_LIMIT_CENTS + 5_00) : amount;
        const actions = [
          { type: kind, amountCents: total, note: '' },
          ...(kind !== 'apology' ? [{ type: 'apology', amountCents: 0, note: '' }] : []),
        ];
        const within = total <= OFFICER_LIMIT_CENTS;
        const summary =
          kind === 'refund'
            ? `Apologise and refund $${(total / 100).toFixed(2)}.`
            : kind === 'credit'
              ? `Apologise and credit $${(total / 100).toFixed(2)} to the customer's account.`
              : kind === 'replacement'
                ? 'Apologise and send a replacement by express post.'
                : 'Apologise and explain what we have changed.';
        const rid = uuidFrom(rng);
        const proposedOff = add(rng.int(2, 48) * HOUR, 'resolution_proposed', handler.id, summary, {
          resolutionId: rid,
          totalCents: total,
        });
        const resolution: ResolutionRow = {
          id: rid,
          caseId: id,
          actions,
          totalCents: total,
          summary,
          status: within || !pending ? 'approved' : 'pending_approval',
          withinAuthority: within,
          proposedBy: handler.id,
          proposedAt: new Date(proposedOff),
          approverId: within ? null : supervisor,
          decidedBy: within ? null : supervisor,
          decidedAt: null,
          decisionReason: null,
        };
        if (!within) {
          add(MINUTE, 'approval_requested', handler.id, '', { resolutionId: rid, approverId: supervisor });
          if (pending) move(MINUTE, 'awaiting_approval', handler.id);
          else {
            const decided = add(rng.int(1, 30) * HOUR, 'approved', supervisor, 'Approved.', {
              resolutionId: rid,
            });
            resolution.decidedAt = new Date(decided);
            resolution.decisionReason = 'Approved.';
          }
        }
        if (within || !pending) move(MINUTE, 'resolution_proposed', handler.id);
        proposed.resolution = resolution;
      };

      const respond = (body: string) => {
        const at = add(rng.int(1, 72) * HOUR, 'message_out', handler.id, body, {
          subject: `The outcome of your complaint — ${reference}`,
        });
        move(MINUTE, 'responded', handler.id);
        mark.responded = at;
        mark.first ??= at;
      };
      const close = (o: Outcome, dt: number) => {
        closingReason = rng.pick(OUTCOME_REASONS[o]);
        mark.closed = move(dt, 'closed', handler.id, { outcome: o }, closingReason);
      };

      if (firstContact) {
        let stepAt = 0;
        for (const step of ['attend', 'listen', 'acknowledge', 'apologise', 'resolve', 'thank']) {
          stepAt = add(rng.int(1, 4) * MINUTE, 'handling_step', handler.id, '', { step });
          // An offset for now; moved to the real time with the rest of the story below.
          caseSteps.push({ caseId: id, step, doneAt: new Date(stepAt), doneBy: handler.id });
        }
        mark.ack = mark.first = mark.responded = stepAt;
        close('resolved_first_contact', MINUTE);
      } else if (status !== 'received') {
        mark.ack = move(rng.int(5, 600) * MINUTE, 'acknowledged', handler.id);
        if (email)
          add(0, 'message_out', null, 'Acknowledgement sent.', {
            subject: `We have received your feedback — ${reference}`,
            template: 'acknowledgement',
          });
        const reachedInvestigation = status !== 'acknowledged';
        if (reachedInvestigation) {
          move(rng.int(1, 24) * HOUR, 'investigating', handler.id);
          if (!isComplaint) {
            if (status === 'closed') {
              mark.first = mark.responded = add(
                rng.int(2, 72) * HOUR,
                'message_out',
                handler.id,
                'Thank you for your feedback; we have passed it on to the team.',
                { subject: `Thank you — ${reference}` },
              );
              close('no_further_action', rng.int(1, 48) * HOUR);
            }
          } else {
            const askCustomer = status === 'awaiting_customer' || rng.next() < 0.25;
            if (askCustomer) {
              mark.first = add(
                rng.int(2, 48) * HOUR,
                'message_out',
                handler.id,
                'Could you send us your booking or order details and any photos?',
                {
                  subject: `We need a little more information — ${reference}`,
                  template: 'request_information',
                },
              );
              move(MINUTE, 'awaiting_customer', handler.id);
              if (status !== 'awaiting_customer') {
                add(rng.int(4, 96) * HOUR, 'message_in', null, 'Here are the details you asked for.');
                move(rng.int(1, 8) * HOUR, 'investigating', handler.id);
              }
            } else if (status !== 'investigating' || rng.next() < 0.5) {
              mark.first = add(
                rng.int(2, 48) * HOUR,
                'message_out',
                handler.id,
                'We are looking into this and will be in touch shortly.',
                { subject: `An update on your feedback — ${reference}`, template: 'update' },
              );
            }
            if (status === 'awaiting_approval') proposeResolution(true);
            else if (status === 'resolution_proposed') proposeResolution(false);
            else if (!['investigating', 'awaiting_customer'].includes(status)) {
              if (outcome === 'withdrawn') {
                add(
                  rng.int(1, 10) * DAY,
                  'message_in',
                  null,
                  'Please close my complaint; it has been sorted out.',
                );
                close('withdrawn', rng.int(1, 24) * HOUR);
              } else {
                const award =
                  (outcome === 'upheld' ||
                    outcome === 'partly_upheld' ||
                    (status === 'responded' && rng.next() < 0.5)) &&
                  rng.next() < 0.6;
                if (award) proposeResolution(false);
                respond(
                  outcome === 'not_upheld'
                    ? 'We have looked into this carefully and explain below why we are unable to uphold your complaint.'
                    : 'Thank you for raising this. We are sorry, and here is what we will do.',
                );
                if (status !== 'responded') {
                  if (dispute !== 'none') {
                    add(rng.int(1, 7) * DAY, 'customer_rejected', null, 'I do not accept this outcome.');
                    move(MINUTE, 'under_review', supervisor, {}, 'The customer disputes the outcome.');
                    customerAccepted = false;
                    if (dispute === 'referred') {
                      const body = rng.pick(['ombudsman', 'fair_trading', 'consumer_affairs'] as const);
                      const extRef = `${body === 'ombudsman' ? 'OMB' : body === 'fair_trading' ? 'OFT' : 'CA'}-${rng.int(10_000, 99_999)}`;
                      add(rng.int(2, 10) * DAY, 'referred', supervisor, '', {
                        externalBody: body,
                        externalReference: extRef,
                      });
                      move(MINUTE, 'referred_external', supervisor, {
                        externalBody: body,
                        externalReference: extRef,
                      });
                      externalBody = body;
                      externalReference = extRef;
                      customerAccepted = false;
                      if (status === 'closed') close(outcome!, rng.int(14, 40) * DAY);
                    } else if (status === 'closed') {
                      move(rng.int(1, 5) * DAY, 'investigating', supervisor);
                      respond('We have reviewed your complaint again; here is our final response.');
                      add(rng.int(1, 5) * DAY, 'customer_accepted', null, 'Thank you, I accept.');
                      customerAccepted = true;
                      close(outcome!, rng.int(1, 48) * HOUR);
                    }
                  } else {
                    const accepted = rng.next() < 0.8;
                    if (accepted)
                      add(rng.int(2, 96) * HOUR, 'customer_accepted', null, 'Thank you, that is fine.');
                    customerAccepted = accepted ? true : null;
                    close(outcome!, rng.int(1, 96) * HOUR);
                    if (reopened) {
                      add(rng.int(2, 14) * DAY, 'message_in', null, 'The problem has happened again.');
                      move(MINUTE, 'reopened', handler.id, {}, 'The customer reports the problem again.');
                      if (status === 'closed') {
                        move(rng.int(1, 24) * HOUR, 'investigating', handler.id);
                        respond('We have looked into this again and put it right.');
                        close(outcome!, rng.int(1, 72) * HOUR);
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      if (status === 'reopened' && prev !== 'reopened') throw new Error('sample: reopened story incomplete');
      if (prev !== status) throw new Error(`sample: story ended in ${prev}, planned ${status}`);

      // Fit the story into the time since the case was received.
      const factor = t > span * 0.95 ? (span * 0.95) / t : 1;
      const at = (off: number | undefined) =>
        off === undefined ? null : new Date(receivedAt + Math.floor(off * factor));
      for (const e of story)
        events.push({
          case_id: id,
          type: e.type,
          at: at(e.off),
          actor_id: e.actor,
          body: e.body,
          data: e.data,
        });
      for (const s of caseSteps) steps.push({ ...s, doneAt: at(s.doneAt.getTime())! });
      const res = proposed.resolution;
      if (res) {
        res.proposedAt = at(res.proposedAt.getTime())!;
        if (res.decidedAt) res.decidedAt = at(res.decidedAt.getTime());
        resolutions.push(res);
      }
      const isReopenedNow = status === 'reopened';
      const rootCause =
        outcome && isComplaint && outcome !== 'withdrawn' && !isReopenedNow
          ? outcome === 'not_upheld'
            ? rng.pick(['customer_expectation', 'customer_expectation', 'communication', 'policy'])
            : rng.pick(ROOT_CAUSES_BY_CATEGORY[template!.category] ?? ['process', 'system', 'communication'])
          : null;
      const finalOutcome = status === 'closed' ? outcome : null;
      caseRows.push({
        id,
        reference,
        kind: p.kind,
        need_type: p.need ? p.need[0] : null,
        area_id: area.areaId,
        team_id: assigned ? handler.teamId : rng.pick(area.teamIds),
        channel,
        status,
        priority,
        severity,
        category_id: template ? (categoryId.get(template.category) ?? null) : null,
        subject,
        description,
        desired_outcome: template ? fill(template.outcome, tokens) : '',
        customer_type: corporate ? 'corporate' : 'individual',
        customer_name: `${first} ${last}`,
        customer_organisation: corporate ? rng.pick(COMPANIES) : '',
        customer_email: email,
        customer_phone: phone,
        preferred_contact: email ? 'email' : phone ? 'phone' : 'letter',
        concerns_user_id: concernsUserId,
        concerns_product: template?.product ? fill(template.product, tokens) : '',
        assignee_id: assigned ? handler.id : null,
        created_by: createdBy,
        received_at: new Date(receivedAt),
        created_at: new Date(receivedAt),
        acknowledged_at: at(mark.ack),
        first_response_at: at(mark.first),
        responded_at: at(mark.responded),
        closed_at: status === 'closed' ? at(mark.closed) : null,
        outcome: finalOutcome,
        outcome_reason: finalOutcome ? closingReason : '',
        root_cause: status === 'closed' ? rootCause : null,
        resolved_first_contact: firstContact,
        customer_accepted: customerAccepted,
        reopen_count: reopened ? 1 : 0,
        dispute_count: dispute !== 'none' ? 1 : 0,
        external_body: externalBody,
        external_reference: externalReference,
        version: 1 + story.filter((e) => e.type === 'status' || e.type === 'assigned').length,
        updated_at: at(story[story.length - 1]!.off)!,
      });
    }
  }

  await insertRows(tx, 'cases', caseRows);
  await insertRows(tx, 'case_events', events);
  await insertRows(tx, 'case_resolutions', resolutions.map(snakeCase));
  await insertRows(tx, 'case_handling_steps', steps.map(snakeCase));
  return caseRows.length;
}

const snakeCase = (row: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );

/**
 * Bulk INSERTs of up to 1,000 rows, each chunk sent as one JSON parameter expanded by json_populate_recordset:
 * binding tens of thousands of separate parameters is what makes multi-row VALUES slow on PGlite.
 */
async function insertRows(tx: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = sql.raw(Object.keys(rows[0]!).join(', '));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = JSON.stringify(rows.slice(i, i + 1000));
    await tx.execute(
      sql`INSERT INTO ${sql.identifier(table)} (${columns})
          SELECT ${columns} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${chunk}::json)`,
    );
  }
}
