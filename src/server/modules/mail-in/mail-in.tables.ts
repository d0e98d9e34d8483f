import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Each received email once (see migration 0006): the Message-ID table that makes a second delivery a no-op. */
export const inboundMessages = pgTable('inbound_messages', {
  messageKey: text('message_key').primaryKey(),
  source: text('source', { enum: ['smtp', 'imap'] }).notNull(),
  status: text('status', { enum: ['processing', 'done'] })
    .notNull()
    .default('processing'),
  outcome: text('outcome', { enum: ['created', 'threaded'] }),
  caseId: uuid('case_id'),
  tokenProblem: text('token_problem'),
  html: text('html'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  doneAt: timestamp('done_at', { withTimezone: true }),
});
