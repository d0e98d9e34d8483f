import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<Record<string, { start: string; end: string }[]>>().notNull(),
  holidays: jsonb('holidays').$type<{ date: string; name: string }[]>().notNull().default([]),
  isDefault: boolean('is_default').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const deadlinePolicies = pgTable('deadline_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  areaId: uuid('area_id'),
  priority: text('priority').notNull(),
  categoryId: uuid('category_id'),
  ackKind: text('ack_kind').notNull(),
  ackValue: integer('ack_value').notNull(),
  responseKind: text('response_kind').notNull(),
  responseValue: integer('response_value').notNull(),
  resolutionKind: text('resolution_kind').notNull(),
  resolutionValue: integer('resolution_value').notNull(),
  warningPercent: integer('warning_percent').notNull().default(75),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const caseClocks = pgTable('case_clocks', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  kind: text('kind').notNull(),
  targetKind: text('target_kind').notNull(),
  targetValue: integer('target_value').notNull(),
  warningPercent: integer('warning_percent').notNull(),
  calendarId: uuid('calendar_id'),
  state: text('state').notNull(),
  startedAt: ts('started_at').notNull(),
  dueAt: ts('due_at'),
  warningAt: ts('warning_at'),
  fulfilledAt: ts('fulfilled_at'),
  warnedAt: ts('warned_at'),
  breachedAt: ts('breached_at'),
  cycle: integer('cycle').notNull().default(1),
  version: integer('version').notNull().default(1),
});

export const clockEvents = pgTable('clock_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  clockId: uuid('clock_id').notNull(),
  type: text('type').notNull(),
  at: ts('at').notNull(),
  actorId: uuid('actor_id'),
  reason: text('reason').notNull().default(''),
});
