import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  MONEY_ACTIONS,
  TRANSITIONS,
  CASE_STATUSES,
  type assignSchema,
  type bulkSchema,
  type Case,
  type caseCreateSchema,
  caseIntakeSchema,
  type CaseIntake,
  CHANNELS,
  type CustomerCaseView,
  type CustomerStage,
  type CaseKind,
  type CaseClock,
  DEADLINE_KINDS,
  type DeadlineKind,
  type caseListQuery,
  type CaseStatus,
  type CaseSummary,
  type caseUpdateSchema,
  type Channel,
  type customerDecisionSchema,
  type customerMessageSchema,
  type decisionSchema,
  type DeadlineState,
  type HandlingStep,
  type messageSchema,
  type NeedType,
  type Outcome,
  type Priority,
  type proposeResolutionSchema,
  type receivedCorrectionSchema,
  type Resolution,
  type sendResponseSchema,
  type Severity,
  type TimelineEntry,
  type transitionSchema,
} from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import { auditAppended, auditRow, diffFields, writeAudit } from '../../platform/audit.js';
import {
  actorOf,
  canSeeArea,
  type ActorStamp,
  type Principal,
  type RequestContext,
} from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import {
  AppError,
  notFound,
  isUniqueViolation,
  staleVersion,
  validationError,
  type FieldError,
} from '../../platform/errors.js';
import type { CaseEvents } from '../../platform/events.js';
import { MAIL_QUEUE, newMessageId, queueMail, type MailMessage } from '../../platform/mail.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import { z as zod } from 'zod';
import type { DeadlineClocks } from '../deadlines/index.js';
import { replyAddressFor, trackingUrl, withCaseLinks } from '../mail-in/index.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './cases.repo.js';
import type { CaseCatalogue } from './catalogue.service.js';
import { CaseWriter, loadSnapshot, type PlannedCase, type RecordingSnapshot } from './recording.js';
import { newCaseReference, normaliseReference } from './reference.js';
import { renderTemplate, type TemplateValues } from './templates.js';

type CaseRow = repo.CaseRow;
type Tx = Db;

const dueCursor = zod.tuple([zod.string().max(40), zod.uuid()]);

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sortDueIso = (d: Date) => (Number.isFinite(d.getTime()) ? d.toISOString() : null);

