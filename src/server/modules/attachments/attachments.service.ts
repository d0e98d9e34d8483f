import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  INLINE_TYPES,
  type Attachment,
  type AttachmentList,
} from '../../../contracts/attachments.js';
import { writeAudit } from '../../platform/audit.js';
import { actorOf, systemContext, type ActorStamp, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { CaseEvents } from '../../platform/events.js';
import type { CaseService } from '../cases/index.js';
import * as repo from './attachments.repo.js';
import { LocalDiskStore, TooLargeError, type AttachmentStore } from './attachments.store.js';
import { detectType, sanitiseFileName } from './content.js';

/** One file as it arrives: the name the sender gave it and its content, read once. */
export interface IncomingFile {
  filename: string;
  stream: Readable;
}

/** An attachment ready to send: its record, its content, and how it may be shown. */
export interface OpenedAttachment {
  attachment: Attachment;
  content: Readable;
  /** False for everything but plain images and PDF: those are only ever downloads. */
  inline: boolean;
}

type Adder = { kind: 'staff'; userId: string } | { kind: 'customer' };

const MB = 1024 * 1024;
const sizeText = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export type AttachmentService = ReturnType<typeof createAttachmentService>;

export function createAttachmentService(
  deps: Deps,
  cases: CaseService,
  events: CaseEvents,
  store: AttachmentStore = new LocalDiskStore(path.join(deps.config.dataDir, 'attachments')),
) {
  const { db, clock, log } = deps;

  function toDto(row: repo.AttachmentRow, forCustomer = false): Attachment {
    return {
      id: row.id,
      caseId: row.caseId,
      name: row.name,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      sha256: row.sha256,
      addedBy:
        row.addedByKind === 'customer' || !row.addedBy
          ? { kind: 'customer' }
          : { kind: 'staff', id: row.addedBy, name: forCustomer ? '' : (row.addedByName ?? '') },
      createdAt: row.createdAt.toISOString(),
      downloadUrl: forCustomer ? '' : `/api/v1/attachments/${row.id}/download`,
    };
  }

  const limits = {
    fileBytes: ATTACHMENT_LIMITS.fileBytes,
    perCase: ATTACHMENT_LIMITS.perCase,
    perUpload: ATTACHMENT_LIMITS.perUpload,
  };

  /**
   * Streams each file into the store (refusing one that is too large, of a type not accepted, or past the
   * count limits), then records them all in one transaction with one timeline entry and one audit event.
   * When anything fails, every file stored by this call is removed again: nothing is half-written.
   */
  async function addFiles(
    caseId: string,
    files: AsyncIterable<IncomingFile>,
    by: Adder,
    stamp: ActorStamp,
  ): Promise<Attachment[]> {
    const existing = await repo.countForCase(db, caseId);
    const stored: { key: string; name: string; type: string; sizeBytes: number; sha256: string }[] = [];
    const tooMany = (n: number) =>
      new AppError(
        'conflict',
        `A case holds at most ${limits.perCase} files and this one already has ${n}.`,
        { errors: [{ path: 'files', message: `at most ${limits.perCase - n} more files fit on this case` }] },
      );
    try {
      if (existing >= limits.perCase) throw tooMany(existing);
      let index = 0;
      for await (const file of files) {
        const at = `files[${index}]`;
        index++;
        const given = file.filename || 'file';
        if (index > limits.perUpload) {
          file.stream.resume();
          throw new AppError('payload_too_large', `Send at most ${limits.perUpload} files at once.`, {
            errors: [{ path: at, message: `“${given}” is one file too many` }],
          });
        }
        if (existing + index > limits.perCase) {
          file.stream.resume();
          throw tooMany(existing);
        }
        let object;
        try {
          object = await store.put(file.stream, { maxBytes: limits.fileBytes });
        } catch (err) {
          if (err instanceof TooLargeError) {
            throw new AppError(
              'payload_too_large',
              `“${given}” is larger than ${sizeText(limits.fileBytes)}, the most one file may be.`,
              { errors: [{ path: at, message: `“${given}” is larger than ${sizeText(limits.fileBytes)}` }] },
            );
          }
          throw err;
        }
        const record = {
          key: object.key,
          name: '',
          type: '',
          sizeBytes: object.sizeBytes,
          sha256: object.sha256,
        };
        stored.push(record);
        if (object.sizeBytes === 0) {
          throw new AppError('validation', `“${given}” is empty.`, {
            errors: [{ path: at, message: `“${given}” is empty` }],
          });
        }
        const detected = await detectType(object.head, given);
        if (!detected.ok) {
          throw new AppError(
            'unsupported_media_type',
            `“${given}” is not a kind of file Verity accepts (it contains ${detected.found}). ` +
              'Send images, PDF, text, CSV, email or Office documents.',
            { errors: [{ path: at, message: `“${given}” is not an accepted kind of file` }] },
          );
        }
        record.type = detected.type;
        record.name = sanitiseFileName(given, detected.type);
      }
      if (!stored.length) {
        throw new AppError('validation', 'Choose at least one file to add.', {
          errors: [{ path: 'files', message: 'is required' }],
        });
      }
      const out = await db.transaction(async (tx) => {
        const locked = await repo.lockCase(tx, caseId);
        if (!locked) throw notFound('Case');
        const now = clock.now();
        const count = await repo.countForCase(tx, caseId);
        if (count + stored.length > limits.perCase) throw tooMany(count);
        const inserted = await repo.insertAttachments(
          tx,
          stored.map((s) => ({
            caseId,
            storageKey: s.key,
            name: s.name,
            contentType: s.type,
            sizeBytes: s.sizeBytes,
            sha256: s.sha256,
            addedByKind: by.kind,
            addedBy: by.kind === 'staff' ? by.userId : null,
            createdAt: now,
          })),
        );
        const ids = inserted.map((r) => r.id);
        const summary = stored.map((s, i) => ({
          id: ids[i],
          name: s.name,
          contentType: s.type,
          sizeBytes: s.sizeBytes,
          sha256: s.sha256,
        }));
        const names = stored.map((s) => s.name).join(', ');
        await repo.insertTimelineEntry(tx, {
          caseId,
          at: now,
          actorId: by.kind === 'staff' ? by.userId : null,
          body: by.kind === 'customer' ? `The customer added ${names}` : `Added ${names}`,
          data: { by: by.kind, attachments: summary },
        });
        const rows = await Promise.all(ids.map((id) => repo.findAttachment(tx, id)));
        // Last before commit: the audit chain's lock is held from here to the commit.
        await writeAudit(tx, stamp, {
          action: 'case.attachments_added',
          entityType: 'case',
          entityId: caseId,
          after: { addedBy: by.kind, attachments: summary },
        });
        return { locked, rows: rows.map((r) => toDto(r!, by.kind === 'customer')) };
      });
      events.publish({
        caseId,
        areaId: out.locked.areaId,
        version: out.locked.version,
        type: 'attachment',
        actorId: by.kind === 'staff' ? by.userId : null,
        at: clock.now().toISOString(),
      });
      return out.rows;
    } catch (err) {
      await Promise.all(
        stored.map((s) =>
          store.delete(s.key).catch((e: unknown) => log.error({ err: e, key: s.key }, 'attachment cleanup')),
        ),
      );
      throw err;
    }
  }

  async function open(row: repo.AttachmentRow, forCustomer: boolean): Promise<OpenedAttachment> {
    const content = await store.get(row.storageKey);
    if (!content) {
      log.error({ attachmentId: row.id }, 'attachment content missing from the store');
      throw notFound('Attachment');
    }
    return { attachment: toDto(row, forCustomer), content, inline: INLINE_TYPES.has(row.contentType) };
  }

  /** The staff member must be able to see the case (area scope); otherwise the case and file are 404. */
  async function checkCase(ctx: RequestContext, caseId: string, what: string) {
    try {
      await cases.checkVisible(ctx, caseId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw notFound(what);
      throw err;
    }
  }

  return {
    limits,
    /** Files of a case the staff member can see. */
    async list(ctx: RequestContext, caseId: string): Promise<AttachmentList> {
      await checkCase(ctx, caseId, 'Case');
      const rows = await repo.listForCase(db, caseId);
      return { items: rows.map((r) => toDto(r)), limits };
    },

    /** Adds files to a case the staff member can see (the route requires `cases:update`). */
    async upload(ctx: RequestContext, caseId: string, files: AsyncIterable<IncomingFile>) {
      if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
      await checkCase(ctx, caseId, 'Case');
      const items = await addFiles(
        caseId,
        files,
        { kind: 'staff', userId: ctx.principal.userId },
        actorOf(ctx, clock),
      );
      return { items };
    },

    /** One file for download, when the staff member can see its case. A forged or foreign id is 404. */
    async openForStaff(ctx: RequestContext, attachmentId: string): Promise<OpenedAttachment> {
      const row = await repo.findAttachment(db, attachmentId);
      if (!row) throw notFound('Attachment');
      await checkCase(ctx, row.caseId, 'Attachment');
      return open(row, false);
    },

    /**
     * Adds the customer's files to their case. Call only after the customer's tracking token has been
     * verified for this case: this function trusts `caseId`.
     */
    async addFromCustomer(
      caseId: string,
      files: AsyncIterable<IncomingFile>,
      ctx: RequestContext = systemContext(),
    ): Promise<Attachment[]> {
      if (!(await repo.caseExists(db, caseId))) throw notFound('Case');
      const stamp: ActorStamp = { ...actorOf(ctx, clock), actorId: null, actorLabel: 'customer' };
      return addFiles(caseId, files, { kind: 'customer' }, stamp);
    },

    /**
     * The files the customer added to their case (files staff add stay internal). Call only after the
     * tracking token has been verified for this case. `downloadUrl` is empty: the public routes build their own.
     */
    async listForCustomer(caseId: string): Promise<Attachment[]> {
      const rows = await repo.listForCase(db, caseId, true);
      return rows.map((r) => toDto(r, true));
    },

    /** One of the customer's own files on their case; any other id (or another case's file) is 404. */
    async openForCustomer(caseId: string, attachmentId: string): Promise<OpenedAttachment> {
      const row = await repo.findAttachment(db, attachmentId);
      if (!row || row.caseId !== caseId || row.addedByKind !== 'customer') throw notFound('Attachment');
      return open(row, true);
    },
  };
}

/** A readable label for an accepted type (for messages and lists). */
export function typeLabel(contentType: string): string {
  return (ATTACHMENT_TYPES as Record<string, string>)[contentType] ?? contentType;
}
