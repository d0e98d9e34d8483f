import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const caseCategories = pgTable('case_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  kind: text('kind').notNull(),
  needType: text('need_type'),
  areaId: uuid('area_id').notNull(),
  teamId: uuid('team_id'),
  channel: text('channel').notNull(),
  status: text('status').notNull().default('received'),
  priority: text('priority').notNull().default('medium'),
  severity: text('severity').notNull().default('moderate'),
  categoryId: uuid('category_id'),
  subject: text('subject').notNull(),
  description: text('description').notNull(),
  desiredOutcome: text('desired_outcome').notNull().default(''),
  customerType: text('customer_type').notNull().default('individual'),
  customerName: text('customer_name').notNull().default(''),
  customerOrganisation: text('customer_organisation').notNull().default(''),
  customerEmail: text('customer_email'),
  customerPhone: text('customer_phone'),
  preferredContact: text('preferred_contact').notNull().default('email'),
  helpNeeded: text('help_needed').notNull().default(''),
  concernsUserId: uuid('concerns_user_id'),
  concernsProduct: text('concerns_product').notNull().default(''),
  assigneeId: uuid('assignee_id'),
  createdBy: uuid('created_by'),
  externalId: text('external_id'),
  receivedAt: ts('received_at').notNull().defaultNow(),
  acknowledgedAt: ts('acknowledged_at'),
  firstResponseAt: ts('first_response_at'),
  respondedAt: ts('responded_at'),
  closedAt: ts('closed_at'),
  outcome: text('outcome'),
  outcomeReason: text('outcome_reason').notNull().default(''),
  rootCause: text('root_cause'),
  resolvedFirstContact: boolean('resolved_first_contact').notNull().default(false),
  customerAccepted: boolean('customer_accepted'),
  reopenCount: integer('reopen_count').notNull().default(0),
  disputeCount: integer('dispute_count').notNull().default(0),
  externalBody: text('external_body'),
  externalReference: text('external_reference').notNull().default(''),
  escalated: boolean('escalated').notNull().default(false),
  sortDue: ts('sort_due')
    .notNull()
    .default(sql`'infinity'`),
  deadlineState: text('deadline_state').notNull().default('none'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const caseEvents = pgTable('case_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull(),
  type: text('type').notNull(),
  at: ts('at').notNull(),
  actorId: uuid('actor_id'),
  body: text('body').notNull().default(''),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});

export const caseHandlingSteps = pgTable(
  'case_handling_steps',
  {
    caseId: uuid('case_id').notNull(),
    step: text('step').notNull(),
    doneAt: ts('done_at').notNull(),
    doneBy: uuid('done_by'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.step] })],
);

export const caseResolutions = pgTable('case_resolutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  actions: jsonb('actions').$type<{ type: string; amountCents: number; note: string }[]>().notNull(),
  totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
  summary: text('summary').notNull(),
  status: text('status').notNull(),
  withinAuthority: boolean('within_authority').notNull(),
  proposedBy: uuid('proposed_by').notNull(),
  proposedAt: ts('proposed_at').notNull(),
  approverId: uuid('approver_id'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionReason: text('decision_reason'),
});

export const assignmentRules = pgTable('assignment_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  areaId: uuid('area_id').notNull(),
  categoryId: uuid('category_id'),
  teamId: uuid('team_id').notNull(),
  strategy: text('strategy').notNull(),
  lastAssigneeId: uuid('last_assignee_id'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const savedViews = pgTable('saved_views', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  filters: jsonb('filters').$type<Record<string, string>>().notNull(),
  shared: boolean('shared').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const responseTemplates = pgTable('response_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  purpose: text('purpose').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const personalAccessLog = pgTable('personal_access_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull(),
  userId: uuid('user_id').notNull(),
  at: ts('at').notNull(),
  purpose: text('purpose').notNull(),
});
