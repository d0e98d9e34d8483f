import { bigint, bigserial, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }),
  caseId: uuid('case_id').notNull(),
  storageKey: text('storage_key').notNull(),
  name: text('name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  addedByKind: text('added_by_kind').$type<'staff' | 'customer'>().notNull(),
  addedBy: uuid('added_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
