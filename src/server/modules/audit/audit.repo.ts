import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../platform/platform.tables.js';

export async function listEvents(
  db: Db,
  opts: {
    entityType?: string;
    entityId?: string;
    actorId?: string;
    action?: string;
    from?: string;
    to?: string;
    beforeSeq: number | null;
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [];
  if (opts.entityType) where.push(eq(auditEvents.entityType, opts.entityType));
  if (opts.entityId) where.push(eq(auditEvents.entityId, opts.entityId));
  if (opts.actorId) where.push(eq(auditEvents.actorId, opts.actorId));
  if (opts.action)
    where.push(sql`${auditEvents.action} LIKE ${`${opts.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (opts.from) where.push(sql`${auditEvents.at} >= ${opts.from}`);
  if (opts.to) where.push(sql`${auditEvents.at} < ${opts.to}`);
  if (opts.beforeSeq !== null) where.push(sql`${auditEvents.seq} < ${opts.beforeSeq}`);
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(opts.limit + 1);
}
