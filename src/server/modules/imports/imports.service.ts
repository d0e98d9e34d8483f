import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import {
  IMPORT_LIMITS,
  type Import,
  type ImportMapping,
  type ImportMode,
  type ImportRowError,
  type importErrorsQuery,
  type importListQuery,
} from '../../../contracts/imports.js';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import { actorOf, canSeeArea, type Principal, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, validationError } from '../../platform/errors.js';
import { enqueueJob, type JobWorker } from '../../platform/jobs.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import { newCaseReference } from '../cases/index.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './imports.repo.js';
import {
  convertRow,
  mappingProblems,
  suggestMapping,
  type ImportedCase,
  type RowProblem,
} from './imports.rows.js';
import { detectFormat, readRows, type SourceRow } from './imports.reader.js';

export const IMPORT_QUEUE = 'imports.process';

const jobPayload = z.object({
  importId: z.uuid(),
  mode: z.enum(['dry_run', 'run']),
  /** The areas the person who started it may import into; null for all. */
  areaIds: z.array(z.uuid()).nullable(),
});

/** A problem with the file itself (unreadable, not CSV): retrying will not help. */
class FileProblem extends Error {}

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

const notFound = () => new AppError('not_found', 'No such import.');

function toDto(row: repo.ImportRow): Import {
  const progress =
    row.status === 'done' ? 1 : row.sizeBytes > 0 ? Math.min(1, row.bytesRead / row.sizeBytes) : 0;
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    sizeBytes: row.sizeBytes,
    headers: row.headers,
    sampleRows: row.sampleRows,
    mapping: row.mapping as ImportMapping,
    status: row.status as Import['status'],
    mode: row.mode as ImportMode | null,
    rowsRead: row.rowsRead,
    inserted: row.inserted,
    duplicates: row.duplicates,
    rejected: row.rejected,
    progress,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** Import of history: upload, preview and mapping, then a dry run or a run as a durable job. */
export function createImportService(deps: Deps, organisation: OrganisationService) {
  const { db, clock, config, log } = deps;
  const folder = path.join(config.dataDir, 'imports');
  const fileOf = (row: repo.ImportRow) => path.join(folder, row.storedName);

  /** Only the person who uploaded it, or someone who sees every area, sees an import. */
  async function load(ctx: RequestContext, id: string, handle: Db = db, forUpdate = false) {
    const p = principalOf(ctx);
    const row = await repo.findImport(handle, id, forUpdate);
    if (!row || (!p.allAreas && row.createdBy !== p.userId)) throw notFound();
    return row;
  }

  /** Saves the uploaded file under the data directory, streaming, and reads its header and first rows. */
  async function upload(ctx: RequestContext, file: { fileName: string; stream: Readable }): Promise<Import> {
    const p = principalOf(ctx);
    await fs.promises.mkdir(folder, { recursive: true });
    const id = randomUUID();
    const partial = path.join(folder, `${id}.part`);
    try {
      const tooLarge = () =>
        new AppError(
          'payload_too_large',
          `The file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MiB.`,
        );
      try {
        await pipeline(file.stream, fs.createWriteStream(partial, { flags: 'wx' }));
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      if ((file.stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
      const size = (await fs.promises.stat(partial)).size;
      if (size === 0) throw validationError([{ path: 'file', message: 'is empty' }], 'The file is empty.');
      const head = Buffer.alloc(Math.min(size, 512));
      const fd = await fs.promises.open(partial, 'r');
      await fd.read(head, 0, head.length, 0);
      await fd.close();
      const format = detectFormat(head, file.fileName);
      if (!format)
        throw new AppError('unsupported_media_type', 'Upload a CSV file or an Excel workbook (.xlsx).');
      const storedName = `${id}.${format}`;
      await fs.promises.rename(partial, path.join(folder, storedName));
      const rows: SourceRow[] = [];
      try {
        for await (const row of readRows(path.join(folder, storedName), format)) {
          rows.push(row);
          if (rows.length > IMPORT_LIMITS.previewRows) break;
        }
      } catch (err) {
        await fs.promises.rm(path.join(folder, storedName), { force: true });
        throw validationError(
          [{ path: 'file', message: `could not be read: ${(err as Error).message}` }],
          `The file could not be read: ${(err as Error).message}`,
        );
      }
      const [header, ...sample] = rows;
      const problem = !header
        ? 'has no header row'
        : header.values.length > IMPORT_LIMITS.columns
          ? `has more than ${IMPORT_LIMITS.columns} columns`
          : null;
      if (problem || !header) {
        await fs.promises.rm(path.join(folder, storedName), { force: true });
        throw validationError([{ path: 'file', message: problem ?? 'is empty' }], `The file ${problem}.`);
      }
      const headers = header.values.map((h, i) => h.trim() || `Column ${i + 1}`);
      const now = clock.now();
      return await db.transaction(async (tx) => {
        const row = await repo.insertImport(tx, {
          id,
          fileName: displayName(file.fileName),
          format,
          storedName,
          sizeBytes: size,
          headers,
          sampleRows: sample.map((r) => headers.map((_h, i) => (r.values[i] ?? '').slice(0, 300))),
          mapping: suggestMapping(headers),
          createdBy: p.userId,
          createdAt: now,
          updatedAt: now,
        });
        await writeAudit(tx, actorOf(ctx, clock), {
          action: 'import.uploaded',
          entityType: 'import',
          entityId: id,
          after: { fileName: row.fileName, format, sizeBytes: size, headers },
        });
        return toDto(row);
      });
    } finally {
      await fs.promises.rm(partial, { force: true });
    }
  }

  async function get(ctx: RequestContext, id: string): Promise<Import> {
    return toDto(await load(ctx, id));
  }

  async function list(ctx: RequestContext, query: z.infer<typeof importListQuery>) {
    const p = principalOf(ctx);
    const after = decodeCursor(query.cursor, z.tuple([z.iso.datetime(), z.uuid()]));
    const rows = await repo.listImports(db, {
      createdBy: p.allAreas ? null : p.userId,
      after,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async function errors(ctx: RequestContext, id: string, query: z.infer<typeof importErrorsQuery>) {
    await load(ctx, id);
    const after = decodeCursor(query.cursor, z.tuple([z.number().int(), z.number().int()]));
    const rows = await repo.listErrors(db, id, after, query.limit);
    const page = pageFrom(rows, query.limit, (r) => [r.rowNumber, r.id]);
    return {
      items: page.items.map((r): ImportRowError => ({
        row: r.rowNumber,
        column: r.columnName,
        reason: r.reason,
      })),
      nextCursor: page.nextCursor,
    };
  }

  async function checkMapping(p: Principal, mapping: ImportMapping, columnCount: number, handle: Db) {
    const problems = mappingProblems(mapping, columnCount);
    if (mapping.areaId && !(canSeeArea(p, mapping.areaId) && (await repo.areaExists(handle, mapping.areaId))))
      problems.push({ path: 'body.mapping.areaId', message: 'is not a business area you work in' });
    if (problems.length)
      throw validationError(problems, problems.map((e) => `${e.path}: ${e.message}`).join('; '));
  }

  const isBusy = (row: repo.ImportRow) => row.status === 'queued' || row.status === 'running';

  async function updateMapping(
    ctx: RequestContext,
    id: string,
    input: { mapping: ImportMapping; version: number },
  ): Promise<Import> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const row = await load(ctx, id, tx, true);
      if (row.version !== input.version)
        throw new AppError('stale_version', 'Someone else changed this import.', { current: toDto(row) });
      if (isBusy(row)) throw new AppError('conflict', 'The import is running: wait for it to finish.');
      // The areaId may be left out while the mapping is worked on; it is checked in full before a run.
      const problems = mappingProblems(input.mapping, row.headers.length).filter(
        (e) => e.message.startsWith('must have') || / is already the target/.test(e.message),
      );
      if (problems.length)
        throw validationError(problems, problems.map((e) => `${e.path}: ${e.message}`).join('; '));
      if (input.mapping.areaId && !canSeeArea(p, input.mapping.areaId))
        throw validationError([
          { path: 'body.mapping.areaId', message: 'is not a business area you work in' },
        ]);
      const next = await repo.updateImport(tx, id, {
        mapping: input.mapping,
        version: row.version + 1,
        updatedAt: clock.now(),
      });
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'import.mapping_changed',
        entityType: 'import',
        entityId: id,
        before: row.mapping,
        after: input.mapping,
      });
      return toDto(next);
    });
  }

  /** Queues a dry run (checks every row, writes no case) or a run of the import. */
  async function start(ctx: RequestContext, id: string, mode: ImportMode, version: number): Promise<Import> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const row = await load(ctx, id, tx, true);
      if (row.version !== version)
        throw new AppError('stale_version', 'Someone else changed this import.', { current: toDto(row) });
      if (isBusy(row)) throw new AppError('conflict', 'The import is already running.');
      const mapping = row.mapping as ImportMapping;
      await checkMapping(p, mapping, row.headers.length, tx);
      const now = clock.now();
      await repo.deleteErrors(tx, id);
      const next = await repo.updateImport(tx, id, {
        status: 'queued',
        mode,
        rowsRead: 0,
        bytesRead: 0,
        inserted: 0,
        duplicates: 0,
        rejected: 0,
        error: null,
        startedAt: null,
        finishedAt: null,
        version: row.version + 1,
        updatedAt: now,
      });
      await enqueueJob(
        tx,
        clock,
        IMPORT_QUEUE,
        { importId: id, mode, areaIds: p.allAreas ? null : [...p.areaIds] },
        { maxAttempts: 3 },
      );
      await writeAudit(tx, actorOf(ctx, clock), {
        action: mode === 'run' ? 'import.run_requested' : 'import.dry_run_requested',
        entityType: 'import',
        entityId: id,
        after: { mapping },
      });
      return toDto(next);
    });
  }

  /** The job: reads the file from where the last committed batch stopped, one transaction per batch. */
  async function process(payload: z.infer<typeof jobPayload>, job: { id: number; attempts: number }) {
    const row = await repo.findImport(db, payload.importId);
    if (!row || !isBusy(row) || row.mode !== payload.mode) return;
    const dryRun = payload.mode === 'dry_run';
    const mapping = row.mapping as ImportMapping;
    const org = await organisation.getOrganisation();
    const timeZone = org?.timeZone ?? 'UTC';
    const areas = (await repo.listAreaNames(db)).filter(
      (a) => !payload.areaIds || payload.areaIds.includes(a.id),
    );
    const areaByName = new Map(areas.map((a) => [a.name.trim().toLowerCase(), a.id]));
    const categories = new Map<string, string>();
    const categoryKey = (parentId: string | null, name: string) => `${parentId ?? ''}|${name.toLowerCase()}`;
    const loadCategories = async (handle: Db) => {
      for (const c of await repo.listCategories(handle))
        categories.set(categoryKey(c.parent_id, c.name), c.id);
    };
    await loadCategories(db);
    // Within one file, a second row with an external id already seen is a duplicate (a dry run only:
    // a run finds it in the table).
    const seen = dryRun ? new Set<string>() : null;
    const counts = {
      rowsRead: row.rowsRead,
      inserted: row.inserted,
      duplicates: row.duplicates,
      rejected: row.rejected,
      bytesRead: row.bytesRead,
    };
    let errorsKept = counts.rejected;
    const started = clock.now();
    if (row.status === 'queued')
      await repo.updateImport(db, row.id, { status: 'running', startedAt: started, updatedAt: started });

    const actorId = row.createdBy;
    const file = fileOf(row);
    const options = { headers: row.headers, mapping, timeZone, now: started, dateCache: new Map() };

    const flush = async (batch: SourceRow[], bytes: number) => {
      const good: { source: SourceRow; value: ImportedCase; areaId: string }[] = [];
      const bad: { row: number; column: string | null; reason: string }[] = [];
      for (const source of batch) {
        const r = convertRow(source.values, options);
        const problems: RowProblem[] = r.ok ? [] : r.problems;
        let areaId = mapping.areaId;
        if (r.ok && r.value.areaName !== null) {
          areaId = areaByName.get(r.value.areaName.toLowerCase()) ?? null;
          if (!areaId)
            problems.push({
              column: row.headers[mapping.columns.indexOf('areaName')] ?? 'areaName',
              reason: `“${r.value.areaName}” is not a business area you may import into`,
            });
        }
        if (!r.ok || problems.length || !areaId) {
          for (const pr of problems) bad.push({ row: source.number, column: pr.column, reason: pr.reason });
          continue;
        }
        good.push({ source, value: r.value, areaId });
      }
      await db.transaction(async (tx) => {
        const now = clock.now();
        let inserted = 0;
        let duplicates = 0;
        if (dryRun) {
          const existing = await repo.existingExternalIds(
            tx,
            good.map((g) => g.value.externalId),
          );
          for (const g of good) {
            if (existing.has(g.value.externalId) || seen!.has(g.value.externalId)) duplicates++;
            else {
              seen!.add(g.value.externalId);
              inserted++;
            }
          }
        } else {
          const categoryOf = await resolveCategories(
            tx,
            good.map((g) => g.value),
            now,
          );
          let pending = good.map((g) => ({
            ...g,
            id: randomUUID(),
            reference: newCaseReference(g.value.receivedAt),
          }));
          const events: Record<string, unknown>[] = [];
          // A reference collision (rare) leaves a row out without being a duplicate: retry it with another.
          for (let attempt = 0; pending.length && attempt < 5; attempt++) {
            const done = await repo.insertCases(
              tx,
              pending.map((g) =>
                caseRecord(g.id, g.reference, g.value, g.areaId, categoryOf(g.value), actorId, now),
              ),
            );
            const missing = pending.filter((g) => !done.has(g.reference));
            for (const g of pending)
              if (done.has(g.reference)) {
                inserted++;
                events.push({
                  case_id: g.id,
                  type: 'created',
                  at: g.value.receivedAt,
                  actor_id: actorId,
                  body: `Imported from ${row.fileName} row ${g.source.number}`,
                  data: {
                    importId: row.id,
                    row: g.source.number,
                    externalId: g.value.externalId,
                    ...(g.value.timely === null ? {} : { timely: g.value.timely }),
                  },
                });
              }
            const taken = await repo.existingExternalIds(
              tx,
              missing.map((g) => g.value.externalId),
            );
            duplicates += missing.filter((g) => taken.has(g.value.externalId)).length;
            pending = missing
              .filter((g) => !taken.has(g.value.externalId))
              .map((g) => ({ ...g, reference: newCaseReference(g.value.receivedAt) }));
          }
          if (pending.length) throw new Error('could not find free case references');
          await repo.insertCaseEvents(tx, events);
        }
        const keep = Math.max(0, Math.min(bad.length, IMPORT_LIMITS.storedErrors - errorsKept));
        await repo.insertErrors(tx, row.id, bad.slice(0, keep));
        await repo.updateImport(tx, row.id, {
          rowsRead: counts.rowsRead + batch.length,
          bytesRead: bytes,
          inserted: counts.inserted + inserted,
          duplicates: counts.duplicates + duplicates,
          rejected: counts.rejected + new Set(bad.map((b) => b.row)).size,
          updatedAt: now,
        });
        await repo.touchJob(tx, job.id, now);
        errorsKept += keep;
        counts.rowsRead += batch.length;
        counts.bytesRead = bytes;
        counts.inserted += inserted;
        counts.duplicates += duplicates;
        counts.rejected += new Set(bad.map((b) => b.row)).size;
      });
    };

    /** Category ids for the batch's product / issue names, adding the missing ones (once per import). */
    async function resolveCategories(tx: Db, values: ImportedCase[], now: Date) {
      const missingTop = new Map<string, string>();
      for (const v of values)
        if (v.category && !categories.has(categoryKey(null, v.category)))
          missingTop.set(v.category.toLowerCase(), v.category);
      if (missingTop.size) {
        await repo.ensureCategories(
          tx,
          [...missingTop.values()].map((name) => ({ parentId: null, name })),
          now,
        );
        await loadCategories(tx);
      }
      const missingSub = new Map<string, { parentId: string; name: string }>();
      for (const v of values) {
        if (!v.category || !v.subcategory) continue;
        const parentId = categories.get(categoryKey(null, v.category))!;
        const key = categoryKey(parentId, v.subcategory);
        if (!categories.has(key)) missingSub.set(key, { parentId, name: v.subcategory });
      }
      if (missingSub.size) {
        await repo.ensureCategories(tx, [...missingSub.values()], now);
        await loadCategories(tx);
      }
      return (v: ImportedCase): string | null => {
        if (!v.category) return null;
        const parentId = categories.get(categoryKey(null, v.category)) ?? null;
        if (!v.subcategory) return parentId;
        return categories.get(categoryKey(parentId, v.subcategory)) ?? parentId;
      };
    }

    try {
      let batch: SourceRow[] = [];
      let bytes = 0;
      let skip = counts.rowsRead;
      let isHeader = true;
      let databaseError: unknown = null;
      const flushSafely = async () => {
        try {
          await flush(batch, bytes);
        } catch (err) {
          databaseError = err;
          throw err;
        }
        batch = [];
      };
      try {
        for await (const source of readRows(file, row.format)) {
          if (isHeader) {
            isHeader = false;
            continue;
          }
          if (skip > 0) {
            skip--;
            continue;
          }
          batch.push(source);
          bytes = source.bytes;
          if (batch.length >= IMPORT_LIMITS.batchRows) await flushSafely();
        }
        if (batch.length) await flushSafely();
      } catch (err) {
        if (err === databaseError) throw err;
        // What the CSV or XLSX reader throws describes the file: record it and stop.
        throw new FileProblem(err instanceof Error ? err.message : String(err));
      }
      await finish('done', null);
    } catch (err) {
      if (err instanceof FileProblem || job.attempts >= 3) {
        log.warn({ importId: row.id, err: (err as Error).message }, 'import failed');
        await finish(
          'failed',
          err instanceof FileProblem
            ? `The file could not be read further: ${err.message}`
            : 'The import failed; the rows counted so far went in.',
        );
        return;
      }
      throw err;
    }

    async function finish(status: 'done' | 'failed', error: string | null) {
      await db.transaction(async (tx) => {
        const now = clock.now();
        const current = (await repo.findImport(tx, row!.id, true))!;
        await repo.updateImport(tx, row!.id, {
          status,
          error,
          finishedAt: now,
          updatedAt: now,
          version: current.version + 1,
        });
        await writeAudit(
          tx,
          { actorId, actorLabel: 'import job', requestId: `job-${job.id}`, at: now },
          {
            action: dryRun ? 'import.dry_run_finished' : 'import.run_finished',
            entityType: 'import',
            entityId: row!.id,
            after: { status, ...counts, error },
          },
        );
      });
    }
  }

  return {
    upload,
    get,
    list,
    errors,
    updateMapping,
    start,
    /** Runs the dry runs and runs of imports (the job queue's handler). */
    registerJobs(worker: JobWorker) {
      worker.register(IMPORT_QUEUE, { schema: jobPayload, handle: process, maxAttempts: 3 });
    },
  };
}

