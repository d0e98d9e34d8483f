import type { CaseClock, DeadlineKind, DeadlineState, Priority } from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';

/** What the deadline clocks need to know about a case. */
export interface CaseForClocks {
  id: string;
  reference: string;
  areaId: string;
  priority: Priority;
  categoryId: string | null;
  receivedAt: Date;
}

/** A new case's clocks, planned in memory: every row to write, and what the case shows of them. */
export interface NewClocksPlan {
  clocks: {
    id: string;
    caseId: string;
    kind: DeadlineKind;
    targetKind: string;
    targetValue: number;
    warningPercent: number;
    calendarId: string;
    state: string;
    startedAt: Date;
    dueAt: Date | null;
    warningAt: Date | null;
    fulfilledAt: Date | null;
    warnedAt: Date | null;
    breachedAt: Date | null;
    cycle: number;
    version: number;
  }[];
  clockEvents: { clockId: string; type: string; at: Date; actorId: string | null; reason: string }[];
  jobs: { queue: string; payload: unknown; runAt: Date; dedupeKey: string; maxAttempts: number }[];
  /** case_events entries ('deadline'). */
  timeline: {
    caseId: string;
    type: string;
    at: Date;
    actorId: string | null;
    body: string;
    data: Record<string, unknown>;
  }[];
  sortDue: Date | null;
  deadlineState: DeadlineState;
  /** The clocks as `clocksOf` would return them just after the write. */
  dtos: CaseClock[];
}

/** Plans new cases' clocks from policies and calendars loaded once (see `DeadlineClocks.loadPlanner`). */
export interface ClockPlanner {
  /**
   * The acknowledgement, first response and resolution clocks of a new case, started at its received time;
   * the kinds in `fulfilled` are fulfilled at `at` (e.g. acknowledged by email as it was recorded). Null
   * when no policy applies (the case then has no clocks).
   */
  plan(
    c: CaseForClocks,
    opts: { actorId: string | null; fulfilled: readonly DeadlineKind[]; at: Date },
  ): NewClocksPlan | null;
}

/**
 * The deadline clocks as the cases module uses them. Every function that takes `tx` runs inside the
 * caller's transaction, writes clock_events, a case_events timeline entry ('deadline') and audit events for
 * pauses and resumes, re-plans the `deadline.check` jobs, and keeps cases.sort_due / cases.deadline_state
 * up to date.
 */
export interface DeadlineClocks {
  /** Starts the acknowledgement, first response and resolution clocks at the received time. */
  startClocks(tx: Db, c: CaseForClocks, actorId: string | null): Promise<void>;
  /** Stops a running or paused clock as fulfilled (met, or breached if past due). No-op when none is open. */
  fulfil(tx: Db, caseId: string, kind: DeadlineKind, at: Date, actorId: string | null): Promise<void>;
  /** Pauses every running clock (awaiting the customer). */
  pause(tx: Db, caseId: string, at: Date, actorId: string | null, reason: string): Promise<void>;
  /** Resumes every paused clock. */
  resume(tx: Db, caseId: string, at: Date, actorId: string | null, reason: string): Promise<void>;
  /** Starts a fresh resolution clock (next cycle) when a case is reopened or goes under review. */
  restartResolution(
    tx: Db,
    c: CaseForClocks,
    at: Date,
    actorId: string | null,
    reason: string,
  ): Promise<void>;
  /** Priority or category changed: open clocks take the targets of the policy that now applies. */
  retarget(tx: Db, c: CaseForClocks, actorId: string | null): Promise<void>;
  /** The received time was corrected: the first clocks count from the new time. */
  rebase(tx: Db, c: CaseForClocks, actorId: string | null): Promise<void>;
  /** Loads the active policies, the calendars and the organisation's formats, for planning new clocks. */
  loadPlanner(db: Db): Promise<ClockPlanner>;
  /** The case's clocks (latest cycle of each kind) evaluated now. */
  clocksOf(db: Db, caseId: string): Promise<CaseClock[]>;
}
