import type { z } from 'zod';
import type { AuditEvent, auditListQuery } from '../../../contracts/audit.js';
import { verifyAuditChain } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { decodeCursor, pageFrom, seqCursor } from '../../platform/pagination.js';
import * as repo from './audit.repo.js';

export type AuditService = ReturnType<typeof createAuditService>;

/** Browsing and verifying the audit trail. Writing events is platform/audit.ts, called by every service. */
export function createAuditService({ db }: Deps) {
  async function list(query: z.infer<typeof auditListQuery>) {
    const cursor = decodeCursor(query.cursor, seqCursor);
    const rows = await repo.listEvents(db, {
      entityType: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      action: query.action,
      from: query.from,
      to: query.to,
      beforeSeq: cursor ? cursor[0] : null,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.seq]);
    const items: AuditEvent[] = page.items.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      hash: r.hash,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  return { list, verify: () => verifyAuditChain(db) };
}
