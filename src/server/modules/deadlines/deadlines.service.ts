import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  evaluateClock,
  isKnownTimeZone,
  standardAustralianCalendar,
  validateCalendar,
  type BusinessCalendar,
  type ClockEvent,
  type ClockStatus,
  type DeadlineTarget,
} from '../../../calendar/index.js';
import {
  DEADLINE_KINDS,
  PRIORITY_ORDER,
  type Calendar,
  type calendarCreateSchema,
  type calendarUpdateSchema,
  type CaseClock,
  type DeadlineKind,
  type DeadlinePolicy,
  type deadlinePolicyCreateSchema,
  type deadlinePolicyUpdateSchema,
  type DeadlineState,
  type Priority,
} from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import {
  actorOf,
  canSeeArea,
  systemContext,
  type ActorStamp,
  type Principal,
  type RequestContext,
} from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound, staleVersion, validationError, type FieldError } from '../../platform/errors.js';
import type { CaseChange, CaseEvents } from '../../platform/events.js';
import { enqueueJob, enqueueJobs, type JobWorker } from '../../platform/jobs.js';
import { queueMail } from '../../platform/mail.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './deadlines.repo.js';
import type { CaseForClocks, ClockPlanner, DeadlineClocks, NewClocksPlan } from './deadlines.types.js';

/** The queue of the durable jobs that fire warnings and breaches. */
export const DEADLINE_QUEUE = 'deadline.check';
const deadlineJobSchema = z.object({ clockId: z.string(), check: z.enum(['warning', 'due']) });

const KINDS = Object.keys(DEADLINE_KINDS) as DeadlineKind[];
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

type Target = { kind: 'businessTime' | 'calendarDays'; value: number };
interface PolicyTargets {
  acknowledgement: Target;
  first_response: Target;
  resolution: Target;
  warningPercent: number;
}

/**
 * The organisation-wide policies a new organisation starts with (businessTime in working minutes).
 * Urgent: 1 h / 4 h / 2 business days; high: 2 h / 1 day / 5 days; medium: 4 h / 2 days / 10 calendar
 * days; low: 1 day / 3 days / 20 calendar days (a business day = 8 working hours).
 */
export const DEFAULT_POLICIES: Record<Priority, PolicyTargets> = {
  urgent: {
    acknowledgement: { kind: 'businessTime', value: 60 },
    first_response: { kind: 'businessTime', value: 4 * 60 },
    resolution: { kind: 'businessTime', value: 16 * 60 },
    warningPercent: 75,
  },
  high: {
    acknowledgement: { kind: 'businessTime', value: 2 * 60 },
    first_response: { kind: 'businessTime', value: 8 * 60 },
    resolution: { kind: 'businessTime', value: 40 * 60 },
    warningPercent: 75,
  },
  medium: {
    acknowledgement: { kind: 'businessTime', value: 4 * 60 },
    first_response: { kind: 'businessTime', value: 16 * 60 },
    resolution: { kind: 'calendarDays', value: 10 },
    warningPercent: 75,
  },
  low: {
    acknowledgement: { kind: 'businessTime', value: 8 * 60 },
    first_response: { kind: 'businessTime', value: 24 * 60 },
    resolution: { kind: 'calendarDays', value: 20 },
    warningPercent: 75,
  },
};
export const DEFAULT_CALENDAR_NAME = 'Standard business hours';

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

function toCalendarDto(row: repo.CalendarRow): Calendar {
  const weekly: Record<string, { start: string; end: string }[]> = {};
  for (const day of WEEKDAYS) weekly[day] = row.weekly[day] ?? [];
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly,
    holidays: row.holidays,
    areaIds: row.areaIds ?? [],
    isDefault: row.isDefault,
    version: row.version,
  };
}

function toBusinessCalendar(
  row: Pick<repo.CalendarRow, 'timeZone' | 'weekly' | 'holidays'>,
): BusinessCalendar {
  return {
    timeZone: row.timeZone,
    weekly: row.weekly as BusinessCalendar['weekly'],
    holidays: row.holidays,
  };
}

function targetOf(kind: string, value: number): Target {
  return { kind: kind === 'calendarDays' ? 'calendarDays' : 'businessTime', value };
}

function toPolicyDto(row: repo.PolicyRow): DeadlinePolicy {
  return {
    id: row.id,
    areaId: row.areaId,
    areaName: row.areaName,
    priority: row.priority as Priority,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    acknowledgement: targetOf(row.ackKind, row.ackValue),
    firstResponse: targetOf(row.responseKind, row.responseValue),
    resolution: targetOf(row.resolutionKind, row.resolutionValue),
    warningPercent: row.warningPercent,
    active: row.active,
    version: row.version,
  };
}

function targetsOf(row: repo.PolicyRow): PolicyTargets {
  return {
    acknowledgement: targetOf(row.ackKind, row.ackValue),
    first_response: targetOf(row.responseKind, row.responseValue),
    resolution: targetOf(row.resolutionKind, row.resolutionValue),
    warningPercent: row.warningPercent,
  };
}

function libraryTarget(kind: string, value: number): DeadlineTarget {
  return kind === 'calendarDays'
    ? { kind: 'calendarDays', days: value }
    : { kind: 'businessTime', ms: value * 60_000 };
}

/** 'weekly.1[0].end' -> 'body.weekly.1.0.end', the way request validation names fields. */
function bodyPath(path: string): string {
  return `body.${path.replace(/\[(\d+)\]/g, '.$1')}`;
}

/** The stored clock events the library understands ('fulfilled' is its 'stopped'), in order. */
function lifecycleEvents(events: readonly repo.ClockEventRow[]): ClockEvent[] {
  const out: ClockEvent[] = [];
  for (const e of events) {
    if (e.type === 'started' || e.type === 'paused' || e.type === 'resumed')
      out.push({ type: e.type, at: e.at });
    else if (e.type === 'fulfilled') out.push({ type: 'stopped', at: e.at });
  }
  return out;
}

