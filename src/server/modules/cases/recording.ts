import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ClockPlanner, DeadlineClocks } from '../deadlines/index.js';

/**
 * Recording a case is the hottest write in Verity (every form, email and call). It is planned in memory from
 * a snapshot of the settings it depends on and written in one statement, and concurrent recordings share
 * that statement (group commit). The snapshot carries the settings generation it was read at; the statement
 * writes nothing if the generation has moved since (see migration 0009), and the snapshot is then reloaded.
 */
export interface RecordingSnapshot {
  generation: number;
  org: { name: string; locale: string; timeZone: string; currency: string } | null;
  areas: Map<string, { name: string; active: boolean }>;
  teams: Map<string, { name: string; areaId: string }>;
  categories: Map<string, { name: string; parentName: string | null; active: boolean }>;
  /** The active acknowledgement template chosen as `catalogue.templateFor(…, 'acknowledgement')` does. */
  acknowledgement: { subject: string; body: string } | null;
  /** Areas with at least one active assignment rule (recording there asks the rule for an assignee). */
  ruleAreas: Set<string>;
  planner: ClockPlanner;
}

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function loadSnapshot(db: Db, clocks: DeadlineClocks): Promise<RecordingSnapshot> {
  // The generation first: a change made while the rest is read leaves the snapshot marked older.
  const generation = Number(
    rowsOf<{ n: string | number }>(await db.execute(sql`SELECT n FROM settings_generation WHERE id = 1`))[0]!
      .n,
  );
  const org = rowsOf<{ name: string; locale: string; time_zone: string; currency: string }>(
    await db.execute(sql`SELECT name, locale, time_zone, currency FROM organisation WHERE id = 1`),
  )[0];
  const areas = rowsOf<{ id: string; name: string; active: boolean }>(
    await db.execute(sql`SELECT id, name, active FROM business_areas`),
  );
  const teams = rowsOf<{ id: string; name: string; area_id: string }>(
    await db.execute(sql`SELECT id, name, area_id FROM teams`),
  );
  const categories = rowsOf<{ id: string; name: string; parent_name: string | null; active: boolean }>(
    await db.execute(sql`SELECT c.id, c.name, p.name AS parent_name, c.active
      FROM case_categories c LEFT JOIN case_categories p ON p.id = c.parent_id`),
  );
  const template = rowsOf<{ subject: string; body: string }>(
    await db.execute(sql`SELECT subject, body FROM response_templates
      WHERE purpose = 'acknowledgement' AND active ORDER BY lower(name) LIMIT 1`),
  )[0];
  const ruleAreas = rowsOf<{ area_id: string }>(
    await db.execute(sql`SELECT DISTINCT area_id FROM assignment_rules WHERE active`),
  );
  return {
    generation,
    org: org ? { name: org.name, locale: org.locale, timeZone: org.time_zone, currency: org.currency } : null,
    areas: new Map(areas.map((a) => [String(a.id), { name: a.name, active: a.active }])),
    teams: new Map(teams.map((t) => [String(t.id), { name: t.name, areaId: String(t.area_id) }])),
    categories: new Map(
      categories.map((c) => [String(c.id), { name: c.name, parentName: c.parent_name, active: c.active }]),
    ),
    acknowledgement: template ?? null,
    ruleAreas: new Set(ruleAreas.map((r) => String(r.area_id))),
    planner: await clocks.loadPlanner(db),
  };
}

/** Every row one new case writes, as plain values (dates as Date). */
export interface PlannedCase {
  generation: number;
  /** Column name -> value for `cases`. */
  caseRow: Record<string, unknown>;
  events: { case_id: string; type: string; at: Date; actor_id: string | null; body: string; data: object }[];
  steps: { case_id: string; step: string; done_at: Date; done_by: string | null }[];
  clocks: Record<string, unknown>[];
  clockEvents: { clock_id: string; type: string; at: Date; actor_id: string | null; reason: string }[];
  jobs: { queue: string; payload: unknown; run_at: Date; dedupe_key: string | null; max_attempts: number }[];
  audit: Record<string, unknown>;
}

