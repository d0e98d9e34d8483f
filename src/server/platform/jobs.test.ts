import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { enqueueJob, JobWorker, retryDelayMs } from './jobs.js';
import { queueMail } from './mail.js';

const silent = pino({ level: 'silent' });
const SECOND = 1000;

interface JobRow {
  id: number;
  status: string;
  attempts: number;
  run_at: Date;
  last_error: string | null;
  finished_at: Date | null;
}

describe('job queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const jobsOf = (queue: string) =>
    t.database.query<JobRow>(
      'SELECT id::int AS id, status, attempts, run_at, last_error, finished_at FROM jobs WHERE queue = $1 ORDER BY id',
      [queue],
    );
  const newWorker = () => new JobWorker(t.database.db, t.clock, silent);

  it('sends a queued email once', async () => {
    await queueMail(t.database.db, t.clock, {
      to: 'guest@example.com',
      subject: 'Your stay',
      text: 'Thanks',
    });
    expect(t.mailer.sent).toHaveLength(0);
    expect(await t.worker.drain()).toBe(1);
    expect(await t.worker.drain()).toBe(0);
    expect(t.mailer.sent).toEqual([{ to: 'guest@example.com', subject: 'Your stay', text: 'Thanks' }]);
    expect(await jobsOf('mail.send')).toMatchObject([{ status: 'done', attempts: 1, last_error: null }]);
  });

  it('exists only when the transaction that queued it commits', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await enqueueJob(tx, t.clock, 'rolled.back', { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsOf('rolled.back')).toEqual([]);
  });

  it('queues a job with a dedupe key only once', async () => {
    for (let i = 0; i < 3; i++)
      await enqueueJob(t.database.db, t.clock, 'deduped', { i }, { dedupeKey: 'once' });
    expect(await jobsOf('deduped')).toHaveLength(1);
  });

  it('backs off 5 s, 10 s, 20 s … up to an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5 * SECOND, 10 * SECOND, 20 * SECOND, 40 * SECOND]);
    expect(retryDelayMs(30)).toBe(3600 * SECOND);
  });

  it('retries a failing job with back-off and marks it failed after its last attempt', async () => {
    const worker = newWorker();
    const attempts: number[] = [];
    worker.register('always.fails', {
      schema: z.object({ n: z.number() }),
      async handle(_payload, job) {
        attempts.push(job.attempts);
        throw new Error(`attempt ${job.attempts} failed`);
      },
    });
    await enqueueJob(t.database.db, t.clock, 'always.fails', { n: 1 }, { maxAttempts: 3 });

    expect(await worker.drain()).toBe(1);
    let [job] = await jobsOf('always.fails');
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: 'attempt 1 failed' });
    expect(job!.run_at.getTime()).toBe(t.clock.now().getTime() + 5 * SECOND);

    // Not due yet.
    expect(await worker.drain()).toBe(0);
    t.clock.advance(5 * SECOND - 1);
    expect(await worker.drain()).toBe(0);
    t.clock.advance(1);
    expect(await worker.drain()).toBe(1);
    [job] = await jobsOf('always.fails');
    expect(job).toMatchObject({ status: 'queued', attempts: 2 });
    expect(job!.run_at.getTime()).toBe(t.clock.now().getTime() + 10 * SECOND);

    t.clock.advance(10 * SECOND);
    expect(await worker.drain()).toBe(1);
    [job] = await jobsOf('always.fails');
    expect(job).toMatchObject({ status: 'failed', attempts: 3, last_error: 'attempt 3 failed' });
    expect(job!.finished_at).not.toBeNull();

    t.clock.advance(3600 * SECOND);
    expect(await worker.drain()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('completes a job that fails once and then succeeds', async () => {
    const worker = newWorker();
    let calls = 0;
    worker.register('flaky', {
      schema: z.object({}),
      async handle() {
        if (++calls === 1) throw new Error('SMTP server busy');
      },
    });
    await enqueueJob(t.database.db, t.clock, 'flaky', {});
    await worker.drain();
    t.clock.advance(5 * SECOND);
    await worker.drain();
    expect(await jobsOf('flaky')).toMatchObject([{ status: 'done', attempts: 2, last_error: null }]);
    expect(calls).toBe(2);
  });

  it('fails a job whose payload does not match its schema, without calling the handler', async () => {
    const worker = newWorker();
    let called = false;
    worker.register('typed', {
      schema: z.object({ to: z.string() }),
      maxAttempts: 1,
      async handle() {
        called = true;
      },
    });
    await enqueueJob(t.database.db, t.clock, 'typed', { to: 42 }, { maxAttempts: 1 });
    await worker.drain();
    const [job] = await jobsOf('typed');
    expect(job!.status).toBe('failed');
    expect(job!.last_error).toMatch(/expected string/i);
    expect(called).toBe(false);
  });

  it('takes back a job left running by a crashed worker', async () => {
    const worker = newWorker();
    const ran: number[] = [];
    worker.register('orphaned', {
      schema: z.object({ n: z.number() }),
      async handle({ n }) {
        ran.push(n);
      },
    });
    await enqueueJob(t.database.db, t.clock, 'orphaned', { n: 7 });
    const crashedAt = t.clock.now().toISOString();
    await t.database.query(
      `UPDATE jobs SET status = 'running', locked_by = 'worker-gone', locked_at = $1 WHERE queue = 'orphaned'`,
      [crashedAt],
    );
    // Still within the crashed worker's lease: left alone.
    t.clock.advance(4 * 60 * SECOND);
    expect(await worker.drain()).toBe(0);
    t.clock.advance(2 * 60 * SECOND);
    expect(await worker.drain()).toBe(1);
    expect(ran).toEqual([7]);
    expect(await jobsOf('orphaned')).toMatchObject([{ status: 'done' }]);
  });

  it('never runs a job twice when two workers drain at once', async () => {
    const runs: number[] = [];
    const workers = [newWorker(), new JobWorker(t.database.db, t.clock, silent)];
    for (const w of workers) {
      w.register('contended', {
        schema: z.object({ n: z.number() }),
        async handle({ n }) {
          runs.push(n);
          // Yield, so the other worker gets to claim while this job is still running.
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
    }
    const total = 30;
    for (let n = 0; n < total; n++) await enqueueJob(t.database.db, t.clock, 'contended', { n });
    const counts = await Promise.all(workers.map((w) => w.drain()));
    expect(counts[0]! + counts[1]!).toBe(total);
    expect([...runs].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, n) => n));
    const rows = await jobsOf('contended');
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });
});
