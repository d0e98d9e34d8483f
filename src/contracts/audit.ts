import { z } from 'zod';
import { idSchema, LIMITS } from './common.js';

/** Every kind of record the audit trail speaks of, with its name for people. Add a module's records here. */
export const AUDIT_ENTITY_TYPES = {
  organisation: 'Organisation',
  business_area: 'Business area',
  team: 'Team',
  user: 'Person',
  role: 'Role',
  stakeholder: 'Stakeholder',
  api_token: 'API token',
  case: 'Case',
  case_category: 'Case category',
  response_template: 'Response template',
  assignment_rule: 'Assignment rule',
  saved_view: 'Saved view',
  calendar: 'Business calendar',
  deadline_policy: 'Deadline policy',
  import: 'Import of history',
} as const;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_TYPES;

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  /** Null for a moment after commit, until the chainer links the event into the chain. */
  hash: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** An ISO date-time PostgreSQL can hold: it has no year 0. */
const dateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO date-time' })
  .refine((v) => !v.startsWith('0000'), 'must be an ISO date-time from year 1 on');

export const auditListQuery = z.strictObject({
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorId: idSchema.optional(),
  action: z.string().trim().max(100).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ seq: z.number(), reason: z.string() }).optional(),
});