function describeTarget(t: Target): string {
  if (t.kind === 'calendarDays') return `${t.value} calendar day${t.value === 1 ? '' : 's'}`;
  if (t.value % 60 === 0) {
    const hours = t.value / 60;
    return `${hours} working hour${hours === 1 ? '' : 's'}`;
  }
  return `${t.value} working minutes`;
}

const kindLabel = (kind: string) => DEADLINE_KINDS[kind as DeadlineKind] ?? kind;

/** Intl formats are slow to build: one per locale and zone. */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export type DeadlineService = ReturnType<typeof createDeadlineService>;

export function createDeadlineService(deps: Deps, organisation: OrganisationService, events: CaseEvents) {
  const { db, clock, config, log } = deps;

  // ------------------------------------------------------------------------------------------------------
  // Small helpers

  async function formatter(tx: Db, timeZone: string): Promise<(at: Date | null) => string> {
    return formatterFor(await organisation.getOrganisation(tx), timeZone);
  }

  function formatterFor(
    org: { locale: string; timeZone: string } | null | undefined,
    timeZone: string,
  ): (at: Date | null) => string {
    const zone = isKnownTimeZone(timeZone) ? timeZone : (org?.timeZone ?? 'UTC');
    const key = `${org?.locale ?? 'en-AU'}|${zone}`;
    let format = clockFormats.get(key);
    if (!format)
      clockFormats.set(
        key,
        (format = new Intl.DateTimeFormat(org?.locale ?? 'en-AU', {
          timeZone: zone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        })),
      );
    return (at) => (at ? format.format(at) : 'unknown (paused)');
  }

  async function stampFor(tx: Db, actorId: string | null): Promise<ActorStamp> {
    let label = 'system';
    if (actorId) {
      // Deactivated people still sign their past actions.
      const u = await repo.userLabel(tx, actorId);
      if (u) label = `${u.name} <${u.email}>`;
    }
    return { actorId, actorLabel: label, requestId: 'deadline-clock', at: clock.now() };
  }

  /** Calendars by id, loaded once per operation. */
  function calendarCache(tx: Db) {
    const cache = new Map<string, BusinessCalendar>();
    return async (id: string | null): Promise<BusinessCalendar> => {
      const key = id ?? 'default';
      const hit = cache.get(key);
      if (hit) return hit;
      const row = id ? await repo.findCalendar(tx, id) : await repo.findDefaultCalendar(tx);
      // A clock always has a calendar; the fallback only guards against a hand-edited database.
      const cal = row ? toBusinessCalendar(row) : standardAustralianCalendar();
      cache.set(key, cal);
      return cal;
    };
  }

  function evaluate(
    c: repo.ClockRow,
    clockEvents: readonly repo.ClockEventRow[],
    calendar: BusinessCalendar,
    at: Date = clock.now(),
  ): ClockStatus {
    const lifecycle = lifecycleEvents(clockEvents);
    const last = lifecycle[lifecycle.length - 1];
    // Never evaluate before the newest event, or the library would ignore it.
    const now = last && last.at > at ? last.at : at;
    return evaluateClock({
      target: libraryTarget(c.targetKind, c.targetValue),
      calendar,
      events: lifecycle,
      now,
      warningFraction: c.warningPercent / 100,
    });
  }

  function lastEventAt(clockEvents: readonly repo.ClockEventRow[]): Date | null {
    const last = clockEvents[clockEvents.length - 1];
    return last ? last.at : null;
  }

  /**
   * Stores what the events now say (state, due and warning instants) and queues the jobs that fire the
   * warning and the breach. Keys carry the clock's version, so a re-plan queues fresh jobs while an
   * identical plan is never queued twice; the handlers' guards make a stale or repeated job harmless.
   */
  async function replan(
    tx: Db,
    c: repo.ClockRow,
    calendar: BusinessCalendar,
    extra: Partial<repo.ClockRow> = {},
  ): Promise<{ status: ClockStatus; row: repo.ClockRow }> {
    const clockEvents = await repo.eventsOfClocks(tx, [c.id]);
    const current = { ...c, ...extra };
    const status = evaluate(current, clockEvents, calendar);
    const stopped = status.stoppedAt !== null;
    const state = stopped
      ? status.isBreached
        ? 'breached'
        : 'met'
      : status.isRunning
        ? 'running'
        : 'paused';
    const changes = {
      ...extra,
      state,
      dueAt: status.dueAt,
      warningAt: status.warningAt,
      fulfilledAt: status.stoppedAt,
    };
    await repo.updateClock(tx, c.id, changes);
    const row: repo.ClockRow = { ...current, ...changes, version: c.version + 1 };
    if (state === 'running') {
      const key = `deadline:${c.id}:${c.cycle}`;
      if (row.warnedAt === null && status.warningAt) {
        await enqueueJob(
          tx,
          clock,
          DEADLINE_QUEUE,
          { clockId: c.id, check: 'warning' },
          {
            runAt: status.warningAt,
            dedupeKey: `${key}:warn:${status.warningAt.toISOString()}:v${row.version}`,
          },
        );
      }
      if (row.breachedAt === null && status.dueAt) {
        await enqueueJob(
          tx,
          clock,
          DEADLINE_QUEUE,
          { clockId: c.id, check: 'due' },
          { runAt: status.dueAt, dedupeKey: `${key}:due:${status.dueAt.toISOString()}:v${row.version}` },
        );
      }
    }
    return { status, row };
  }

  /** The newest cycle of each kind. */
  function latestOf(rows: readonly repo.ClockRow[]): repo.ClockRow[] {
    const byKind = new Map<string, repo.ClockRow>();
    for (const r of rows) {
      const seen = byKind.get(r.kind);
      if (!seen || r.cycle > seen.cycle) byKind.set(r.kind, r);
    }
    return KINDS.map((k) => byKind.get(k)).filter((r): r is repo.ClockRow => r !== undefined);
  }

  const isOpen = (c: repo.ClockRow) => c.state === 'running' || c.state === 'paused';

  /** Keeps cases.sort_due and cases.deadline_state in step with the clocks (no version bump). */
  async function refreshSummary(tx: Db, caseId: string): Promise<DeadlineState> {
    return writeSummary(tx, caseId, await repo.clocksOfCase(tx, caseId));
  }

  async function writeSummary(tx: Db, caseId: string, all: readonly repo.ClockRow[]): Promise<DeadlineState> {
    const { sortDue, state } = summaryOf(all);
    await repo.setCaseDeadlineSummary(tx, caseId, sortDue, state);
    return state;
  }

  /** What the queue sorts and filters on: the earliest running due time, and the deadline state. */
  function summaryOf(all: readonly Omit<repo.ClockRow, 'caseId'>[]): {
    sortDue: Date | null;
    state: DeadlineState;
  } {
    const byKind = new Map<string, Omit<repo.ClockRow, 'caseId'>>();
    for (const r of all) {
      const seen = byKind.get(r.kind);
      if (!seen || r.cycle > seen.cycle) byKind.set(r.kind, r);
    }
    const open = [...byKind.values()].filter((c) => c.state === 'running' || c.state === 'paused');
    const now = clock.now();
    const running = open.filter((c) => c.state === 'running');
    const dues = running.map((c) => c.dueAt).filter((d): d is Date => d !== null);
    const sortDue = dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
    let state: DeadlineState;
    if (open.length === 0) state = 'none';
    else if (
      open.some((c) => c.breachedAt !== null || (c.state === 'running' && c.dueAt !== null && c.dueAt <= now))
    )
      state = 'breached';
    else if (running.length === 0) state = 'paused';
    else if (running.some((c) => c.warnedAt !== null || (c.warningAt !== null && c.warningAt <= now)))
      state = 'due_soon';
    else state = 'on_track';
    return { sortDue, state };
  }

  function clockDto(
    row: Pick<repo.ClockRow, 'kind' | 'targetKind' | 'targetValue'>,
    status: ClockStatus,
  ): CaseClock {
    return {
      kind: row.kind as DeadlineKind,
      state: status.state,
      target: targetOf(row.targetKind, row.targetValue),
      startedAt: status.startedAt?.toISOString() ?? null,
      dueAt: status.dueAt?.toISOString() ?? null,
      warningAt: status.warningAt?.toISOString() ?? null,
      fulfilledAt: status.stoppedAt?.toISOString() ?? null,
      elapsedMs: status.elapsedMs,
      remainingMs: status.remainingMs,
      fractionUsed: status.fractionUsed,
      isWarning: status.isWarningReached,
      isBreached: status.isBreached,
    };
  }

  /** The jobs that fire a running clock's warning and breach; keys carry the clock's version. */
  function checkJobs(
    row: { id: string; cycle: number; version: number; warnedAt: Date | null; breachedAt: Date | null },
    status: ClockStatus,
  ) {
    const key = `deadline:${row.id}:${row.cycle}`;
    const jobs: { queue: string; payload: unknown; runAt: Date; dedupeKey: string; maxAttempts: number }[] =
      [];
    if (row.warnedAt === null && status.warningAt)
      jobs.push({
        queue: DEADLINE_QUEUE,
        payload: { clockId: row.id, check: 'warning' },
        runAt: status.warningAt,
        dedupeKey: `${key}:warn:${status.warningAt.toISOString()}:v${row.version}`,
        maxAttempts: 8,
      });
    if (row.breachedAt === null && status.dueAt)
      jobs.push({
        queue: DEADLINE_QUEUE,
        payload: { clockId: row.id, check: 'due' },
        runAt: status.dueAt,
        dedupeKey: `${key}:due:${status.dueAt.toISOString()}:v${row.version}`,
        maxAttempts: 8,
      });
    return jobs;
  }

  /**
   * Plans from what was loaded once: the policy that applies (area and category specific first, as
   * `repo.applicablePolicy` chooses), the area's calendar (else the default), the organisation's formats.
   */
  async function loadPlanner(handle: Db): Promise<ClockPlanner> {
    const [policies, calendars, org] = [
      await repo.listPolicies(handle, null),
      await repo.listCalendars(handle),
      await organisation.getOrganisation(handle),
    ];
    const active = policies
      .filter((p) => p.active)
      .sort(
        (a, b) =>
          Number(a.areaId === null) - Number(b.areaId === null) ||
          Number(a.categoryId === null) - Number(b.categoryId === null),
      );
    const calendarOfArea = new Map<string, repo.CalendarRow>();
    for (const cal of calendars) for (const areaId of cal.areaIds) calendarOfArea.set(areaId, cal);
    const fallback = calendars.find((c) => c.isDefault);
    const business = new Map(calendars.map((c) => [c.id, toBusinessCalendar(c)]));
    const formats = new Map<string, (at: Date | null) => string>();
    return {
      plan(c, { actorId, fulfilled, at }) {
        const policy = active.find(
          (p) =>
            p.priority === c.priority &&
            (p.areaId === null || p.areaId === c.areaId) &&
            (c.categoryId ? p.categoryId === null || p.categoryId === c.categoryId : p.categoryId === null),
        );
        const calendarRow = calendarOfArea.get(c.areaId) ?? fallback;
        if (!policy || !calendarRow) return null;
        const calendar = business.get(calendarRow.id)!;
        let format = formats.get(calendar.timeZone);
        if (!format) formats.set(calendar.timeZone, (format = formatterFor(org, calendar.timeZone)));
        const targets = targetsOf(policy);
        const plan: NewClocksPlan = {
          clocks: [],
          clockEvents: [],
          jobs: [],
          timeline: [],
          sortDue: null,
          deadlineState: 'none',
          dtos: [],
        };
        // One timeline entry says when each clock is due; fulfilments follow it.
        const started: string[] = [];
        const startedData: { kind: DeadlineKind; dueAt: string | null }[] = [];
        const fulfilments: NewClocksPlan['timeline'] = [];
        for (const kind of KINDS) {
          const done = fulfilled.includes(kind);
          const row = {
            id: randomUUID(),
            caseId: c.id,
            kind,
            targetKind: targets[kind].kind,
            targetValue: targets[kind].value,
            warningPercent: targets.warningPercent,
            calendarId: calendarRow.id,
            state: 'running',
            startedAt: c.receivedAt,
            dueAt: null as Date | null,
            warningAt: null as Date | null,
            fulfilledAt: null as Date | null,
            warnedAt: null,
            breachedAt: null as Date | null,
            cycle: 1,
            version: done ? 2 : 1,
          };
          const events: repo.ClockEventRow[] = [
            { id: 0, clockId: row.id, type: 'started', at: c.receivedAt, actorId, reason: '' },
          ];
          const when = at > c.receivedAt ? at : c.receivedAt;
          if (done) events.push({ id: 0, clockId: row.id, type: 'fulfilled', at: when, actorId, reason: '' });
          const status = evaluate(row, events, calendar, at);
          row.dueAt = status.dueAt;
          row.warningAt = status.warningAt;
          row.fulfilledAt = status.stoppedAt;
          row.state = status.stoppedAt ? (status.isBreached ? 'breached' : 'met') : 'running';
          if (done && status.isBreached && status.dueAt) row.breachedAt = status.dueAt;
          plan.clocks.push(row);
          plan.clockEvents.push(
            ...events.map(({ clockId, type, at: eAt, actorId: a, reason }) => ({
              clockId,
              type,
              at: eAt,
              actorId: a,
              reason,
            })),
          );
          if (row.breachedAt)
            plan.clockEvents.push({
              clockId: row.id,
              type: 'breached',
              at: row.breachedAt,
              actorId: null,
              reason: '',
            });
          if (row.state === 'running') plan.jobs.push(...checkJobs(row, status));
          started.push(
            `${kindLabel(kind).toLowerCase()} ${describeTarget(targets[kind])}, due ${format(status.dueAt)}`,
          );
          startedData.push({ kind, dueAt: status.dueAt ? status.dueAt.toISOString() : null });
          if (done)
            fulfilments.push({
              caseId: c.id,
              type: 'deadline',
              at: when,
              actorId,
              body: `${kindLabel(kind)} target ${status.isBreached ? 'missed' : 'met'}: done ${format(when)}, due ${format(status.dueAt)}.`,
              data: {
                kind,
                event: status.isBreached ? 'fulfilled_late' : 'fulfilled',
                dueAt: status.dueAt ? status.dueAt.toISOString() : null,
              },
            });
          plan.dtos.push(clockDto(row, status));
        }
        plan.timeline.push(
          {
            caseId: c.id,
            type: 'deadline',
            at,
            actorId,
            body: `Deadline clocks started: ${started.join('; ')}.`,
            data: { event: 'started', clocks: startedData, cycle: 1 },
          },
          ...fulfilments,
        );
        const summary = summaryOf(plan.clocks);
        plan.sortDue = summary.sortDue;
        plan.deadlineState = summary.state;
        return plan;
      },
    };
  }

  /** Writes a planned set of new clocks in the caller's transaction. */
  async function writePlan(tx: Db, plan: NewClocksPlan) {
    await repo.insertClocks(tx, plan.clocks);
    await repo.insertClockEvents(tx, plan.clockEvents);
    await enqueueJobs(
      tx,
      clock,
      plan.jobs.map(({ queue, payload, runAt, dedupeKey, maxAttempts }) => ({
        queue,
        payload,
        options: { runAt, dedupeKey, maxAttempts },
      })),
    );
    await repo.insertTimelineEntries(tx, plan.timeline);
    await repo.setCaseDeadlineSummary(tx, plan.clocks[0]!.caseId, plan.sortDue, plan.deadlineState);
  }

  async function timeline(
    tx: Db,
    caseId: string,
    at: Date,
    actorId: string | null,
    body: string,
    data: { kind: string; event: string; dueAt: Date | null } & Record<string, unknown>,
    type = 'deadline',
  ) {
    await repo.insertTimelineEntry(tx, {
      caseId,
      type,
      at,
      actorId,
      body,
      data: { ...data, dueAt: data.dueAt ? data.dueAt.toISOString() : null },
    });
  }

  async function startClock(
    tx: Db,
    c: CaseForClocks,
    kind: DeadlineKind,
    target: Target,
    warningPercent: number,
    calendarId: string,
    calendar: BusinessCalendar,
    startedAt: Date,
    cycle: number,
    actorId: string | null,
    reason: string,
    format: (at: Date | null) => string,
  ) {
    const row = await repo.insertClock(tx, {
      caseId: c.id,
      kind,
      targetKind: target.kind,
      targetValue: target.value,
      warningPercent,
      calendarId,
      state: 'running',
      startedAt,
      cycle,
    });
    await repo.insertClockEvent(tx, { clockId: row.id, type: 'started', at: startedAt, actorId, reason });
    const { status } = await replan(tx, row, calendar);
    const again = cycle > 1 ? ` (cycle ${cycle}${reason ? `: ${reason}` : ''})` : '';
    await timeline(
      tx,
      c.id,
      clock.now(),
      actorId,
      `${kindLabel(kind)} clock started${again}: target ${describeTarget(target)}, due ${format(status.dueAt)}.`,
      { kind, event: 'started', dueAt: status.dueAt, cycle },
    );
  }

  // ------------------------------------------------------------------------------------------------------
  // DeadlineClocks: what the cases module calls inside its transactions

  const clocks: DeadlineClocks = {
    async startClocks(tx, c, actorId) {
      const existing = await repo.clocksOfCase(tx, c.id);
      if (existing.length > 0) return;
      const plan = (await loadPlanner(tx)).plan(c, { actorId, fulfilled: [], at: clock.now() });
      if (!plan) {
        await repo.setCaseDeadlineSummary(tx, c.id, null, 'none');
        return;
      }
      await writePlan(tx, plan);
    },

    loadPlanner,

    async fulfil(tx, caseId, kind, at, actorId) {
      const target = latestOf(await repo.clocksOfCase(tx, caseId, true)).find((c) => c.kind === kind);
      if (!target || !isOpen(target)) return;
      const calendar = await calendarCache(tx)(target.calendarId);
      const before = await repo.eventsOfClocks(tx, [target.id]);
      const last = lastEventAt(before);
      const when = last && last > at ? last : at;
      await repo.insertClockEvent(tx, { clockId: target.id, type: 'fulfilled', at: when, actorId });
      const { status } = await replan(tx, target, calendar);
      const format = await formatter(tx, calendar.timeZone);
      if (status.isBreached && status.dueAt && (await repo.markBreached(tx, target.id, status.dueAt))) {
        await repo.insertClockEvent(tx, { clockId: target.id, type: 'breached', at: status.dueAt });
      }
      const body = status.isBreached
        ? `${kindLabel(kind)} target missed: done ${format(when)}, due ${format(status.dueAt)}.`
        : `${kindLabel(kind)} target met: done ${format(when)}, due ${format(status.dueAt)}.`;
      await timeline(tx, caseId, when, actorId, body, {
        kind,
        event: status.isBreached ? 'fulfilled_late' : 'fulfilled',
        dueAt: status.dueAt,
      });
      await refreshSummary(tx, caseId);
    },

    async pause(tx, caseId, at, actorId, reason) {
      await pauseOrResume(tx, caseId, at, actorId, reason, 'paused');
    },

    async resume(tx, caseId, at, actorId, reason) {
      await pauseOrResume(tx, caseId, at, actorId, reason, 'resumed');
    },

    async restartResolution(tx, c, at, actorId, reason) {
      const all = await repo.clocksOfCase(tx, c.id, true);
      const current = latestOf(all).find((r) => r.kind === 'resolution');
      if (current && isOpen(current)) await clocks.fulfil(tx, c.id, 'resolution', at, actorId);
      const policy = await repo.applicablePolicy(tx, c.areaId, c.priority, c.categoryId);
      const calendarRow = await repo.calendarOfArea(tx, c.areaId);
      if (!policy || !calendarRow) {
        await refreshSummary(tx, c.id);
        return;
      }
      const targets = targetsOf(policy);
      const calendar = toBusinessCalendar(calendarRow);
      const cycle = Math.max(0, ...all.filter((r) => r.kind === 'resolution').map((r) => r.cycle)) + 1;
      await startClock(
        tx,
        c,
        'resolution',
        targets.resolution,
        targets.warningPercent,
        calendarRow.id,
        calendar,
        at,
        cycle,
        actorId,
        reason,
        await formatter(tx, calendar.timeZone),
      );
      await refreshSummary(tx, c.id);
    },

    async rebase(tx, c, actorId) {
      const first = latestOf(await repo.clocksOfCase(tx, c.id, true)).filter((r) => r.cycle === 1);
      const calendarCache = new Map<string, BusinessCalendar>();
      for (const row of first) {
        const events = await repo.eventsOfClocks(tx, [row.id]);
        // The first clocks start when the case was received; a clock already paused, resumed or stopped
        // before the corrected time keeps its start, since its events would otherwise be out of order.
        if (events.some((e) => e.type !== 'started' && e.at.getTime() < c.receivedAt.getTime())) continue;
        await repo.moveClockStart(tx, row.id, c.receivedAt);
        const calendarRow = row.calendarId ? await repo.findCalendar(tx, row.calendarId) : undefined;
        if (!calendarRow) continue;
        const calendar = calendarCache.get(calendarRow.id) ?? toBusinessCalendar(calendarRow);
        calendarCache.set(calendarRow.id, calendar);
        const { status } = await replan(tx, { ...row, startedAt: c.receivedAt }, calendar);
        const format = await formatter(tx, calendar.timeZone);
        await timeline(
          tx,
          c.id,
          clock.now(),
          actorId,
          `${kindLabel(row.kind)} clock now counts from the corrected received time: due ${format(status.dueAt)}.`,
          { kind: row.kind, event: 'rebased', dueAt: status.dueAt },
        );
      }
      await refreshSummary(tx, c.id);
    },

    async retarget(tx, c, actorId) {
      const all = await repo.clocksOfCase(tx, c.id, true);
      const policy = await repo.applicablePolicy(tx, c.areaId, c.priority, c.categoryId);
      if (all.length === 0) {
        if (policy) await clocks.startClocks(tx, c, actorId);
        return;
      }
      const calendarRow = await repo.calendarOfArea(tx, c.areaId);
      if (!policy || !calendarRow) return;
      const targets = targetsOf(policy);
      const calendar = toBusinessCalendar(calendarRow);
      const format = await formatter(tx, calendar.timeZone);
      for (const row of latestOf(all).filter(isOpen)) {
        const target = targets[row.kind as DeadlineKind];
        const same =
          row.targetKind === target.kind &&
          row.targetValue === target.value &&
          row.warningPercent === targets.warningPercent &&
          row.calendarId === calendarRow.id;
        if (same) continue;
        const { status } = await replan(tx, row, calendar, {
          targetKind: target.kind,
          targetValue: target.value,
          warningPercent: targets.warningPercent,
          calendarId: calendarRow.id,
        });
        await timeline(
          tx,
          c.id,
          clock.now(),
          actorId,
          `${kindLabel(row.kind)} target changed to ${describeTarget(target)}: due ${format(status.dueAt)}.`,
          { kind: row.kind, event: 'retargeted', dueAt: status.dueAt },
        );
      }
      await refreshSummary(tx, c.id);
    },

    async clocksOf(handle, caseId) {
      const rows = latestOf(await repo.clocksOfCase(handle, caseId));
      const allEvents = await repo.eventsOfClocks(
        handle,
        rows.map((r) => r.id),
      );
      const calendars = calendarCache(handle);
      const now = clock.now();
      const out: CaseClock[] = [];
      for (const row of rows) {
        const status = evaluate(
          row,
          allEvents.filter((e) => e.clockId === row.id),
          await calendars(row.calendarId),
          now,
        );
        out.push(clockDto(row, status));
      }
      return out;
    },
  };

  async function pauseOrResume(
    tx: Db,
    caseId: string,
    at: Date,
    actorId: string | null,
    reason: string,
    type: 'paused' | 'resumed',
  ) {
    const from = type === 'paused' ? 'running' : 'paused';
    const targets = latestOf(await repo.clocksOfCase(tx, caseId, true)).filter((c) => c.state === from);
    if (targets.length === 0) return;
    const calendars = calendarCache(tx);
    const changed: { kind: string; dueAt: string | null }[] = [];
    let format: ((at: Date | null) => string) | null = null;
    for (const row of targets) {
      const calendar = await calendars(row.calendarId);
      format ??= await formatter(tx, calendar.timeZone);
      const last = lastEventAt(await repo.eventsOfClocks(tx, [row.id]));
      const when = last && last > at ? last : at;
      await repo.insertClockEvent(tx, { clockId: row.id, type, at: when, actorId, reason });
      const { status } = await replan(tx, row, calendar);
      const why = reason ? ` (${reason})` : '';
      const body =
        type === 'paused'
          ? `${kindLabel(row.kind)} clock paused${why}.`
          : `${kindLabel(row.kind)} clock resumed${why}: due ${format(status.dueAt)}.`;
      await timeline(tx, caseId, when, actorId, body, { kind: row.kind, event: type, dueAt: status.dueAt });
      changed.push({ kind: row.kind, dueAt: status.dueAt?.toISOString() ?? null });
    }
    await writeAudit(tx, await stampFor(tx, actorId), {
      action: type === 'paused' ? 'case.clock_paused' : 'case.clock_resumed',
      entityType: 'case',
      entityId: caseId,
      after: { clocks: changed, reason, at: at.toISOString() },
    });
    await refreshSummary(tx, caseId);
  }

  // ------------------------------------------------------------------------------------------------------
  // The durable job: warning and breach, each at most once per clock

  async function handleCheck(payload: z.infer<typeof deadlineJobSchema>): Promise<void> {
    let change: CaseChange | null = null;
    await db.transaction(async (tx) => {
      const peek = await repo.findClock(tx, payload.clockId);
      // Paused, met or re-planned: the plan that changed it queued whatever is still needed.
      if (!peek || peek.state !== 'running') return;
      // Lock the case before its clock, in the same order as the cases service, so the two never deadlock.
      const kase = await repo.findCaseBrief(tx, peek.caseId, true);
      const row = await repo.findClock(tx, payload.clockId, true);
      if (!kase || !row || row.state !== 'running') return;
      const calendar = await calendarCache(tx)(row.calendarId);
      const status = evaluate(row, await repo.eventsOfClocks(tx, [row.id]), calendar);
      if (!status.isRunning) return;
      const now = clock.now();
      const format = await formatter(tx, calendar.timeZone);
      const link = `${config.publicUrl.replace(/\/$/, '')}/cases/${kase.id}`;
      let version = kase.version;

      if (payload.check === 'warning') {
        if (!status.isWarningReached || status.isBreached) return;
        if (!(await repo.markWarned(tx, row.id, now))) return;
        await repo.insertClockEvent(tx, { clockId: row.id, type: 'warned', at: now });
        await timeline(
          tx,
          kase.id,
          now,
          null,
          `${kindLabel(row.kind)} due soon: ${Math.round(status.fractionUsed * 100)}% of the time used, due ${format(status.dueAt)}.`,
          { kind: row.kind, event: 'warned', dueAt: status.dueAt },
        );
        const recipients = kase.assigneeId
          ? [await repo.activeUser(tx, kase.assigneeId)].filter((r): r is repo.Recipient => !!r)
          : await repo.escalationRecipients(tx, kase.areaId, kase.teamId, kase.concernsUserId);
        for (const to of recipients) {
          await queueMail(tx, clock, {
            to: to.email,
            subject: `Due soon: ${kindLabel(row.kind).toLowerCase()} of case ${kase.reference}`,
            text:
              `Hello ${to.name},\n\nThe ${kindLabel(row.kind).toLowerCase()} of case ${kase.reference} ` +
              `(${kase.subject}) in ${kase.areaName} is due ${format(status.dueAt)}.\n\nOpen the case: ${link}\n`,
          });
        }
      } else {
        if (!status.isBreached || !status.dueAt) return;
        if (!(await repo.markBreached(tx, row.id, status.dueAt))) return;
        await repo.insertClockEvent(tx, { clockId: row.id, type: 'breached', at: status.dueAt });
        await timeline(
          tx,
          kase.id,
          now,
          null,
          `${kindLabel(row.kind)} target missed: it was due ${format(status.dueAt)}.`,
          { kind: row.kind, event: 'breached', dueAt: status.dueAt },
        );
        // Escalation: one step up in priority, and the supervisors and team leader hear of it.
        const from = kase.priority as Priority;
        const index = PRIORITY_ORDER.indexOf(from);
        const to = PRIORITY_ORDER[Math.min(PRIORITY_ORDER.length - 1, Math.max(0, index + 1))]!;
        version = await repo.escalateCase(tx, kase.id, to, now);
        await repo.insertClockEvent(tx, { clockId: row.id, type: 'escalated', at: now });
        const recipients = await repo.escalationRecipients(tx, kase.areaId, kase.teamId, kase.concernsUserId);
        const names = recipients.map((r) => r.name).join(', ');
        await timeline(
          tx,
          kase.id,
          now,
          null,
          `Escalated after the missed ${kindLabel(row.kind).toLowerCase()} target: priority ` +
            (from === to ? `stays ${to}` : `raised from ${from} to ${to}`) +
            (names ? `; ${names} notified.` : '; no supervisor to notify.'),
          {
            kind: row.kind,
            event: 'escalated',
            dueAt: status.dueAt,
            from,
            to,
            notified: recipients.map((r) => r.id),
          },
          'escalated',
        );
        await writeAudit(tx, actorOf(systemContext(`job:${DEADLINE_QUEUE}`), clock), {
          action: 'case.escalated',
          entityType: 'case',
          entityId: kase.id,
          before: { priority: from },
          after: { priority: to, escalated: true, missed: row.kind, dueAt: status.dueAt.toISOString() },
        });
        for (const r of recipients) {
          await queueMail(tx, clock, {
            to: r.email,
            subject: `Escalated: ${kindLabel(row.kind).toLowerCase()} target missed on case ${kase.reference}`,
            text:
              `Hello ${r.name},\n\nCase ${kase.reference} (${kase.subject}) in ${kase.areaName} missed its ` +
              `${kindLabel(row.kind).toLowerCase()} target, due ${format(status.dueAt)}. ` +
              `Its priority is now ${to}.\n\nOpen the case: ${link}\n`,
          });
        }
      }
      await refreshSummary(tx, kase.id);
      change = {
        caseId: kase.id,
        areaId: kase.areaId,
        version,
        type: 'deadline',
        actorId: null,
        at: now.toISOString(),
      };
    });
    if (change) events.publish(change);
  }

  function registerJobs(worker: JobWorker): void {
    worker.register(DEADLINE_QUEUE, { schema: deadlineJobSchema, handle: handleCheck });
  }

  /** A calendar's working time changed: its open clocks get new due instants and jobs. */
  async function replanCalendar(tx: Db, calendarId: string) {
    const open = await repo.openClocksOfCalendar(tx, calendarId);
    if (open.length === 0) return;
    const calendar = await calendarCache(tx)(calendarId);
    const byCase = new Map<string, repo.ClockRow[]>();
    for (const row of open) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    for (const [caseId, rows] of byCase) {
      // Case first, then its clocks: the order the cases service locks in.
      await repo.findCaseBrief(tx, caseId, true);
      const locked = (await repo.clocksOfCase(tx, caseId, true)).filter(
        (r) => r.calendarId === calendarId && isOpen(r) && rows.some((o) => o.id === r.id),
      );
      for (const row of locked) await replan(tx, row, calendar);
      await refreshSummary(tx, caseId);
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Calendars

  function checkCalendar(cal: BusinessCalendar) {
    const problems = validateCalendar(cal);
    if (problems.length) {
      throw validationError(problems.map((p) => ({ path: bodyPath(p.path), message: p.message })));
    }
  }

  async function checkAreas(tx: Db, p: Principal, areaIds: readonly string[]) {
    await organisation.checkMembership(tx, p, areaIds, []).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'forbidden') {
        throw new AppError('forbidden', 'You can only configure business areas you work in.');
      }
      throw err;
    });
  }

  async function listCalendars(ctx: RequestContext) {
    principalOf(ctx);
    const rows = await repo.listCalendars(db);
    return { items: rows.map(toCalendarDto), nextCursor: null };
  }

  async function getCalendar(ctx: RequestContext, id: string): Promise<Calendar> {
    principalOf(ctx);
    const row = await repo.findCalendar(db, id);
    if (!row) throw notFound('Calendar');
    return toCalendarDto(row);
  }

  async function createCalendar(
    ctx: RequestContext,
    input: z.infer<typeof calendarCreateSchema>,
  ): Promise<Calendar> {
    const p = principalOf(ctx);
    checkCalendar(input as BusinessCalendar);
    return db.transaction(async (tx) => {
      if (await repo.calendarNameTaken(tx, input.name)) {
        throw validationError([{ path: 'body.name', message: 'is already used by another calendar' }]);
      }
      await checkAreas(tx, p, input.areaIds);
      const id = await repo.insertCalendar(tx, {
        name: input.name,
        timeZone: input.timeZone,
        weekly: input.weekly,
        holidays: input.holidays,
      });
      await repo.assignCalendarAreas(tx, id, input.areaIds);
      const row = (await repo.findCalendar(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'calendar.created',
        entityType: 'calendar',
        entityId: id,
        after: toCalendarDto(row),
      });
      return toCalendarDto(row);
    });
  }

  async function updateCalendar(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof calendarUpdateSchema>,
  ): Promise<Calendar> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findCalendar(tx, id, true);
      if (!current) throw notFound('Calendar');
      if (current.version !== input.version) throw staleVersion(toCalendarDto(current));
      const { version: _v, areaIds, ...changes } = input;
      const merged = {
        timeZone: changes.timeZone ?? current.timeZone,
        weekly: changes.weekly ?? current.weekly,
        holidays: changes.holidays ?? current.holidays,
      };
      checkCalendar(toBusinessCalendar(merged));
      if (changes.name !== undefined && (await repo.calendarNameTaken(tx, changes.name, id))) {
        throw validationError([{ path: 'body.name', message: 'is already used by another calendar' }]);
      }
      if (areaIds !== undefined) {
        // Areas taken off this calendar must be usable by the actor too.
        const touched = [...new Set([...areaIds, ...current.areaIds.filter((a) => !areaIds.includes(a))])];
        await checkAreas(tx, p, areaIds);
        if (!p.allAreas && touched.some((a) => !p.areaIds.includes(a))) {
          throw new AppError('forbidden', 'You can only configure business areas you work in.');
        }
        await repo.assignCalendarAreas(tx, id, areaIds);
      }
      await repo.updateCalendar(tx, id, changes, clock.now());
      const next = (await repo.findCalendar(tx, id))!;
      const before = toCalendarDto(current);
      const after = toCalendarDto(next);
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'calendar.updated',
        entityType: 'calendar',
        entityId: id,
        ...diffFields(before, after),
      });
      const timeChanged =
        before.timeZone !== after.timeZone ||
        JSON.stringify(before.weekly) !== JSON.stringify(after.weekly) ||
        JSON.stringify(before.holidays) !== JSON.stringify(after.holidays);
      if (timeChanged) await replanCalendar(tx, id);
      return after;
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Deadline policies

  const policyVisible = (p: Principal, areaId: string | null) => areaId === null || canSeeArea(p, areaId);

  async function listPolicies(ctx: RequestContext) {
    const p = principalOf(ctx);
    const rows = await repo.listPolicies(db, p.allAreas ? null : p.areaIds);
    return { items: rows.map(toPolicyDto), nextCursor: null };
  }

  async function checkPolicyScope(
    tx: Db,
    p: Principal,
    scope: { areaId: string | null; priority: string; categoryId: string | null },
    exceptId?: string,
  ) {
    const errors: FieldError[] = [];
    if (scope.areaId) {
      await organisation.checkMembership(tx, p, [scope.areaId], []).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'validation') {
          errors.push({ path: 'body.areaId', message: 'is not a business area' });
          return;
        }
        if (err instanceof AppError && err.code === 'forbidden') {
          throw new AppError('forbidden', 'You can only set deadlines for business areas you work in.');
        }
        throw err;
      });
    }
    if (scope.categoryId && !(await repo.categoryExists(tx, scope.categoryId))) {
      errors.push({ path: 'body.categoryId', message: 'is not a case category' });
    }
    if (errors.length) throw validationError(errors);
    const active = await repo.listPolicies(tx, null);
    const clash = active.find(
      (r) =>
        r.active &&
        r.id !== exceptId &&
        r.areaId === scope.areaId &&
        r.priority === scope.priority &&
        r.categoryId === scope.categoryId,
    );
    if (clash) {
      throw new AppError(
        'conflict',
        'An active deadline policy already covers this area, priority and category. Edit that one instead.',
        { existingId: clash.id },
      );
    }
  }

  async function createPolicy(
    ctx: RequestContext,
    input: z.infer<typeof deadlinePolicyCreateSchema>,
  ): Promise<DeadlinePolicy> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      await checkPolicyScope(tx, p, input);
      const id = await repo.insertPolicy(tx, {
        areaId: input.areaId,
        priority: input.priority,
        categoryId: input.categoryId,
        ackKind: input.acknowledgement.kind,
        ackValue: input.acknowledgement.value,
        responseKind: input.firstResponse.kind,
        responseValue: input.firstResponse.value,
        resolutionKind: input.resolution.kind,
        resolutionValue: input.resolution.value,
        warningPercent: input.warningPercent,
      });
      const row = (await repo.findPolicy(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'deadline_policy.created',
        entityType: 'deadline_policy',
        entityId: id,
        after: toPolicyDto(row),
      });
      return toPolicyDto(row);
    });
  }

  async function updatePolicy(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof deadlinePolicyUpdateSchema>,
  ): Promise<DeadlinePolicy> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findPolicy(tx, id, true);
      if (!current || !policyVisible(p, current.areaId)) throw notFound('Deadline policy');
      if (current.version !== input.version) throw staleVersion(toPolicyDto(current));
      if (current.areaId && !p.allAreas && !p.areaIds.includes(current.areaId)) {
        throw new AppError('forbidden', 'You can only set deadlines for business areas you work in.');
      }
      if (input.active === true && !current.active) {
        await checkPolicyScope(tx, p, current, id);
      }
      await repo.updatePolicy(
        tx,
        id,
        {
          ...(input.acknowledgement && {
            ackKind: input.acknowledgement.kind,
            ackValue: input.acknowledgement.value,
          }),
          ...(input.firstResponse && {
            responseKind: input.firstResponse.kind,
            responseValue: input.firstResponse.value,
          }),
          ...(input.resolution && {
            resolutionKind: input.resolution.kind,
            resolutionValue: input.resolution.value,
          }),
          ...(input.warningPercent !== undefined && { warningPercent: input.warningPercent }),
          ...(input.active !== undefined && { active: input.active }),
        },
        clock.now(),
      );
      const next = (await repo.findPolicy(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action:
          input.active === false && current.active
            ? 'deadline_policy.deactivated'
            : 'deadline_policy.updated',
        entityType: 'deadline_policy',
        entityId: id,
        ...diffFields(toPolicyDto(current), toPolicyDto(next)),
      });
      return toPolicyDto(next);
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Defaults

  /**
   * Creates the default calendar and the organisation-wide policies when missing. Idempotent; a policy an
   * administrator deactivated is never recreated. Runs inside the caller's transaction.
   */
  async function ensureDefaults(tx: Db, timeZone: string): Promise<void> {
    const zone = isKnownTimeZone(timeZone) ? timeZone : 'Australia/Sydney';
    const stamp = actorOf(systemContext('deadline-defaults'), clock);
    if (!(await repo.findDefaultCalendar(tx))) {
      const year = Number(
        new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(clock.now()),
      );
      const cal = standardAustralianCalendar({ fromYear: year, toYear: year + 1, timeZone: zone });
      let name = DEFAULT_CALENDAR_NAME;
      if (await repo.calendarNameTaken(tx, name)) name = `${DEFAULT_CALENDAR_NAME} (default)`;
      const weekly: Record<string, { start: string; end: string }[]> = {};
      for (const day of WEEKDAYS) weekly[day] = [...(cal.weekly[Number(day) as 1] ?? [])];
      const id = await repo.insertCalendar(tx, {
        name,
        timeZone: zone,
        weekly,
        holidays: [...cal.holidays],
        isDefault: true,
      });
      await writeAudit(tx, stamp, {
        action: 'calendar.created',
        entityType: 'calendar',
        entityId: id,
        after: toCalendarDto((await repo.findCalendar(tx, id))!),
      });
      log.info({ calendarId: id }, 'default business calendar created');
    }
    for (const priority of PRIORITY_ORDER) {
      if (await repo.policyScopeExists(tx, priority)) continue;
      const d = DEFAULT_POLICIES[priority];
      const id = await repo.insertPolicy(tx, {
        areaId: null,
        priority,
        categoryId: null,
        ackKind: d.acknowledgement.kind,
        ackValue: d.acknowledgement.value,
        responseKind: d.first_response.kind,
        responseValue: d.first_response.value,
        resolutionKind: d.resolution.kind,
        resolutionValue: d.resolution.value,
        warningPercent: d.warningPercent,
      });
      await writeAudit(tx, stamp, {
        action: 'deadline_policy.created',
        entityType: 'deadline_policy',
        entityId: id,
        after: toPolicyDto((await repo.findPolicy(tx, id))!),
      });
    }
  }

  return {
    ...clocks,
    registerJobs,
    ensureDefaults,
    listCalendars,
    getCalendar,
    createCalendar,
    updateCalendar,
    listPolicies,
    createPolicy,
    updatePolicy,
  };
}