/** "Jane Citizen" -> "J••• C•••": enough to tell cases apart in a list without revealing the person. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]}•••`)
    .join(' ');
}

// Building an Intl format takes far longer than using one: keep one per locale and zone or currency.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();
function letterDateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f)
    dateFormats.set(
      key,
      (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone })),
    );
  return f;
}
function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) moneyFormats.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return f;
}

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(
  deps: Deps,
  organisation: OrganisationService,
  clocks: DeadlineClocks,
  catalogue: CaseCatalogue,
  events: CaseEvents,
) {
  const { db, clock, config } = deps;
  const mailDomain = new URL(config.publicUrl).hostname || 'verity.local';

  const can = (p: Principal, perm: string) => p.permissions.has(perm);
  const seesPersonal = (p: Principal) => can(p, 'cases:personal');

  function publish(
    row: { id: string; areaId: string; version: number },
    type: string,
    actorId: string | null,
  ) {
    events.publish({
      caseId: row.id,
      areaId: row.areaId,
      version: row.version,
      type,
      actorId,
      at: clock.now().toISOString(),
    });
  }

  // ----------------------------------------------------------------------------------------------------
  // Reading

  async function loadVisible(handle: Db, p: Principal, id: string, forUpdate = false): Promise<CaseRow> {
    const row = await repo.findCase(handle, id, forUpdate);
    if (!row || !canSeeArea(p, row.areaId)) throw notFound('Case');
    return row;
  }

  function toSummary(row: repo.CaseListRow | CaseRow, p: Principal): CaseSummary {
    const personal = seesPersonal(p);
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind as CaseKind,
      status: row.status as CaseStatus,
      priority: row.priority as Priority,
      subject: row.subject,
      channel: row.channel as Channel,
      area: { id: row.areaId, name: row.areaName },
      team: row.teamId ? { id: row.teamId, name: row.teamName ?? '' } : null,
      category: row.categoryId
        ? { id: row.categoryId, name: row.categoryName ?? '', parentName: row.categoryParentName }
        : null,
      assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
      customerName: personal ? row.customerName : maskName(row.customerName),
      customerMasked: !personal,
      receivedAt: row.receivedAt.toISOString(),
      nextDueAt: sortDueIso(row.sortDue),
      deadlineState: row.deadlineState as DeadlineState,
      escalated: row.escalated,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  function resolutionDto(r: repo.ResolutionRow | undefined): Resolution | null {
    if (!r) return null;
    return {
      id: r.id,
      actions: r.actions as Resolution['actions'],
      totalCents: r.totalCents,
      summary: r.summary,
      status: r.status as Resolution['status'],
      withinAuthority: r.withinAuthority,
      proposedBy: { id: r.proposedBy, name: r.proposedByName },
      proposedAt: r.proposedAt.toISOString(),
      approver: r.approverId ? { id: r.approverId, name: r.approverName ?? '' } : null,
      decidedBy: r.decidedBy ? { id: r.decidedBy, name: r.decidedByName ?? '' } : null,
      decidedAt: iso(r.decidedAt),
      decisionReason: r.decisionReason,
    };
  }

  function allowedTransitions(row: CaseRow): CaseStatus[] {
    return TRANSITIONS[row.status as CaseStatus] ?? [];
  }

  async function toCase(
    handle: Db,
    row: CaseRow,
    p: Principal,
    known?: { steps: Awaited<ReturnType<typeof repo.handlingSteps>>; clocks: CaseClock[] },
  ): Promise<Case> {
    // One after another: a transaction's connection runs one query at a time. A case just recorded has
    // no resolution, and its steps and clocks are known.
    const resolution = known ? undefined : await repo.latestResolution(handle, row.id);
    const steps = known ? known.steps : await repo.handlingSteps(handle, row.id);
    const caseClocks = known ? known.clocks : await clocks.clocksOf(handle, row.id);
    const personal = seesPersonal(p);
    const update = can(p, 'cases:update');
    const status = row.status as CaseStatus;
    const isConcerned = row.concernsUserId === p.userId;
    const res = resolutionDto(resolution);
    return {
      ...toSummary(row, p),
      needType: row.needType as NeedType | null,
      severity: row.severity as Severity,
      description: row.description,
      desiredOutcome: row.desiredOutcome,
      customer: {
        type: row.customerType as Case['customer']['type'],
        name: personal ? row.customerName : maskName(row.customerName),
        organisation: row.customerOrganisation,
        email: personal ? row.customerEmail : null,
        phone: personal ? row.customerPhone : null,
        preferredContact: row.preferredContact as Case['customer']['preferredContact'],
        masked: !personal,
      },
      helpNeeded: row.helpNeeded,
      concernsUser: row.concernsUserId ? { id: row.concernsUserId, name: row.concernsUserName ?? '' } : null,
      concernsProduct: row.concernsProduct,
      createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
      acknowledgedAt: iso(row.acknowledgedAt),
      firstResponseAt: iso(row.firstResponseAt),
      respondedAt: iso(row.respondedAt),
      closedAt: iso(row.closedAt),
      outcome: row.outcome as Outcome | null,
      outcomeReason: row.outcomeReason,
      rootCause: row.rootCause as Case['rootCause'],
      resolvedAtFirstContact: row.resolvedFirstContact,
      customerAccepted: row.customerAccepted,
      reopenCount: row.reopenCount,
      disputeCount: row.disputeCount,
      externalBody: row.externalBody as Case['externalBody'],
      externalReference: row.externalReference,
      handlingSteps: steps.map((s) => ({
        step: s.step as HandlingStep,
        doneAt: s.doneAt.toISOString(),
        by: s.by,
      })),
      resolution: res,
      clocks: caseClocks,
      allowed: {
        transitions: update ? allowedTransitions(row) : [],
        update,
        assign: can(p, 'cases:assign') || (update && !row.assigneeId && !isConcerned),
        propose: can(p, 'cases:resolve') && PROPOSE_FROM.includes(status),
        approve:
          can(p, 'cases:approve') &&
          !isConcerned &&
          res?.status === 'pending_approval' &&
          res.proposedBy.id !== p.userId &&
          p.authorityLimitCents >= res.totalCents,
        respond:
          can(p, 'cases:resolve') && RESPOND_FROM.includes(status) && (!res || res.status === 'approved'),
        recordCustomerDecision:
          update && (status === 'responded' || status === 'closed') && row.customerAccepted === null,
        viewPersonal: personal,
      },
      authorityLimitCents: p.authorityLimitCents,
    };
  }

  async function get(ctx: RequestContext, id: string): Promise<Case> {
    const p = principalOf(ctx);
    const row = await loadVisible(db, p, id);
    if (seesPersonal(p) && (row.customerName || row.customerEmail || row.customerPhone)) {
      const now = clock.now();
      const seenToday = await repo.viewedPersonalSince(
        db,
        row.id,
        p.userId,
        new Date(now.getTime() - 86_400_000),
      );
      await db.transaction(async (tx) => {
        await repo.logPersonalAccess(tx, row.id, p.userId, now, 'case.view');
        // The timeline says who looked, once a day per person, so it stays readable.
        if (!seenToday)
          await repo.appendEvent(tx, {
            caseId: row.id,
            type: 'personal_access',
            at: now,
            actorId: p.userId,
            body: 'Viewed the customer’s personal details',
          });
      });
    }
    return toCase(db, row, p);
  }

  async function getByReference(ctx: RequestContext, reference: string): Promise<Case> {
    const p = principalOf(ctx);
    const id = await repo.findCaseIdByReference(db, normaliseReference(reference));
    if (!id) throw notFound('Case');
    await loadVisible(db, p, id);
    return get(ctx, id);
  }

  async function list(ctx: RequestContext, query: z.infer<typeof caseListQuery> & { approver?: 'me' }) {
    const p = principalOf(ctx);
    const filters = filtersOf(p, query);
    const after = decodeCursor(query.cursor, dueCursor);
    if (after && Number.isNaN(Date.parse(after[0])) && after[0] !== 'infinity')
      throw validationError([{ path: 'querystring.cursor', message: 'is not a cursor this list gave out' }]);
    const rows = await repo.listCases(db, filters, query.sort, after, query.limit);
    const page = pageFrom(rows, query.limit, (r) => {
      const key = query.sort === 'due' ? r.sortDue : query.sort === 'received' ? r.receivedAt : r.updatedAt;
      return [Number.isFinite(key.getTime()) ? key.toISOString() : 'infinity', r.id];
    });
    return { items: page.items.map((r) => toSummary(r, p)), nextCursor: page.nextCursor };
  }

  function filtersOf(
    p: Principal,
    query: Partial<z.infer<typeof caseListQuery>> & { approver?: 'me' },
  ): repo.ListFilters {
    const endOfDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
    return {
      visibleAreaIds: p.allAreas ? null : p.areaIds,
      areaIds: query.areaId ?? null,
      statuses: query.status,
      open: query.open,
      teamId: query.teamId,
      assigneeId:
        query.assigneeId === 'me'
          ? p.userId
          : query.assigneeId === 'none'
            ? null
            : (query.assigneeId ?? undefined),
      kinds: query.kind,
      categoryId: query.categoryId,
      channels: query.channel,
      priorities: query.priority,
      deadlines: query.deadline,
      receivedFrom: query.receivedFrom ? new Date(`${query.receivedFrom}T00:00:00Z`) : undefined,
      receivedTo: query.receivedTo ? endOfDay(query.receivedTo) : undefined,
      q: query.q,
      searchPersonal: seesPersonal(p),
      approverId: query.approver === 'me' ? p.userId : undefined,
    };
  }

  async function count(
    ctx: RequestContext,
    query: Partial<z.infer<typeof caseListQuery>> & { approver?: 'me' },
  ) {
    return repo.countCases(db, filtersOf(principalOf(ctx), query));
  }

  async function timeline(ctx: RequestContext, id: string): Promise<{ items: TimelineEntry[] }> {
    const p = principalOf(ctx);
    await loadVisible(db, p, id);
    const rows = await repo.timeline(db, id);
    const personal = seesPersonal(p);
    return {
      items: rows.map((r) => {
        const data = { ...(r.data ?? {}) };
        // Addresses on messages are personal details too.
        if (!personal && 'to' in data) data.to = '[hidden]';
        return {
          id: r.id,
          type: r.type,
          at: r.at.toISOString(),
          actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
          body: r.body,
          data,
        };
      }),
    };
  }

  // ----------------------------------------------------------------------------------------------------
  // Checks on people and references

  /** An assignee must be an active person who works cases in the area and is not the subject of the complaint. */
  async function checkAssignee(
    tx: Tx,
    p: Principal,
    row: { areaId: string; concernsUserId: string | null },
    userId: string,
    path: string,
  ) {
    const facts = (await repo.staffFacts(tx, [userId])).get(userId);
    if (!facts) throw validationError([{ path, message: 'is not a person in this organisation' }]);
    if (!p.allAreas && !p.areaIds.includes(row.areaId))
      throw new AppError('forbidden', 'You can only assign cases of business areas you work in.');
    if (userId === row.concernsUserId)
      throw new AppError('forbidden', 'The person the complaint is about can never handle it.', {
        errors: [{ path, message: 'is the person the complaint is about' }],
      });
    if (
      !facts.active ||
      !facts.permissions.includes('cases:update') ||
      !(facts.allAreas || facts.areaIds.includes(row.areaId))
    )
      throw new AppError('forbidden', `${facts.name} cannot work cases of this business area.`, {
        errors: [{ path, message: 'cannot work cases of this business area' }],
      });
    return facts;
  }

  async function checkArea(tx: Tx, p: Principal, areaId: string, teamId: string | null) {
    await organisation.checkMembership(tx, p, [areaId], teamId ? [teamId] : []).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'validation') {
        const errors = (err.details.errors ?? []).map((e) => ({
          path: e.path.startsWith('body.areaIds') ? 'body.areaId' : 'body.teamId',
          message: e.path.startsWith('body.areaIds')
            ? 'is not a business area'
            : 'is not a team of this business area',
        }));
        throw validationError(errors);
      }
      if (err instanceof AppError && err.code === 'forbidden')
        throw new AppError('forbidden', 'You can only record cases for business areas you work in.');
      throw err;
    });
    if (!(await repo.isAreaActive(tx, areaId)))
      throw validationError([{ path: 'body.areaId', message: 'is a deactivated business area' }]);
  }

  async function checkCategory(tx: Tx, categoryId: string | null, path = 'body.categoryId') {
    if (!categoryId) return;
    const c = await repo.findCategory(tx, categoryId);
    if (!c) throw validationError([{ path, message: 'is not a category' }]);
    if (!c.active) throw validationError([{ path, message: 'is a deactivated category' }]);
  }

  async function checkConcerns(tx: Tx, userId: string | null) {
    if (!userId) return;
    const facts = (await repo.staffFacts(tx, [userId])).get(userId);
    if (!facts)
      throw validationError([
        { path: 'body.concernsUserId', message: 'is not a person in this organisation' },
      ]);
  }

  function checkVersion(row: CaseRow, version: number) {
    if (row.version !== version)
      throw staleVersion({ id: row.id, reference: row.reference, version: row.version, status: row.status });
  }

  function invalidTransition(row: CaseRow, to: string): AppError {
    const allowed = allowedTransitions(row);
    return new AppError(
      'conflict',
      `A case that is ${CASE_STATUSES[row.status as CaseStatus].toLowerCase()} cannot move to ${
        CASE_STATUSES[to as CaseStatus]?.toLowerCase() ?? to
      }. ${allowed.length ? `It can move to: ${allowed.join(', ')}.` : 'It cannot change status by hand now.'}`,
      { allowed, current: row.status },
    );
  }

  // ----------------------------------------------------------------------------------------------------
  // Email to the customer

  async function templateValues(tx: Tx, row: CaseRow, handlerName: string): Promise<TemplateValues> {
    const org = await organisation.getOrganisation(tx);
    const resolution = await repo.latestResolution(tx, row.id);
    const caseClocks = await clocks.clocksOf(tx, row.id);
    const due = caseClocks.find((c) => c.kind === 'resolution')?.dueAt;
    return valuesFor(row, org, resolution, due ? new Date(due) : null, handlerName);
  }

  function valuesFor(
    row: CaseRow,
    org: { name: string; locale: string; timeZone: string; currency: string } | null,
    resolution: repo.ResolutionRow | undefined,
    resolutionDue: Date | null,
    handlerName: string,
  ): TemplateValues {
    const locale = org?.locale ?? 'en-AU';
    const timeZone = org?.timeZone ?? 'UTC';
    const date = (d: Date) => letterDateFormat(locale, timeZone).format(d);
    const money = (cents: number) => currencyFormat(locale, org?.currency ?? 'AUD').format(cents / 100);
    const awarded = (resolution?.actions ?? []).filter((a) => a.amountCents > 0);
    return {
      'customer.name': row.customerName || 'customer',
      'case.reference': row.reference,
      'case.subject': row.subject,
      'case.status': CASE_STATUSES[row.status as CaseStatus] ?? row.status,
      'case.receivedAt': date(row.receivedAt),
      'area.name': row.areaName,
      'organisation.name': org?.name ?? '',
      'resolution.summary': resolution?.summary ?? '',
      'resolution.total':
        resolution && resolution.totalCents > 0
          ? `Total: ${money(resolution.totalCents)} (${awarded.map((a) => `${a.type} ${money(a.amountCents)}`).join(', ')})`
          : '',
      'handler.name': handlerName,
      'deadline.resolution': resolutionDue ? date(resolutionDue) : 'as soon as we can',
    };
  }

  /**
   * An email to the customer (both parts end with the tracking link; a reply goes to an address whose token
   * threads it into this case) and its timeline entry with the Message-ID. Null without an address.
   */
  function composeCustomerEmail(
    row: { id: string; customerEmail: string | null },
    actorId: string | null,
    message: { subject: string; text: string; html: string; purpose: string },
  ) {
    if (!row.customerEmail) return null;
    const messageId = newMessageId(mailDomain);
    const replyTo = replyAddressFor(deps, row.id, row.customerEmail);
    const { text, html } = withCaseLinks(message, {
      trackingUrl: trackingUrl(config.publicUrl, trackingTokenFor(row.id, row.customerEmail)),
      canReply: !!replyTo,
    });
    const mail: MailMessage = {
      to: row.customerEmail,
      subject: message.subject,
      text,
      html,
      messageId,
      ...(replyTo ? { replyTo } : {}),
    };
    const event = {
      caseId: row.id,
      type: 'message_out',
      at: clock.now(),
      actorId,
      body: message.text,
      data: { subject: message.subject, messageId, to: row.customerEmail, purpose: message.purpose },
    };
    return { mail, event, messageId };
  }

  /** Queues an email to the customer and records it on the timeline with its Message-ID. */
  async function emailCustomer(
    tx: Tx,
    row: CaseRow,
    actorId: string | null,
    message: { subject: string; text: string; html: string; purpose: string },
  ): Promise<string | null> {
    const composed = composeCustomerEmail(row, actorId, message);
    if (!composed) return null;
    await queueMail(tx, clock, composed.mail);
    await repo.appendEvent(tx, composed.event);
    return composed.messageId;
  }

  async function renderFor(tx: Tx, row: CaseRow, purpose: string, handlerName: string, templateId?: string) {
    const template = templateId
      ? await catalogue.templateById(tx, templateId)
      : await catalogue.templateFor(tx, purpose);
    if (templateId && !template)
      throw validationError([{ path: 'body.templateId', message: 'is not a template' }]);
    if (!template) return null;
    return renderTemplate(template, await templateValues(tx, row, handlerName));
  }

  // ----------------------------------------------------------------------------------------------------
  // Recording a case

  // The settings a recording depends on, held in memory (see recording.ts); reloaded when found stale.
  let snapshot: RecordingSnapshot | null = null;
  let loadingSnapshot: Promise<RecordingSnapshot> | null = null;
  const writer = new CaseWriter(db);

  function currentSnapshot(): Promise<RecordingSnapshot> {
    if (snapshot) return Promise.resolve(snapshot);
    loadingSnapshot ??= loadSnapshot(db, clocks)
      .then((loaded) => (snapshot = loaded))
      .finally(() => {
        loadingSnapshot = null;
      });
    return loadingSnapshot;
  }

  /** The snapshot if the settings have not changed since it was read, else a new one. */
  async function freshSnapshot(snap: RecordingSnapshot): Promise<RecordingSnapshot> {
    const rows = (await db.execute(sql`SELECT n FROM settings_generation WHERE id = 1`)) as unknown as {
      rows: { n: string | number }[];
    };
    if (Number(rows.rows[0]!.n) === snap.generation) return snap;
    if (snapshot === snap) snapshot = null;
    return currentSnapshot();
  }

  async function create(ctx: RequestContext, input: z.infer<typeof caseCreateSchema>): Promise<Case> {
    const p = principalOf(ctx);
    const errors: FieldError[] = [];
    if (input.resolvedAtFirstContact && input.kind === 'complaint' && !input.resolutionNote)
      errors.push({
        path: 'body.resolutionNote',
        message: 'is required when the complaint was resolved at first contact',
      });
    if (errors.length) throw validationError(errors);
    if (input.concernsUserId) await checkConcerns(db, input.concernsUserId);
    if (input.assigneeId && input.assigneeId !== p.userId && !can(p, 'cases:assign'))
      throw new AppError('forbidden', 'Assigning a case to someone else needs the cases:assign permission.');
    let assignee: { id: string; name: string } | null = null;
    if (input.assigneeId) {
      const facts = await checkAssignee(
        db,
        p,
        { areaId: input.areaId, concernsUserId: input.concernsUserId },
        input.assigneeId,
        'body.assigneeId',
      );
      assignee = { id: input.assigneeId, name: facts.name };
    }
    const { row, known } = await recordNew(
      {
        id: p.userId,
        name: p.name,
        principal: p,
        stamp: actorOf(ctx, clock),
        via: CHANNELS[input.channel],
      },
      { ...input, externalId: null },
      assignee,
      (snap) => checkSettings(snap, p, input),
    );
    publish(row, 'created', p.userId);
    return toCase(db, row, p, known);
  }

  /**
   * The settings checks of a new case, against the snapshot: the area (exists, the recorder works in it,
   * active), the team (of that area) and the category (exists, active). Throws with every field named.
   */
  function checkSettings(
    snap: RecordingSnapshot,
    p: Principal | null,
    input: { areaId: string; teamId: string | null; categoryId: string | null },
    errors: FieldError[] = [],
  ) {
    const area = snap.areas.get(input.areaId);
    if (!area || (!p && !area.active))
      errors.push({
        path: 'body.areaId',
        message: p ? 'is not a business area' : 'is not a business area taking cases',
      });
    if (input.teamId && snap.teams.get(input.teamId)?.areaId !== input.areaId)
      errors.push({ path: 'body.teamId', message: 'is not a team of this business area' });
    if (input.categoryId) {
      const category = snap.categories.get(input.categoryId);
      if (!category) errors.push({ path: 'body.categoryId', message: 'is not a category' });
      else if (!category.active)
        errors.push({ path: 'body.categoryId', message: 'is a deactivated category' });
    }
    if (errors.length) throw validationError(errors);
    if (p && !canSeeArea(p, input.areaId))
      throw new AppError('forbidden', 'You can only record cases for business areas you work in.');
    if (!area!.active)
      throw validationError([{ path: 'body.areaId', message: 'is a deactivated business area' }]);
  }

  /**
   * A case from outside — the public form, an email, an integration. Nobody signed in records it: the
   * area must be active, the category too. With an external id already received, the first case is
   * returned again (`duplicate: true`) and nothing is written.
   */
  async function intake(
    raw: CaseIntake,
    origin: { channel: 'web' | 'email' | 'api'; by: string; sendAcknowledgement: boolean },
  ): Promise<{
    id: string;
    reference: string;
    status: CaseStatus;
    trackingToken: string | null;
    duplicate: boolean;
  }> {
    const parsed = caseIntakeSchema.safeParse(raw);
    if (!parsed.success)
      throw validationError(
        parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
      );
    const input = parsed.data;
    const existing = async () => {
      if (!input.externalId) return null;
      const row = await repo.findCaseByExternalId(db, input.externalId);
      return row
        ? {
            id: row.id,
            reference: row.reference,
            status: row.status as CaseStatus,
            trackingToken: row.customerEmail ? trackingTokenFor(row.id, row.customerEmail) : null,
            duplicate: true,
          }
        : null;
    };
    // No look first: the unique external id refuses a second case, and then the first is read back.
    let row: CaseRow;
    try {
      ({ row } = await recordNew(
        {
          id: null,
          name: origin.by,
          principal: null,
          via: origin.by,
          stamp: {
            actorId: null,
            actorLabel: `customer (${origin.by})`,
            requestId: 'intake',
            at: clock.now(),
          },
        },
        {
          ...input,
          channel: origin.channel,
          teamId: null,
          priority: 'medium',
          severity: 'moderate',
          concernsUserId: null,
          concernsProduct: '',
          assigneeId: null,
          resolvedAtFirstContact: false,
          resolutionNote: '',
          handlingSteps: [],
          sendAcknowledgement: origin.sendAcknowledgement,
        },
        null,
        (snap) => checkSettings(snap, null, { ...input, teamId: null }),
      ));
    } catch (err) {
      // Two deliveries of the same message at once: the unique external id lets one through.
      const again = await existing();
      if (again) return again;
      throw err;
    }
    publish(row, 'created', null);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status as CaseStatus,
      trackingToken: row.customerEmail ? trackingTokenFor(row.id, row.customerEmail) : null,
      duplicate: false,
    };
  }

  interface Recorder {
    id: string | null;
    name: string;
    /** Who recorded it (null from outside): the response is shaped for them. */
    principal: Principal | null;
    /** How the case came in, for the timeline when nobody recorded it ("Web form"). */
    via: string;
    stamp: ActorStamp;
  }

  type NewCase = z.infer<typeof caseCreateSchema> & { externalId: string | null };

  /**
   * Records a new case with everything that starts with it — timeline, handling steps, deadline clocks and
   * their jobs, the acknowledgement email, the audit event — planned in memory and written in one statement
   * (shared with other recordings in flight). Checks are the caller's.
   */
  async function recordNew(
    by: Recorder,
    input: NewCase,
    givenAssignee: { id: string; name: string } | null,
    check: (snap: RecordingSnapshot) => void,
  ): Promise<{ row: CaseRow; known: NonNullable<Parameters<typeof toCase>[3]> }> {
    let assignee = givenAssignee;
    if (input.resolvedAtFirstContact && by.id) assignee = { id: by.id, name: by.name };
    let asked = false;
    for (let attempt = 0; attempt < 8; attempt++) {
      let snap = await currentSnapshot();
      try {
        check(snap);
      } catch (err) {
        // A refusal may only mean the snapshot is behind (an area made a moment ago): look once more.
        const fresh = await freshSnapshot(snap);
        if (fresh === snap) throw err;
        check((snap = fresh));
      }
      // The rule is asked once, with the settings the case is written with (a stale snapshot asks again).
      if (!assignee && !asked && !input.resolvedAtFirstContact && snap.ruleAreas.has(input.areaId)) {
        asked = true;
        assignee = await db.transaction((tx) =>
          catalogue.pickAssignee(tx, {
            areaId: input.areaId,
            categoryId: input.categoryId,
            concernsUserId: input.concernsUserId,
          }),
        );
      }
      const planned = planNew(snap, by, input, assignee, input.assigneeId !== null);
      const outcome = await writer.write(planned.plan);
      if (outcome.ok) {
        auditAppended();
        return { row: planned.row, known: planned.known };
      }
      if (outcome.stale) {
        if (snapshot === snap) snapshot = null;
        continue;
      }
      if (isUniqueViolation(outcome.error, 'cases_reference_key')) continue;
      if (isUniqueViolation(outcome.error, 'cases_external_id_key'))
        throw new AppError('conflict', 'A case with this external id has already been recorded.');
      throw outcome.error;
    }
    throw new AppError('internal', 'Could not record the case: the settings kept changing. Try again.');
  }

  /** Everything a new case writes, and the case as its recorder sees it, from the snapshot alone. */
  function planNew(
    snap: RecordingSnapshot,
    by: Recorder,
    input: NewCase,
    assignee: { id: string; name: string } | null,
    assignedByHand: boolean,
  ) {
    const now = clock.now();
    const id = randomUUID();
    const reference = newCaseReference(now);
    const area = snap.areas.get(input.areaId)!;
    const category = input.categoryId ? snap.categories.get(input.categoryId) : undefined;
    const firstContact = input.resolvedAtFirstContact;
    const acknowledge =
      input.sendAcknowledgement && !!input.customer.email && !firstContact && !!snap.acknowledgement;
    const clockPlan = snap.planner.plan(
      {
        id,
        reference,
        areaId: input.areaId,
        priority: input.priority,
        categoryId: input.categoryId,
        receivedAt: now,
      },
      {
        actorId: by.id,
        fulfilled: firstContact
          ? (Object.keys(DEADLINE_KINDS) as DeadlineKind[])
          : acknowledge
            ? ['acknowledgement']
            : [],
        at: now,
      },
    );
    const row: CaseRow = {
      id,
      reference,
      kind: input.kind,
      needType: input.needType,
      areaId: input.areaId,
      areaName: area.name,
      teamId: input.teamId,
      teamName: input.teamId ? (snap.teams.get(input.teamId)?.name ?? null) : null,
      channel: input.channel,
      status: 'received',
      priority: input.priority,
      severity: input.severity,
      categoryId: input.categoryId,
      categoryName: category?.name ?? null,
      categoryParentName: category?.parentName ?? null,
      subject: input.subject,
      description: input.description,
      desiredOutcome: input.desiredOutcome,
      customerType: input.customer.type,
      customerName: input.customer.name,
      customerOrganisation: input.customer.organisation,
      customerEmail: input.customer.email,
      customerPhone: input.customer.phone,
      preferredContact: input.customer.preferredContact,
      helpNeeded: input.helpNeeded,
      concernsUserId: input.concernsUserId,
      concernsUserName: null,
      concernsProduct: input.concernsProduct,
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.name ?? null,
      createdBy: by.id,
      createdByName: by.id ? by.name : null,
      receivedAt: now,
      acknowledgedAt: null,
      firstResponseAt: null,
      respondedAt: null,
      closedAt: null,
      outcome: null,
      outcomeReason: '',
      rootCause: null,
      resolvedFirstContact: false,
      customerAccepted: null,
      reopenCount: 0,
      disputeCount: 0,
      externalBody: null,
      externalReference: '',
      escalated: false,
      sortDue: clockPlan?.sortDue ?? new Date(Infinity),
      deadlineState: clockPlan?.deadlineState ?? 'none',
      version: 1,
      updatedAt: now,
    };
    type Entry = {
      caseId: string;
      type: string;
      at: Date;
      actorId: string | null;
      body: string;
      data: object;
    };
    const timeline: Entry[] = [
      {
        caseId: id,
        type: 'created',
        at: now,
        actorId: by.id,
        body: by.id
          ? `Recorded by ${by.name} (${input.channel})`
          : `Received through the ${by.via.toLowerCase()}`,
        data: { channel: input.channel, reference },
      },
    ];
    if (assignee)
      timeline.push({
        caseId: id,
        type: 'assigned',
        at: now,
        actorId: by.id,
        body: assignedByHand || firstContact ? 'Assigned when recorded' : 'Assigned by the assignment rule',
        data: { to: assignee.id },
      });
    const clockEntries = clockPlan?.timeline ?? [];
    const started = clockEntries.filter((e) => e.data.event === 'started');
    timeline.push(...started);
    const jobs: PlannedCase['jobs'] = (clockPlan?.jobs ?? []).map((j) => ({
      queue: j.queue,
      payload: j.payload,
      run_at: j.runAt,
      dedupe_key: j.dedupeKey,
      max_attempts: j.maxAttempts,
    }));
    if (acknowledge) {
      const resolutionDue = clockPlan?.dtos.find((c) => c.kind === 'resolution')?.dueAt;
      const rendered = renderTemplate(
        snap.acknowledgement!,
        valuesFor(
          row,
          snap.org,
          undefined,
          resolutionDue ? new Date(resolutionDue) : null,
          by.id ? by.name : 'the team',
        ),
      );
      const composed = composeCustomerEmail(row, null, { ...rendered, purpose: 'acknowledgement' })!;
      jobs.push({
        queue: MAIL_QUEUE,
        payload: composed.mail,
        run_at: now,
        dedupe_key: null,
        max_attempts: 10,
      });
      timeline.push(composed.event, {
        caseId: id,
        type: 'status',
        at: now,
        actorId: by.id,
        body: 'Acknowledged by email',
        data: { from: 'received', to: 'acknowledged' },
      });
      Object.assign(row, { status: 'acknowledged', acknowledgedAt: now });
    }
    if (firstContact) {
      Object.assign(row, {
        status: 'closed',
        acknowledgedAt: now,
        firstResponseAt: now,
        respondedAt: now,
        closedAt: now,
        outcome: input.kind === 'complaint' ? 'resolved_first_contact' : 'no_further_action',
        outcomeReason: input.resolutionNote,
        resolvedFirstContact: true,
      });
      timeline.push({
        caseId: id,
        type: 'status',
        at: now,
        actorId: by.id,
        body: input.resolutionNote || 'Resolved at first contact',
        data: { from: 'received', to: 'closed', outcome: 'resolved_first_contact' },
      });
    }
    timeline.push(...clockEntries.filter((e) => e.data.event !== 'started'));
    const steps = [...new Set(input.handlingSteps)].map((step) => ({ step, doneAt: now, by: by.id }));
    const plan: PlannedCase = {
      generation: snap.generation,
      caseRow: {
        id,
        reference,
        kind: row.kind,
        need_type: row.needType,
        area_id: row.areaId,
        team_id: row.teamId,
        channel: row.channel,
        status: row.status,
        priority: row.priority,
        severity: row.severity,
        category_id: row.categoryId,
        subject: row.subject,
        description: row.description,
        desired_outcome: row.desiredOutcome,
        customer_type: row.customerType,
        customer_name: row.customerName,
        customer_organisation: row.customerOrganisation,
        customer_email: row.customerEmail,
        customer_phone: row.customerPhone,
        preferred_contact: row.preferredContact,
        help_needed: row.helpNeeded,
        concerns_user_id: row.concernsUserId,
        concerns_product: row.concernsProduct,
        assignee_id: row.assigneeId,
        created_by: row.createdBy,
        external_id: input.externalId,
        received_at: now,
        acknowledged_at: row.acknowledgedAt,
        first_response_at: row.firstResponseAt,
        responded_at: row.respondedAt,
        closed_at: row.closedAt,
        outcome: row.outcome,
        outcome_reason: row.outcomeReason,
        resolved_first_contact: row.resolvedFirstContact,
        sort_due: clockPlan?.sortDue ?? 'infinity',
        deadline_state: row.deadlineState,
        version: 1,
        created_at: now,
        updated_at: now,
      },
      events: timeline.map((e) => ({
        case_id: e.caseId,
        type: e.type,
        at: e.at,
        actor_id: e.actorId,
        body: e.body,
        data: e.data,
      })),
      steps: steps.map((s) => ({ case_id: id, step: s.step, done_at: s.doneAt, done_by: s.by })),
      clocks: (clockPlan?.clocks ?? []).map((c) => ({
        id: c.id,
        case_id: c.caseId,
        kind: c.kind,
        target_kind: c.targetKind,
        target_value: c.targetValue,
        warning_percent: c.warningPercent,
        calendar_id: c.calendarId,
        state: c.state,
        started_at: c.startedAt,
        due_at: c.dueAt,
        warning_at: c.warningAt,
        fulfilled_at: c.fulfilledAt,
        warned_at: c.warnedAt,
        breached_at: c.breachedAt,
        cycle: c.cycle,
        version: c.version,
      })),
      clockEvents: (clockPlan?.clockEvents ?? []).map((e) => ({
        clock_id: e.clockId,
        type: e.type,
        at: e.at,
        actor_id: e.actorId,
        reason: e.reason,
      })),
      jobs,
      audit: (() => {
        const a = auditRow(by.stamp, {
          action: 'case.created',
          entityType: 'case',
          entityId: id,
          after: auditView(row),
        });
        return {
          at: a.at,
          actor_id: a.actorId,
          actor_label: a.actorLabel,
          action: a.action,
          entity_type: a.entityType,
          entity_id: a.entityId,
          before: a.before,
          after: a.after,
          request_id: a.requestId,
        };
      })(),
    };
    const known = {
      steps: steps.map((s) => ({ step: s.step, doneAt: s.doneAt, by: s.by ? by.name : '' })),
      clocks: clockPlan?.dtos ?? [],
    };
    return { row, plan, known };
  }

  /** What the audit trail keeps of a case: fields, with contact details reduced to whether they were given. */
  function auditView(row: CaseRow) {
    return {
      reference: row.reference,
      kind: row.kind,
      needType: row.needType,
      areaId: row.areaId,
      teamId: row.teamId,
      channel: row.channel,
      status: row.status,
      priority: row.priority,
      severity: row.severity,
      categoryId: row.categoryId,
      subject: row.subject,
      desiredOutcome: row.desiredOutcome,
      customerType: row.customerType,
      customerEmailGiven: !!row.customerEmail,
      customerPhoneGiven: !!row.customerPhone,
      concernsUserId: row.concernsUserId,
      concernsProduct: row.concernsProduct,
      assigneeId: row.assigneeId,
      receivedAt: row.receivedAt,
      outcome: row.outcome,
      rootCause: row.rootCause,
      externalBody: row.externalBody,
      externalReference: row.externalReference,
    };
  }

  /** Runs one change to a case under a row lock, checks its version, audits and publishes it. */
  async function change<T>(
    ctx: RequestContext,
    id: string,
    version: number | null,
    type: string,
    work: (tx: Tx, row: CaseRow, p: Principal, now: Date) => Promise<{ action: string; result?: T } | void>,
  ): Promise<Case> {
    const p = principalOf(ctx);
    const out = await db.transaction(async (tx) => {
      const before = await loadVisible(tx, p, id, true);
      if (version !== null) checkVersion(before, version);
      const now = clock.now();
      const done = await work(tx, before, p, now);
      const after = (await repo.findCase(tx, id))!;
      const dto = await toCase(tx, after, p);
      // Last before commit: the audit chain's lock is held from here to the commit.
      if (done) {
        await writeAudit(tx, actorOf(ctx, clock), {
          action: done.action,
          entityType: 'case',
          entityId: id,
          ...diffFields(auditView(before), auditView(after)),
        });
      }
      return { row: after, dto };
    });
    publish(out.row, type, p.userId);
    return out.dto;
  }

  function requirePermission(p: Principal, perm: string, what: string) {
    if (!can(p, perm)) throw new AppError('forbidden', `${what} needs the ${perm} permission.`);
  }

  async function update(ctx: RequestContext, id: string, input: z.infer<typeof caseUpdateSchema>) {
    return change(ctx, id, input.version, 'details', async (tx, row, p, now) => {
      const { version: _v, customer, ...rest } = input;
      if (rest.teamId !== undefined && rest.teamId !== row.teamId)
        await checkArea(tx, p, row.areaId, rest.teamId);
      if (rest.categoryId !== undefined) await checkCategory(tx, rest.categoryId);
      if (rest.concernsUserId !== undefined) {
        await checkConcerns(tx, rest.concernsUserId);
        if (rest.concernsUserId && rest.concernsUserId === row.assigneeId)
          throw new AppError(
            'conflict',
            'The complaint would be about the person handling it. Reassign the case first.',
          );
      }
      if (
        customer &&
        !seesPersonal(p) &&
        (customer.name !== undefined || customer.email !== undefined || customer.phone !== undefined)
      )
        throw new AppError(
          'forbidden',
          'Changing a customer’s contact details needs the cases:personal permission.',
        );
      const changes: Record<string, unknown> = { ...rest };
      if (customer) {
        if (customer.type !== undefined) changes.customerType = customer.type;
        if (customer.name !== undefined) changes.customerName = customer.name;
        if (customer.organisation !== undefined) changes.customerOrganisation = customer.organisation;
        if (customer.email !== undefined) changes.customerEmail = customer.email;
        if (customer.phone !== undefined) changes.customerPhone = customer.phone;
        if (customer.preferredContact !== undefined) changes.preferredContact = customer.preferredContact;
      }
      await repo.updateCase(tx, id, changes, now);
      const changed = Object.keys(changes).filter((k) => (row as Record<string, unknown>)[k] !== changes[k]);
      await repo.appendEvent(tx, {
        caseId: id,
        type: 'details',
        at: now,
        actorId: p.userId,
        body: `Changed ${changed.join(', ') || 'nothing'}`,
        data: { fields: changed },
      });
      if (
        (rest.priority && rest.priority !== row.priority) ||
        (rest.categoryId !== undefined && rest.categoryId !== row.categoryId)
      ) {
        const next = (await repo.findCase(tx, id))!;
        await clocks.retarget(tx, clockCase(next), p.userId);
      }
      return { action: 'case.updated' };
    });
  }

  const clockCase = (row: CaseRow) => ({
    id: row.id,
    reference: row.reference,
    areaId: row.areaId,
    priority: row.priority as Priority,
    categoryId: row.categoryId,
    receivedAt: row.receivedAt,
  });

  async function correctReceivedAt(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof receivedCorrectionSchema>,
  ) {
    return change(ctx, id, input.version, 'correction', async (tx, row, p, now) => {
      requirePermission(p, 'cases:assign', 'Correcting the received time');
      const at = new Date(input.receivedAt);
      if (at.getTime() > now.getTime())
        throw validationError([{ path: 'body.receivedAt', message: 'must not be in the future' }]);
      await repo.updateCase(tx, id, { receivedAt: at }, now);
      await repo.appendEvent(tx, {
        caseId: id,
        type: 'correction',
        at: now,
        actorId: p.userId,
        body: input.reason,
        data: { field: 'receivedAt', from: row.receivedAt.toISOString(), to: at.toISOString() },
      });
      await clocks.rebase(tx, clockCase((await repo.findCase(tx, id))!), p.userId);
      return { action: 'case.received_corrected' };
    });
  }

  // ----------------------------------------------------------------------------------------------------
  // Status changes

  async function transition(ctx: RequestContext, id: string, input: z.infer<typeof transitionSchema>) {
    return change(ctx, id, input.version, 'status', async (tx, row, p, now) => {
      const from = row.status as CaseStatus;
      const to = input.to;
      if (!allowedTransitions(row).includes(to)) throw invalidTransition(row, to);
      const errors: FieldError[] = [];
      const changes: Record<string, unknown> = { status: to };
      if (to === 'closed') {
        if (!input.outcome) errors.push({ path: 'body.outcome', message: 'is required to close a case' });
        if (input.outcome === 'not_upheld' && !input.reason)
          errors.push({ path: 'body.reason', message: 'is required when a complaint is not upheld' });
        if (row.kind === 'complaint' && input.outcome && input.outcome !== 'withdrawn' && !input.rootCause)
          errors.push({ path: 'body.rootCause', message: 'is required to close a complaint' });
        if (errors.length) throw validationError(errors);
        const needsResponse = ['upheld', 'partly_upheld', 'not_upheld'].includes(input.outcome!);
        if (needsResponse && !row.respondedAt)
          throw new AppError(
            'conflict',
            'Send the response to the customer before closing the complaint with this outcome.',
            { allowed: allowedTransitions(row), current: from },
          );
        Object.assign(changes, {
          closedAt: now,
          outcome: input.outcome,
          outcomeReason: input.reason,
          rootCause: input.rootCause ?? null,
          resolvedFirstContact: input.outcome === 'resolved_first_contact',
        });
        if (input.outcome === 'resolved_first_contact' && !row.respondedAt) changes.respondedAt = now;
      }
      if (to === 'referred_external') {
        if (!input.externalBody)
          errors.push({ path: 'body.externalBody', message: 'is required to refer a case' });
        if (errors.length) throw validationError(errors);
        Object.assign(changes, {
          externalBody: input.externalBody,
          externalReference: input.externalReference ?? '',
        });
      }
      if (to === 'reopened') {
        if (!input.reason)
          throw validationError([{ path: 'body.reason', message: 'is required to reopen a case' }]);
        Object.assign(changes, {
          reopenCount: row.reopenCount + 1,
          closedAt: null,
          outcome: null,
          customerAccepted: null,
        });
      }
      if (to === 'under_review') {
        Object.assign(changes, { disputeCount: row.disputeCount + 1, closedAt: null });
      }
      if (to === 'acknowledged' && !row.acknowledgedAt) changes.acknowledgedAt = now;
      if (from === 'resolution_proposed' && to === 'investigating') await repo.supersedeResolutions(tx, id);
      await repo.updateCase(tx, id, changes, now);
      await repo.appendEvent(tx, {
        caseId: id,
        type: to === 'referred_external' ? 'referred' : 'status',
        at: now,
        actorId: p.userId,
        body: input.reason,
        data: {
          from,
          to,
          ...(input.outcome ? { outcome: input.outcome } : {}),
          ...(input.rootCause ? { rootCause: input.rootCause } : {}),
          ...(input.externalBody
            ? { externalBody: input.externalBody, externalReference: input.externalReference ?? '' }
            : {}),
        },
      });
      // Deadline clocks follow the status.
      if (to === 'acknowledged') await clocks.fulfil(tx, id, 'acknowledgement', now, p.userId);
      if (to === 'awaiting_customer')
        await clocks.pause(tx, id, now, p.userId, input.reason || 'Awaiting the customer');
      if (from === 'awaiting_customer' && to !== 'closed')
        await clocks.resume(tx, id, now, p.userId, input.reason || 'The customer replied');
      if (to === 'closed' || to === 'referred_external') {
        for (const kind of ['acknowledgement', 'first_response', 'resolution'] as const)
          await clocks.fulfil(tx, id, kind, now, p.userId);
      }
      if (to === 'reopened' || to === 'under_review') {
        const next = (await repo.findCase(tx, id))!;
        await clocks.restartResolution(tx, clockCase(next), now, p.userId, input.reason || CASE_STATUSES[to]);
      }
      return {
        action: to === 'closed' ? 'case.closed' : to === 'reopened' ? 'case.reopened' : 'case.status_changed',
      };
    });
  }

  // ----------------------------------------------------------------------------------------------------
  // Assignment

  async function assign(ctx: RequestContext, id: string, input: z.infer<typeof assignSchema>) {
    return change(ctx, id, input.version, 'assigned', async (tx, row, p, now) => {
      return assignIn(tx, row, p, now, input.assigneeId, input.reason);
    });
  }

  async function assignIn(
    tx: Tx,
    row: CaseRow,
    p: Principal,
    now: Date,
    assigneeId: string | null,
    reason: string,
  ) {
    const selfTake = assigneeId === p.userId && !row.assigneeId && can(p, 'cases:update');
    if (!selfTake) requirePermission(p, 'cases:assign', 'Assigning cases to others');
    if (row.assigneeId && assigneeId !== row.assigneeId && !reason)
      throw validationError([{ path: 'body.reason', message: 'is required to reassign a case' }]);
    if (assigneeId) await checkAssignee(tx, p, row, assigneeId, 'body.assigneeId');
    if (assigneeId === row.assigneeId) return undefined;
    await repo.updateCase(tx, row.id, { assigneeId }, now);
    await repo.appendEvent(tx, {
      caseId: row.id,
      type: 'assigned',
      at: now,
      actorId: p.userId,
      body: reason,
      data: { from: row.assigneeId, to: assigneeId },
    });
    return { action: row.assigneeId ? 'case.reassigned' : 'case.assigned' };
  }

  async function candidates(ctx: RequestContext, id: string) {
    const p = principalOf(ctx);
    const row = await loadVisible(db, p, id);
    const people = await repo.candidatesForArea(db, row.areaId, 'cases:update');
    return {
      items: people
        .filter((u) => u.id !== row.concernsUserId)
        .map((u) => ({ id: u.id, name: u.name, openCases: u.openCases })),
    };
  }

  async function approvers(ctx: RequestContext, id: string) {
    const p = principalOf(ctx);
    const row = await loadVisible(db, p, id);
    const people = await repo.candidatesForArea(db, row.areaId, 'cases:approve');
    return {
      items: people
        .filter((u) => u.id !== row.concernsUserId && u.id !== p.userId)
        .map((u) => ({ id: u.id, name: u.name, limitCents: u.limitCents })),
    };
  }

  // ----------------------------------------------------------------------------------------------------
  // Notes, messages, handling steps

  async function addNote(ctx: RequestContext, id: string, body: string) {
    return change(ctx, id, null, 'note', async (tx, _row, p, now) => {
      await repo.appendEvent(tx, { caseId: id, type: 'note', at: now, actorId: p.userId, body });
      await repo.touchCase(tx, id, now);
    });
  }

  /**
   * Records what the customer said (phone call, letter, or later an email). A case waiting for the customer
   * goes back to investigation and its clocks resume.
   */
  async function recordCustomerMessage(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof customerMessageSchema>,
  ) {
    return change(ctx, id, null, 'message', async (tx, row, p, now) => {
      await customerSaid(tx, row, p.userId, now, input.body, { channel: input.channel });
      return { action: 'case.customer_message' };
    });
  }

  /** What the customer said goes on the timeline; a case waiting for them resumes and its clocks run. */
  async function customerSaid(
    tx: Tx,
    row: CaseRow,
    actorId: string | null,
    now: Date,
    body: string,
    data: Record<string, unknown>,
  ) {
    await repo.appendEvent(tx, { caseId: row.id, type: 'message_in', at: now, actorId, body, data });
    if (row.status !== 'awaiting_customer') {
      await repo.touchCase(tx, row.id, now);
      return;
    }
    await repo.updateCase(tx, row.id, { status: 'investigating' }, now);
    await repo.appendEvent(tx, {
      caseId: row.id,
      type: 'status',
      at: now,
      actorId,
      body: 'The customer replied',
      data: { from: 'awaiting_customer', to: 'investigating' },
    });
    await clocks.resume(tx, row.id, now, actorId, 'The customer replied');
  }

  async function sendMessage(ctx: RequestContext, id: string, input: z.infer<typeof messageSchema>) {
    return change(ctx, id, input.version, 'message', async (tx, row, p, now) => {
      if (!row.customerEmail)
        throw new AppError(
          'conflict',
          'This customer has no email address. Record the contact as a note instead.',
        );
      // A template gives the subject; the text is what the officer wrote.
      const rendered = input.templateId ? await renderFor(tx, row, 'update', p.name, input.templateId) : null;
      const subject = input.subject ?? rendered?.subject ?? `About your feedback — ${row.reference}`;
      const { html } = renderTemplate({ subject: '', body: input.body }, {});
      await emailCustomer(tx, row, p.userId, { subject, text: input.body, html, purpose: 'message' });
      if (row.status === 'received')
        await repo.appendEvent(tx, {
          caseId: id,
          type: 'status',
          at: now,
          actorId: p.userId,
          body: 'Acknowledged by the first message',
          data: { from: 'received', to: 'acknowledged' },
        });
      const changes: Record<string, unknown> = {};
      if (!row.firstResponseAt) changes.firstResponseAt = now;
      if (!row.acknowledgedAt) changes.acknowledgedAt = now;
      if (row.status === 'received') changes.status = 'acknowledged';
      await repo.updateCase(tx, id, changes, now);
      if (!row.acknowledgedAt) await clocks.fulfil(tx, id, 'acknowledgement', now, p.userId);
      if (!row.firstResponseAt) await clocks.fulfil(tx, id, 'first_response', now, p.userId);
      return { action: 'case.message_sent' };
    });
  }

  async function recordStep(ctx: RequestContext, id: string, step: HandlingStep) {
    return change(ctx, id, null, 'handling_step', async (tx, _row, p, now) => {
      const added = await repo.recordStep(tx, id, step, now, p.userId);
      if (!added) return undefined;
      await repo.appendEvent(tx, {
        caseId: id,
        type: 'handling_step',
        at: now,
        actorId: p.userId,
        body: '',
        data: { step },
      });
      await repo.touchCase(tx, id, now);
      return { action: 'case.handling_step' };
    });
  }

  // ----------------------------------------------------------------------------------------------------
  // Resolution, authority and approval

  async function propose(ctx: RequestContext, id: string, input: z.infer<typeof proposeResolutionSchema>) {
    return change(ctx, id, input.version, 'resolution', async (tx, row, p, now) => {
      requirePermission(p, 'cases:resolve', 'Proposing a resolution');
      const status = row.status as CaseStatus;
      if (!PROPOSE_FROM.includes(status))
        throw new AppError(
          'conflict',
          `A resolution cannot be proposed while the case is ${CASE_STATUSES[status].toLowerCase()}.`,
          {
            allowed: allowedTransitions(row),
            current: status,
          },
        );
      const errors: FieldError[] = [];
      input.actions.forEach((a, i) => {
        if (MONEY_ACTIONS.includes(a.type) && a.type !== 'replacement' && a.amountCents <= 0)
          errors.push({
            path: `body.actions.${i}.amountCents`,
            message: 'is required for a refund or credit',
          });
        if (!MONEY_ACTIONS.includes(a.type) && a.amountCents > 0)
          errors.push({
            path: `body.actions.${i}.amountCents`,
            message: 'must be 0 for an action that awards no money',
          });
      });
      if (errors.length) throw validationError(errors);
      const total = input.actions.reduce((s, a) => s + a.amountCents, 0);
      const within = total <= p.authorityLimitCents;
      let approverId: string | null = null;
      if (!within) {
        const eligible = (await repo.candidatesForArea(tx, row.areaId, 'cases:approve')).filter(
          (u) => u.id !== row.concernsUserId && u.id !== p.userId && u.limitCents >= total,
        );
        if (input.approverId) {
          const chosen = eligible.find((u) => u.id === input.approverId);
          if (!chosen) {
            const facts = (await repo.staffFacts(tx, [input.approverId])).get(input.approverId);
            if (!facts)
              throw validationError([
                { path: 'body.approverId', message: 'is not a person in this organisation' },
              ]);
            throw new AppError(
              'forbidden',
              input.approverId === row.concernsUserId
                ? 'The person the complaint is about cannot approve its resolution.'
                : `${facts.name} cannot approve this resolution: their authority limit does not cover it, or they do not approve cases in this area.`,
              { errors: [{ path: 'body.approverId', message: 'cannot approve this resolution' }] },
            );
          }
          approverId = chosen.id;
        } else {
          // The person with the lowest limit that covers it: approval goes to the nearest level.
          const nearest = [...eligible].sort(
            (a, b) => a.limitCents - b.limitCents || a.openCases - b.openCases,
          )[0];
          if (!nearest)
            throw new AppError(
              'conflict',
              'Nobody who works in this area has an authority limit that covers this resolution.',
            );
          approverId = nearest.id;
        }
      }
      await repo.supersedeResolutions(tx, id);
      await repo.insertResolution(tx, {
        caseId: id,
        actions: input.actions,
        totalCents: total,
        summary: input.summary,
        status: within ? 'approved' : 'pending_approval',
        withinAuthority: within,
        proposedBy: p.userId,
        proposedAt: now,
        approverId,
      });
      if (status === 'awaiting_customer') await clocks.resume(tx, id, now, p.userId, 'Resolution proposed');
      await repo.updateCase(tx, id, { status: within ? 'resolution_proposed' : 'awaiting_approval' }, now);
      await repo.appendEvent(tx, {
        caseId: id,
        type: within ? 'resolution_proposed' : 'approval_requested',
        at: now,
        actorId: p.userId,
        body: input.summary,
        data: { totalCents: total, actions: input.actions, approverId, limitCents: p.authorityLimitCents },
      });
      if (approverId) {
        const approver = (await repo.staffFacts(tx, [approverId])).get(approverId)!;
        await queueMail(tx, clock, {
          to: approver.email,
          subject: `Approval needed: ${row.reference}`,
          text: `${p.name} proposes a resolution of ${(total / 100).toFixed(2)} for case ${row.reference}, above their authority limit.\n\nOpen it: ${config.publicUrl}/cases/${row.id}`,
        });
      }
      return { action: within ? 'case.resolution_proposed' : 'case.approval_requested' };
    });
  }

  async function decide(ctx: RequestContext, id: string, input: z.infer<typeof decisionSchema>) {
    return change(ctx, id, input.version, 'approval', async (tx, row, p, now) => {
      requirePermission(p, 'cases:approve', 'Approving a resolution');
      const resolution = await repo.latestResolution(tx, id);
      if (!resolution || resolution.status !== 'pending_approval' || row.status !== 'awaiting_approval')
        throw new AppError('conflict', 'This case has no resolution waiting for approval.');
      if (row.concernsUserId === p.userId)
        throw new AppError('forbidden', 'The person the complaint is about cannot approve its resolution.');
      if (resolution.proposedBy === p.userId)
        throw new AppError(
          'forbidden',
          'A resolution must be approved by someone other than the person who proposed it.',
        );
      if (p.authorityLimitCents < resolution.totalCents)
        throw new AppError('forbidden', 'Your authority limit does not cover this resolution.');
      if (!input.approve && !input.reason)
        throw validationError([{ path: 'body.reason', message: 'is required to reject a resolution' }]);
      await repo.decideResolution(tx, resolution.id, {
        status: input.approve ? 'approved' : 'rejected',
        decidedBy: p.userId,
        decidedAt: now,
        decisionReason: input.reason,
      });
      await repo.updateCase(tx, id, { status: input.approve ? 'resolution_proposed' : 'investigating' }, now);
      await repo.appendEvent(tx, {
        caseId: id,
        type: input.approve ? 'approved' : 'rejected',
        at: now,
        actorId: p.userId,
        body: input.reason,
        data: { resolutionId: resolution.id, totalCents: resolution.totalCents },
      });
      return { action: input.approve ? 'case.resolution_approved' : 'case.resolution_rejected' };
    });
  }

  async function previewResponse(ctx: RequestContext, id: string, templateId?: string) {
    const p = principalOf(ctx);
    const row = await loadVisible(db, p, id);
    const rendered = await db.transaction((tx) =>
      renderFor(tx, row, 'response', row.assigneeName ?? p.name, templateId),
    );
    if (!rendered)
      throw new AppError('conflict', 'There is no active response template. Add one in case settings.');
    return rendered;
  }

  async function sendResponse(ctx: RequestContext, id: string, input: z.infer<typeof sendResponseSchema>) {
    return change(ctx, id, input.version, 'response', async (tx, row, p, now) => {
      requirePermission(p, 'cases:resolve', 'Sending the response');
      const status = row.status as CaseStatus;
      const resolution = await repo.latestResolution(tx, id);
      if (status === 'awaiting_approval' || resolution?.status === 'pending_approval')
        throw new AppError(
          'conflict',
          'The resolution is above the handler’s authority and has not been approved yet.',
        );
      if (!RESPOND_FROM.includes(status))
        throw new AppError(
          'conflict',
          `The response cannot be sent while the case is ${CASE_STATUSES[status].toLowerCase()}.`,
          {
            allowed: allowedTransitions(row),
            current: status,
          },
        );
      if (resolution?.status === 'rejected')
        throw new AppError(
          'conflict',
          'The proposed resolution was rejected. Propose a new one before responding.',
        );
      const rendered = await renderFor(tx, row, 'response', p.name, input.templateId);
      const subject =
        input.subject ?? rendered?.subject ?? `The outcome of your complaint — ${row.reference}`;
      const text = input.body ?? rendered?.text;
      if (!text)
        throw validationError([
          { path: 'body.body', message: 'is required when there is no response template' },
        ]);
      const html = input.body ? renderTemplate({ subject: '', body: input.body }, {}).html : rendered!.html;
      const messageId = await emailCustomer(tx, row, p.userId, { subject, text, html, purpose: 'response' });
      if (!messageId)
        await repo.appendEvent(tx, {
          caseId: id,
          type: 'message_out',
          at: now,
          actorId: p.userId,
          body: text,
          data: { subject, purpose: 'response', deliveredBy: row.preferredContact },
        });
      await repo.updateCase(
        tx,
        id,
        {
          status: 'responded',
          respondedAt: now,
          firstResponseAt: row.firstResponseAt ?? now,
          acknowledgedAt: row.acknowledgedAt ?? now,
        },
        now,
      );
      await repo.appendEvent(tx, {
        caseId: id,
        type: 'status',
        at: now,
        actorId: p.userId,
        body: 'Response sent',
        data: { from: status, to: 'responded', messageId },
      });
      if (status === 'awaiting_customer') await clocks.resume(tx, id, now, p.userId, 'Response sent');
      for (const kind of ['acknowledgement', 'first_response', 'resolution'] as const)
        await clocks.fulfil(tx, id, kind, now, p.userId);
      return { action: 'case.response_sent' };
    });
  }

  async function customerDecision(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof customerDecisionSchema>,
  ) {
    return change(ctx, id, input.version, 'customer_decision', async (tx, row, p, now) => {
      await decided(tx, row, p.userId, now, input.accepted, input.note);
      return { action: input.accepted ? 'case.customer_accepted' : 'case.customer_rejected' };
    });
  }

  /** The customer accepts the outcome, or rejects it: then a review (dispute) starts with a new clock. */
  async function decided(
    tx: Tx,
    row: CaseRow,
    actorId: string | null,
    now: Date,
    accepted: boolean,
    note: string,
  ) {
    const status = row.status as CaseStatus;
    if ((status !== 'responded' && status !== 'closed') || row.customerAccepted !== null)
      throw new AppError(
        'conflict',
        row.customerAccepted !== null
          ? 'The customer’s decision on this outcome has already been recorded.'
          : 'The customer’s decision is recorded after the response has been sent.',
        { allowed: allowedTransitions(row), current: status },
      );
    const changes: Record<string, unknown> = { customerAccepted: accepted };
    if (!accepted)
      Object.assign(changes, { status: 'under_review', disputeCount: row.disputeCount + 1, closedAt: null });
    await repo.updateCase(tx, row.id, changes, now);
    await repo.appendEvent(tx, {
      caseId: row.id,
      type: accepted ? 'customer_accepted' : 'customer_rejected',
      at: now,
      actorId,
      body: note,
      data: {},
    });
    if (!accepted) {
      await repo.appendEvent(tx, {
        caseId: row.id,
        type: 'status',
        at: now,
        actorId,
        body: 'The customer rejected the outcome: review started',
        data: { from: status, to: 'under_review' },
      });
      const next = (await repo.findCase(tx, row.id))!;
      await clocks.restartResolution(
        tx,
        clockCase(next),
        now,
        actorId,
        'Dispute: the customer rejected the outcome',
      );
    }
  }

  // ----------------------------------------------------------------------------------------------------
  // The customer's side: tracking links, replies and decisions (no account; the token is the key)

  const TRACKING_DAYS = 400;
  const emailDigest = (email: string) => deps.signer.digest('track-email', email.trim().toLowerCase());

  /** The token of the customer's tracking link, bound to the case and to the customer's email address. */
  function trackingTokenFor(caseId: string, email: string): string {
    return deps.signer.sign(
      'track',
      { c: caseId, e: emailDigest(email) },
      new Date(clock.now().getTime() + TRACKING_DAYS * 86_400_000),
    );
  }

  /** The case a tracking token opens, or null when it is forged, expired or not for the case's address. */
  async function caseForToken(token: string): Promise<CaseRow | null> {
    const payload = deps.signer.verify('track', token, clock.now());
    if (!payload || typeof payload.c !== 'string' || !zod.uuid().safeParse(payload.c).success) return null;
    const row = await repo.findCase(db, payload.c);
    if (!row?.customerEmail || emailDigest(row.customerEmail) !== payload.e) return null;
    return row;
  }

  /** A tracking token for a reference and email address typed by the customer; null when they do not match. */
  async function findTracking(reference: string, email: string): Promise<string | null> {
    const id = await repo.findCaseIdByReference(db, normaliseReference(reference));
    const row = id ? await repo.findCase(db, id) : undefined;
    if (!row?.customerEmail || emailDigest(row.customerEmail) !== emailDigest(email)) return null;
    return trackingTokenFor(row.id, row.customerEmail);
  }

  function stageOf(status: CaseStatus): CustomerStage {
    switch (status) {
      case 'received':
      case 'acknowledged':
        return 'received';
      case 'awaiting_customer':
        return 'waiting_for_you';
      case 'responded':
        return 'responded';
      case 'closed':
        return 'closed';
      case 'under_review':
        return 'under_review';
      case 'referred_external':
        return 'referred';
      default:
        return 'in_progress';
    }
  }

  /** What the customer sees on the track page: plain-language progress and the messages between us. */
  async function customerView(token: string): Promise<CustomerCaseView | null> {
    const row = await caseForToken(token);
    if (!row) return null;
    const events = await repo.timeline(db, row.id);
    const caseClocks = await clocks.clocksOf(db, row.id);
    const open = caseClocks
      .filter((c) => (c.state === 'running' || c.state === 'paused') && c.dueAt)
      .map((c) => c.dueAt!)
      .sort();
    const messages = events
      .filter((e) => e.type === 'message_out' || e.type === 'message_in')
      .map((e) => ({
        at: e.at.toISOString(),
        from: e.type === 'message_in' ? ('you' as const) : ('staff' as const),
        body: e.body,
        purpose: (e.data as { purpose?: string } | null)?.purpose,
      }));
    const response = [...messages].reverse().find((m) => m.purpose === 'response');
    const status = row.status as CaseStatus;
    return {
      caseId: row.id,
      reference: row.reference,
      kind: row.kind as CaseKind,
      subject: row.subject,
      status,
      stage: stageOf(status),
      receivedAt: row.receivedAt.toISOString(),
      expectedBy: status === 'awaiting_customer' ? null : (open[0] ?? null),
      area: { name: row.areaName },
      messages: messages.map(({ at, from, body }) => ({ at, from, body })),
      response: response ? { at: response.at, body: response.body } : null,
      outcome: row.outcome as Outcome | null,
      customerAccepted: row.customerAccepted,
      canReply: status !== 'closed' && status !== 'referred_external',
      canDecide: (status === 'responded' || status === 'closed') && row.customerAccepted === null,
    };
  }

  /** Runs a change the customer makes (through a verified tracking token or reply address). */
  async function customerChange(
    id: string,
    action: string,
    work: (tx: Tx, row: CaseRow, now: Date) => Promise<void>,
  ) {
    const after = await db.transaction(async (tx) => {
      const before = await repo.findCase(tx, id, true);
      if (!before) throw notFound('Case');
      const now = clock.now();
      await work(tx, before, now);
      const row = (await repo.findCase(tx, id))!;
      await writeAudit(
        tx,
        { actorId: null, actorLabel: 'customer', requestId: 'customer', at: now },
        { action, entityType: 'case', entityId: id, ...diffFields(auditView(before), auditView(row)) },
      );
      return row;
    });
    publish(after, action.replace('case.', ''), null);
  }

  async function customerReply(
    caseId: string,
    input: { body: string; channel: 'web' | 'email'; messageId?: string },
  ): Promise<void> {
    const body = input.body.trim();
    if (!body) throw validationError([{ path: 'body.body', message: 'is required' }]);
    await customerChange(caseId, 'case.customer_message', async (tx, row, now) => {
      if (row.status === 'closed' || row.status === 'referred_external')
        throw new AppError('conflict', 'This case is closed. To take it further, contact us again.');
      await customerSaid(tx, row, null, now, body, {
        channel: input.channel,
        ...(input.messageId ? { messageId: input.messageId } : {}),
      });
    });
  }

  async function customerDecide(caseId: string, input: { accept: boolean; reason: string }): Promise<void> {
    await customerChange(
      caseId,
      input.accept ? 'case.customer_accepted' : 'case.customer_rejected',
      (tx, row, now) => decided(tx, row, null, now, input.accept, input.reason),
    );
  }

  // ----------------------------------------------------------------------------------------------------
  // Bulk

  async function bulk(ctx: RequestContext, input: z.infer<typeof bulkSchema>) {
    const p = principalOf(ctx);
    const results: {
      id: string;
      ok: boolean;
      status: number;
      reference: string | null;
      error: string | null;
    }[] = [];
    for (const id of input.ids) {
      try {
        const current = await loadVisible(db, p, id);
        const a = input.action;
        const next =
          a.type === 'assign'
            ? await assign(ctx, id, { version: current.version, assigneeId: a.assigneeId, reason: a.reason })
            : await transition(ctx, id, {
                version: current.version,
                to: 'closed',
                outcome: a.outcome,
                reason: a.reason,
                rootCause: a.rootCause,
              });
        results.push({ id, ok: true, status: 200, reference: next.reference, error: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const statusByCode: Record<string, number> = {
          validation: 400,
          forbidden: 403,
          not_found: 404,
          conflict: 409,
          stale_version: 409,
        };
        const detail = err.details.errors?.map((e) => `${e.path} ${e.message}`).join('; ');
        results.push({
          id,
          ok: false,
          status: statusByCode[err.code] ?? 500,
          reference: err.code === 'not_found' ? null : ((await repo.findCase(db, id))?.reference ?? null),
          error: detail ? `${err.message} ${detail}` : err.message,
        });
      }
    }
    return { results };
  }

  return {
    list,
    count,
    get,
    getByReference,
    timeline,
    create,
    update,
    correctReceivedAt,
    transition,
    assign,
    candidates,
    approvers,
    addNote,
    sendMessage,
    recordCustomerMessage,
    recordStep,
    propose,
    decide,
    previewResponse,
    sendResponse,
    customerDecision,
    bulk,
    intake,
    trackingTokenFor,
    findTracking,
    customerView,
    customerReply,
    customerDecide,
    /** For SSE: may this principal watch this case? (404 otherwise) */
    async checkVisible(ctx: RequestContext, id: string) {
      const row = await loadVisible(db, principalOf(ctx), id);
      return { id: row.id, areaId: row.areaId };
    },
  };
}

/** Statuses from which a resolution may be proposed (or revised). */
const PROPOSE_FROM: CaseStatus[] = [
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'reopened',
  'under_review',
  'resolution_proposed',
  'awaiting_approval',
];
/** Statuses from which the response may be sent (approval permitting). */
const RESPOND_FROM: CaseStatus[] = [
  'resolution_proposed',
  'investigating',
  'reopened',
  'under_review',
  'awaiting_customer',
  'acknowledged',
];
