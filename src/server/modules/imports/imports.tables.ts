import { bigint, bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull().$type<'csv' | 'xlsx'>(),
  storedName: text('stored_name').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  headers: jsonb('headers').notNull().$type<string[]>(),
  sampleRows: jsonb('sample_rows').notNull().$type<string[][]>(),
  mapping: jsonb('mapping').notNull(),
  status: text('status').notNull().default('uploaded'),
  mode: text('mode'),
  rowsRead: integer('rows_read').notNull().default(0),
  bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
  inserted: integer('inserted').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const importErrors = pgTable('import_errors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  importId: uuid('import_id').notNull(),
  rowNumber: integer('row_number').notNull(),
  columnName: text('column_name'),
  reason: text('reason').notNull(),
});
