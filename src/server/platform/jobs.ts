import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import { jobs } from './platform.tables.js';

export interface JobHandler<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Must be idempotent: a job may run again after a crash between its work and its completion. */
  handle(payload: z.infer<S>, job: { id: number; attempts: number }): Promise<void>;
  maxAttempts?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction, so it exists exactly when the change that caused it does. */
export async function enqueueJob(
  tx: Db,
  clock: Clock,
  queue: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      queue,
      payload,
      runAt: options.runAt ?? clock.now(),
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? 8,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey });
}

/** Adds several jobs in one statement, in the caller's transaction. */
export async function enqueueJobs(
  tx: Db,
  clock: Clock,
  items: readonly { queue: string; payload: unknown; options?: EnqueueOptions }[],
): Promise<void> {
  if (items.length === 0) return;
  await tx
    .insert(jobs)
    .values(
      items.map(({ queue, payload, options = {} }) => ({
        queue,
        payload,
        runAt: options.runAt ?? clock.now(),
        dedupeKey: options.dedupeKey ?? null,
        maxAttempts: options.maxAttempts ?? 8,
      })),
    )
    .onConflictDoNothing({ target: jobs.dedupeKey });
}

/** Back-off after a failed attempt: 5 s, 10 s, 20 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedJob {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * A durable queue in the database. Several workers (in one or many processes) claim jobs with
 * FOR UPDATE SKIP LOCKED, so a job never runs twice at once; a job left running by a crashed worker
 * is taken back after `staleAfterMs`.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  readonly id = `worker-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly pollMs = 500,
    private readonly staleAfterMs = 5 * 60_000,
  ) {}

  register<S extends z.ZodType>(queue: string, handler: JobHandler<S>): void {
    if (this.handlers.has(queue)) throw new Error(`Job queue ${queue} registered twice`);
    this.handlers.set(queue, handler as unknown as JobHandler);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.log.error({ err }, 'job worker tick failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  /** Runs every job that is due now, one at a time; returns how many ran. Tests call this directly. */
  async drain(limit = 1000): Promise<number> {
    await this.reclaimStale();
    let count = 0;
    while (count < limit) {
      const job = await this.claim();
      if (!job) break;
      await this.run(job);
      count++;
    }
    return count;
  }

  private async reclaimStale(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.staleAfterMs);
    await this.db.execute(sql`
      UPDATE jobs SET status = 'queued', locked_by = NULL, locked_at = NULL
      WHERE status = 'running' AND locked_at < ${cutoff.toISOString()}`);
  }

  private async claim(): Promise<ClaimedJob | null> {
    const now = this.clock.now().toISOString();
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return null;
    const res = await this.db.execute(sql`
      UPDATE jobs SET status = 'running', locked_by = ${this.id}, locked_at = ${now}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs
        WHERE status = 'queued' AND run_at <= ${now}
          AND queue IN (${sql.join(
            queues.map((q) => sql`${q}`),
            sql`, `,
          )})
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, payload, attempts, max_attempts`);
    const row = (res as unknown as { rows: ClaimedJob[] }).rows[0];
    return row ? { ...row, id: Number(row.id) } : null;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.queue);
    const now = () => this.clock.now().toISOString();
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      const payload = handler.schema.parse(job.payload);
      await handler.handle(payload, { id: job.id, attempts: job.attempts });
      await this.db.execute(
        sql`UPDATE jobs SET status = 'done', finished_at = ${now()}, last_error = NULL WHERE id = ${job.id}`,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const finalFailure = job.attempts >= job.max_attempts;
      const runAt = new Date(this.clock.now().getTime() + retryDelayMs(job.attempts)).toISOString();
      this.log.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, err: message }, 'job failed');
      await this.db.execute(
        finalFailure
          ? sql`UPDATE jobs SET status = 'failed', finished_at = ${now()}, last_error = ${message} WHERE id = ${job.id}`
          : sql`UPDATE jobs SET status = 'queued', run_at = ${runAt}, locked_by = NULL, locked_at = NULL,
                last_error = ${message} WHERE id = ${job.id}`,
      );
    }
  }
}