export type WriteOutcome =
  { ok: true } | { ok: false; stale: true } | { ok: false; stale: false; error: unknown };

const CASE_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['reference', 'text'],
  ['kind', 'text'],
  ['need_type', 'text'],
  ['area_id', 'uuid'],
  ['team_id', 'uuid'],
  ['channel', 'text'],
  ['status', 'text'],
  ['priority', 'text'],
  ['severity', 'text'],
  ['category_id', 'uuid'],
  ['subject', 'text'],
  ['description', 'text'],
  ['desired_outcome', 'text'],
  ['customer_type', 'text'],
  ['customer_name', 'text'],
  ['customer_organisation', 'text'],
  ['customer_email', 'text'],
  ['customer_phone', 'text'],
  ['preferred_contact', 'text'],
  ['help_needed', 'text'],
  ['concerns_user_id', 'uuid'],
  ['concerns_product', 'text'],
  ['assignee_id', 'uuid'],
  ['created_by', 'uuid'],
  ['external_id', 'text'],
  ['received_at', 'timestamptz'],
  ['acknowledged_at', 'timestamptz'],
  ['first_response_at', 'timestamptz'],
  ['responded_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['outcome', 'text'],
  ['outcome_reason', 'text'],
  ['resolved_first_contact', 'boolean'],
  ['sort_due', 'timestamptz'],
  ['deadline_state', 'text'],
  ['version', 'integer'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const CLOCK_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['case_id', 'uuid'],
  ['kind', 'text'],
  ['target_kind', 'text'],
  ['target_value', 'integer'],
  ['warning_percent', 'integer'],
  ['calendar_id', 'uuid'],
  ['state', 'text'],
  ['started_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['warning_at', 'timestamptz'],
  ['fulfilled_at', 'timestamptz'],
  ['warned_at', 'timestamptz'],
  ['breached_at', 'timestamptz'],
  ['cycle', 'integer'],
  ['version', 'integer'],
];
const AUDIT_COLUMNS: [string, string][] = [
  ['at', 'timestamptz'],
  ['actor_id', 'uuid'],
  ['actor_label', 'text'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['request_id', 'text'],
];

const names = (cols: [string, string][]) => cols.map(([c]) => c).join(', ');
const typed = (cols: [string, string][]) => cols.map(([c, t]) => `${c} ${t}`).join(', ');

/**
 * One statement writes a batch of new cases with everything that starts with them. Each part reads its
 * rows from a JSON parameter; every part is guarded by the settings generation, so a stale plan writes
 * nothing at all and the statement reports zero cases. Timeline and clock events keep the order they were
 * planned in (their ids order them).
 */
function batchStatement(p: {
  generation: number;
  cases: string;
  events: string;
  steps: string;
  clocks: string;
  clockEvents: string;
  jobs: string;
  audit: string;
}) {
  return sql`WITH g AS (SELECT 1 FROM settings_generation WHERE id = 1 AND n = ${p.generation}),
c AS (INSERT INTO cases (${sql.raw(names(CASE_COLUMNS))})
  SELECT ${sql.raw(names(CASE_COLUMNS))} FROM g,
    jsonb_to_recordset(${p.cases}::jsonb) AS x(${sql.raw(typed(CASE_COLUMNS))})
  RETURNING id),
e AS (INSERT INTO case_events (case_id, type, at, actor_id, body, data)
  SELECT case_id, type, at, actor_id, body, data FROM g,
    jsonb_to_recordset(${p.events}::jsonb)
      AS x(case_id uuid, type text, at timestamptz, actor_id uuid, body text, data jsonb, ord int)
  ORDER BY ord),
s AS (INSERT INTO case_handling_steps (case_id, step, done_at, done_by)
  SELECT case_id, step, done_at, done_by FROM g,
    jsonb_to_recordset(${p.steps}::jsonb) AS x(case_id uuid, step text, done_at timestamptz, done_by uuid)),
k AS (INSERT INTO case_clocks (${sql.raw(names(CLOCK_COLUMNS))})
  SELECT ${sql.raw(names(CLOCK_COLUMNS))} FROM g,
    jsonb_to_recordset(${p.clocks}::jsonb) AS x(${sql.raw(typed(CLOCK_COLUMNS))})),
ke AS (INSERT INTO clock_events (clock_id, type, at, actor_id, reason)
  SELECT clock_id, type, at, actor_id, reason FROM g,
    jsonb_to_recordset(${p.clockEvents}::jsonb)
      AS x(clock_id uuid, type text, at timestamptz, actor_id uuid, reason text, ord int)
  ORDER BY ord),
j AS (INSERT INTO jobs (queue, payload, run_at, dedupe_key, max_attempts)
  SELECT queue, payload, run_at, dedupe_key, max_attempts FROM g,
    jsonb_to_recordset(${p.jobs}::jsonb)
      AS x(queue text, payload jsonb, run_at timestamptz, dedupe_key text, max_attempts int)
  ON CONFLICT (dedupe_key) DO NOTHING),
a AS (INSERT INTO audit_events (${sql.raw(names(AUDIT_COLUMNS))})
  SELECT ${sql.raw(names(AUDIT_COLUMNS))} FROM g,
    jsonb_to_recordset(${p.audit}::jsonb) AS x(${sql.raw(typed(AUDIT_COLUMNS))}))
SELECT count(*)::int AS n FROM c`;
}

/**
 * Writes planned cases, batching those that arrive while a write is in flight into the next statement.
 * A failed batch of several is retried case by case, so one bad case never fails the others.
 */
export class CaseWriter {
  private pending: { plan: PlannedCase; resolve: (o: WriteOutcome) => void }[] = [];
  private inFlight = 0;

  /**
   * @param maxInFlight statements at once: on a PostgreSQL server each waits for its commit to reach the
   * disk, so several overlap; PGlite runs one at a time anyway.
   */
  constructor(
    private readonly db: Db,
    private readonly maxInFlight = 4,
    private readonly maxBatch = 100,
  ) {}

  write(plan: PlannedCase): Promise<WriteOutcome> {
    return new Promise((resolve) => {
      this.pending.push({ plan, resolve });
      if (this.inFlight < this.maxInFlight) void this.flush();
    });
  }

  private async flush() {
    this.inFlight++;
    try {
      while (this.pending.length) {
        // One generation per statement: the rest wait for the next round.
        const generation = this.pending[0]!.plan.generation;
        const batch: typeof this.pending = [];
        const rest: typeof this.pending = [];
        for (const item of this.pending)
          (item.plan.generation === generation && batch.length < this.maxBatch ? batch : rest).push(item);
        this.pending = rest;
        const outcome = await this.run(batch.map((b) => b.plan));
        if (outcome.ok || outcome.stale || batch.length === 1) {
          for (const b of batch) b.resolve(outcome);
          continue;
        }
        for (const b of batch) b.resolve(await this.run([b.plan]));
      }
    } finally {
      this.inFlight--;
    }
  }

  private async run(plans: PlannedCase[]): Promise<WriteOutcome> {
    let ord = 0;
    const statement = batchStatement({
      generation: plans[0]!.generation,
      cases: JSON.stringify(plans.map((p) => p.caseRow)),
      events: JSON.stringify(plans.flatMap((p) => p.events.map((e) => ({ ...e, ord: ord++ })))),
      steps: JSON.stringify(plans.flatMap((p) => p.steps)),
      clocks: JSON.stringify(plans.flatMap((p) => p.clocks)),
      clockEvents: JSON.stringify(plans.flatMap((p) => p.clockEvents.map((e) => ({ ...e, ord: ord++ })))),
      jobs: JSON.stringify(plans.flatMap((p) => p.jobs)),
      audit: JSON.stringify(plans.map((p) => p.audit)),
    });
    try {
      const n = Number(rowsOf<{ n: number }>(await this.db.execute(statement))[0]?.n ?? 0);
      return n === 0 ? { ok: false, stale: true } : { ok: true };
    } catch (error) {
      return { ok: false, stale: false, error };
    }
  }
}
