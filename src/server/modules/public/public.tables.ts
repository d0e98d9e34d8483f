import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const publicSettings = pgTable('public_settings', {
  id: integer('id').primaryKey().default(1),
  brandName: text('brand_name').notNull().default(''),
  primaryColour: text('primary_colour').notNull().default('#1c5fa8'),
  logoType: text('logo_type'),
  logoData: text('logo_data'),
  logoUrl: text('logo_url').notNull().default(''),
  intro: text('intro').notNull().default(''),
  howTo: text('how_to').notNull().default(''),
  whatHappensNext: text('what_happens_next').notNull().default(''),
  privacy: text('privacy').notNull().default(''),
  escalation: text('escalation').notNull().default(''),
  externalBodyName: text('external_body_name').notNull().default(''),
  externalBodyUrl: text('external_body_url').notNull().default(''),
  contact: text('contact').notNull().default(''),
  verifyEmailFirst: boolean('verify_email_first').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const publicSubmissions = pgTable('public_submissions', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  status: text('status').notNull(),
  emailDigest: text('email_digest').notNull(),
  payload: jsonb('payload'),
  caseId: uuid('case_id'),
  reference: text('reference'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
