import type { z } from 'zod';
import type { AuditEvent, auditListQuery } from '../../../contracts/audit.js';
import { verifyAuditChain } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, pageFrom, seqCursor } from '../../platform/pagination.js';
import * as repo from './audit.repo.js';

export type AuditService = ReturnType<typeof createAuditService>;

/** Browsing and verifying the audit trail. Writing events is platform/audit.ts, called by every service. */
export function createAuditService({ db }: Deps) {
  /** The trail spans every area, so reading it needs access to all of them, not just the permission. */
  function assertAllAreas(ctx: RequestContext) {
    if (!ctx.principal?.allAreas) {
      throw new AppError(
        'forbidden',
        'The audit trail covers every business area; it needs access to all of them.',
      );
    }
  }

  async function list(ctx: RequestContext, query: z.infer<typeof auditListQuery>) {
    assertAllAreas(ctx);
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

  async function verify(ctx: RequestContext) {
    assertAllAreas(ctx);
    return verifyAuditChain(db);
  }

  return { list, verify };
}