/** The uploaded name, for people only (never a path): no folders, no control characters. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '');
  return printable.trim().slice(0, 255) || 'upload';
}

/** The cases row of one imported historical case: no clocks (sort_due stays 'infinity'), no email. */
function caseRecord(
  id: string,
  reference: string,
  v: ImportedCase,
  areaId: string,
  categoryId: string | null,
  actorId: string | null,
  now: Date,
): Record<string, unknown> {
  return {
    id,
    reference,
    kind: v.kind,
    area_id: areaId,
    channel: v.channel,
    status: v.status,
    category_id: categoryId,
    subject: v.subject,
    description: v.description,
    desired_outcome: v.desiredOutcome,
    customer_type: v.customerType,
    customer_name: v.customerName,
    customer_organisation: v.customerOrganisation,
    customer_email: v.customerEmail,
    customer_phone: v.customerPhone,
    preferred_contact: v.customerEmail ? 'email' : v.customerPhone ? 'phone' : 'letter',
    concerns_product: v.concernsProduct,
    created_by: actorId,
    external_id: v.externalId,
    received_at: v.receivedAt,
    acknowledged_at: v.acknowledgedAt,
    first_response_at: v.respondedAt,
    responded_at: v.respondedAt,
    closed_at: v.closedAt,
    outcome: v.outcome,
    outcome_reason: v.outcomeReason,
    customer_accepted: v.disputed === null ? null : !v.disputed,
    dispute_count: v.disputed ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}
