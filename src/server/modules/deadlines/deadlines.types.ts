import type { CaseClock, DeadlineKind, Priority } from '../../../contracts/cases.js';
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
  /** The case's clocks (latest cycle of each kind) evaluated now. */
  clocksOf(db: Db, caseId: string): Promise<CaseClock[]>;
}
