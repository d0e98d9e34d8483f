import { z } from 'zod';
import { idSchema, LIMITS, queryBool, text, versionSchema } from './common.js';

/** Builds a Zod enum from a label map, with a message that lists the allowed values. */
function enumOf<K extends string>(labels: Record<K, string>) {
  const keys = Object.keys(labels) as [K, ...K[]];
  return z.enum(keys, { message: `must be one of: ${keys.join(', ')}` });
}

export const CASE_KINDS = {
  complaint: 'Complaint',
  compliment: 'Compliment',
  suggestion: 'Suggestion',
  enquiry: 'Enquiry / need',
} as const;
export type CaseKind = keyof typeof CASE_KINDS;
export const caseKindSchema = enumOf(CASE_KINDS);

/** What a customer's need relates to [401 1.1]. */
export const NEED_TYPES = {
  accuracy_of_information: 'Accuracy of information',
  advice: 'Advice or general information',
  complaint: 'Complaint',
  fairness_politeness: 'Fairness / politeness',
  further_information: 'Further information',
  appointment: 'Making an appointment',
  prices_value: 'Prices / value',
  purchasing: 'Purchasing',
  returning_products: 'Returning products',
  specific_information: 'Specific information',
} as const;
export type NeedType = keyof typeof NEED_TYPES;
export const needTypeSchema = enumOf(NEED_TYPES);

export const CHANNELS = {
  web: 'Web form',
  email: 'Email',
  phone: 'Phone',
  counter: 'Counter',
  in_person: 'In person',
  letter: 'Letter',
  social: 'Social media',
  api: 'API',
  import: 'Import',
} as const;
export type Channel = keyof typeof CHANNELS;
export const channelSchema = enumOf(CHANNELS);
/** Channels a staff member records by hand on the contact screen. */
export const STAFF_ENTRY_CHANNELS: Channel[] = ['phone', 'counter', 'in_person', 'letter', 'email', 'social'];

export const CUSTOMER_TYPES = {
  individual: 'Individual',
  corporate: 'Corporate customer',
  internal: 'Internal customer',
  other_agency: 'Other agency',
  supplier: 'Supplier',
} as const;
export type CustomerType = keyof typeof CUSTOMER_TYPES;
export const customerTypeSchema = enumOf(CUSTOMER_TYPES);

export const CONTACT_METHODS = { email: 'Email', phone: 'Phone', letter: 'Letter' } as const;
export const contactMethodSchema = enumOf(CONTACT_METHODS);

export const PRIORITIES = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as const;
export type Priority = keyof typeof PRIORITIES;
export const prioritySchema = enumOf(PRIORITIES);
export const PRIORITY_ORDER: Priority[] = ['low', 'medium', 'high', 'urgent'];

export const SEVERITIES = { minor: 'Minor', moderate: 'Moderate', major: 'Major', severe: 'Severe' } as const;
export type Severity = keyof typeof SEVERITIES;
export const severitySchema = enumOf(SEVERITIES);

export const CASE_STATUSES = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  investigating: 'Assessment / investigation',
  awaiting_customer: 'Awaiting customer',
  resolution_proposed: 'Resolution proposed',
  awaiting_approval: 'Awaiting approval',
  responded: 'Responded',
  closed: 'Closed',
  reopened: 'Reopened',
  under_review: 'Under review (dispute)',
  referred_external: 'Referred to external body',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const caseStatusSchema = enumOf(CASE_STATUSES);

/** Statuses in which the case is still being worked (not closed, not with an external body). */
export const OPEN_STATUSES: CaseStatus[] = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolution_proposed',
  'awaiting_approval',
  'responded',
  'reopened',
  'under_review',
];

/**
 * Transitions a person may ask for through POST /cases/:id/transitions. Some statuses are reached only by
 * their own action: awaiting_approval and resolution_proposed by proposing a resolution, responded by sending
 * the response, under_review by recording the customer's rejection (or a dispute).
 */
export const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  received: ['acknowledged', 'investigating', 'closed'],
  acknowledged: ['investigating', 'awaiting_customer', 'closed'],
  investigating: ['awaiting_customer', 'closed'],
  awaiting_customer: ['investigating', 'closed'],
  reopened: ['investigating', 'awaiting_customer', 'closed'],
  resolution_proposed: ['investigating', 'closed'],
  awaiting_approval: [],
  responded: ['closed', 'under_review', 'investigating'],
  closed: ['reopened', 'under_review'],
  under_review: ['investigating', 'closed', 'referred_external'],
  referred_external: ['closed'],
};

export const OUTCOMES = {
  resolved_first_contact: 'Resolved at first contact',
  upheld: 'Upheld',
  partly_upheld: 'Partly upheld',
  not_upheld: 'Not upheld',
  withdrawn: 'Withdrawn',
  no_further_action: 'No further action (compliment, suggestion or enquiry answered)',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const outcomeSchema = enumOf(OUTCOMES);

export const ROOT_CAUSES = {
  people: 'People (skills, behaviour, staffing)',
  process: 'Process or procedure',
  policy: 'Policy',
  product: 'Product or service design',
  system: 'System or technology',
  supplier: 'Supplier or partner',
  communication: 'Communication',
  customer_expectation: 'Customer expectation',
  other: 'Other',
} as const;
export const rootCauseSchema = enumOf(ROOT_CAUSES);

export const EXTERNAL_BODIES = {
  ombudsman: 'Ombudsman',
  fair_trading: 'Office of Fair Trading',
  consumer_affairs: 'Consumer affairs',
  industry_regulator: 'Industry regulator',
  other: 'Other external body',
} as const;
export const externalBodySchema = enumOf(EXTERNAL_BODIES);

export const RESOLUTION_ACTIONS = {
  replacement: 'Item replacement',
  refund: 'Refund',
  credit: 'Credit or compensation',
  apology: 'Apology and explanation',
  supervisor_referral: 'Referral to supervisor',
  conciliation: 'Conciliation / conflict management',
  service_review: 'Review of the product or service',
  external_referral: 'Referral to an external agency',
} as const;
export type ResolutionActionType = keyof typeof RESOLUTION_ACTIONS;
export const resolutionActionTypeSchema = enumOf(RESOLUTION_ACTIONS);
/** Actions that award money and so need an amount. */
export const MONEY_ACTIONS: ResolutionActionType[] = ['refund', 'credit', 'replacement'];

export const HANDLING_STEPS = {
  attend: 'Attend',
  listen: 'Listen',
  acknowledge: 'Acknowledge the problem',
  apologise: 'Apologise',
  resolve: 'Resolve',
  thank: 'Thank',
} as const;
export type HandlingStep = keyof typeof HANDLING_STEPS;
export const handlingStepSchema = enumOf(HANDLING_STEPS);

export const DEADLINE_KINDS = {
  acknowledgement: 'Acknowledgement',
  first_response: 'First response',
  resolution: 'Resolution',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;
export const deadlineKindSchema = enumOf(DEADLINE_KINDS);

/** The state of a case's earliest open deadline, for the queue. */
export const DEADLINE_STATES = {
  none: 'No deadline',
  on_track: 'On track',
  due_soon: 'Due soon',
  breached: 'Breached',
  paused: 'Paused',
} as const;
export type DeadlineState = keyof typeof DEADLINE_STATES;
export const deadlineStateSchema = enumOf(DEADLINE_STATES);

export const TIMELINE_TYPES = {
  created: 'Case recorded',
  note: 'Internal note',
  message_out: 'Message to customer',
  message_in: 'Message from customer',
  status: 'Status changed',
  assigned: 'Assigned',
  details: 'Details changed',
  correction: 'Correction',
  handling_step: 'Handling step done',
  resolution_proposed: 'Resolution proposed',
  approval_requested: 'Approval requested',
  approved: 'Resolution approved',
  rejected: 'Resolution rejected',
  customer_accepted: 'Customer accepted the outcome',
  customer_rejected: 'Customer rejected the outcome',
  deadline: 'Deadline event',
  escalated: 'Escalated',
  attachment: 'Attachment',
  personal_access: 'Personal details viewed',
  referred: 'Referred to external body',
} as const;
export type TimelineType = keyof typeof TIMELINE_TYPES;

/**
 * A case reference as typed or read aloud, in the form the server stores (`VR-26-7KQ4-MX`): upper case, no
 * spaces, and after the year O read as 0 and I or L as 1 (references never use those letters).
 */
export function normaliseReference(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(
      /^(VR-\d{2}-)(.*)$/,
      (_m, head: string, tail: string) => head + tail.replace(/O/g, '0').replace(/[IL]/g, '1'),
    );
}

// ---------------------------------------------------------------------------------------------------------
// Shapes

const isoDate = z.string();
const money = z
  .number({ message: 'must be an amount in cents' })
  .int('must be a whole number of cents')
  .min(0, 'must not be negative')
  .max(100_000_000_00, 'is too large');

const optionalEmail = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((v) => v.toLowerCase())
  .nullable();
const optionalPhone = z
  .string()
  .trim()
  .regex(/^[+()0-9 .-]{3,40}$/, 'must be a phone number (digits, spaces, + ( ) - .)')
  .nullable();

export const customerSchema = z.object({
  type: customerTypeSchema,
  name: z.string(),
  organisation: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredContact: contactMethodSchema,
  /** True when the name, email and phone are hidden from this user (no cases:personal). */
  masked: z.boolean(),
});
export type Customer = z.infer<typeof customerSchema>;

export const customerInputSchema = z.strictObject({
  type: customerTypeSchema.default('individual'),
  name: z.string().trim().max(LIMITS.name).default(''),
  organisation: z.string().trim().max(LIMITS.name).default(''),
  email: optionalEmail.default(null),
  phone: optionalPhone.default(null),
  preferredContact: contactMethodSchema.default('email'),
});

export const resolutionActionSchema = z.strictObject({
  type: resolutionActionTypeSchema,
  amountCents: money.default(0),
  note: z.string().trim().max(LIMITS.shortText).default(''),
});
export type ResolutionAction = z.infer<typeof resolutionActionSchema>;

export const resolutionSchema = z.object({
  id: z.string(),
  actions: z.array(z.object({ type: resolutionActionTypeSchema, amountCents: z.number(), note: z.string() })),
  totalCents: z.number(),
  summary: z.string(),
  status: z.enum(['approved', 'pending_approval', 'rejected', 'superseded']),
  /** True when the total was within the proposer's own authority limit. */
  withinAuthority: z.boolean(),
  proposedBy: z.object({ id: z.string(), name: z.string() }),
  proposedAt: z.string(),
  approver: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

export const clockSchema = z.object({
  kind: deadlineKindSchema,
  state: z.enum(['running', 'paused', 'met', 'breached', 'notStarted']),
  target: z.object({ kind: z.enum(['businessTime', 'calendarDays']), value: z.number() }),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  warningAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  elapsedMs: z.number(),
  remainingMs: z.number(),
  fractionUsed: z.number(),
  isWarning: z.boolean(),
  isBreached: z.boolean(),
});
export type CaseClock = z.infer<typeof clockSchema>;

const ref = z.object({ id: z.string(), name: z.string() });

export const caseSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  priority: prioritySchema,
  subject: z.string(),
  channel: channelSchema,
  area: ref,
  team: ref.nullable(),
  category: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable() }).nullable(),
  assignee: ref.nullable(),
  customerName: z.string(),
  customerMasked: z.boolean(),
  receivedAt: isoDate,
  nextDueAt: isoDate.nullable(),
  deadlineState: deadlineStateSchema,
  escalated: z.boolean(),
  version: z.number(),
  updatedAt: isoDate,
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseSchema = caseSummarySchema.extend({
  needType: needTypeSchema.nullable(),
  severity: severitySchema,
  description: z.string(),
  desiredOutcome: z.string(),
  customer: customerSchema,
  helpNeeded: z.string(),
  concernsUser: ref.nullable(),
  concernsProduct: z.string(),
  createdBy: ref.nullable(),
  acknowledgedAt: isoDate.nullable(),
  firstResponseAt: isoDate.nullable(),
  respondedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  outcome: outcomeSchema.nullable(),
  outcomeReason: z.string(),
  rootCause: rootCauseSchema.nullable(),
  resolvedAtFirstContact: z.boolean(),
  customerAccepted: z.boolean().nullable(),
  reopenCount: z.number(),
  disputeCount: z.number(),
  externalBody: externalBodySchema.nullable(),
  externalReference: z.string(),
  handlingSteps: z.array(z.object({ step: handlingStepSchema, doneAt: z.string(), by: z.string() })),
  resolution: resolutionSchema.nullable(),
  clocks: z.array(clockSchema),
  /** What this user may do now: the server's answer, so the page shows only real actions. */
  allowed: z.object({
    transitions: z.array(caseStatusSchema),
    update: z.boolean(),
    assign: z.boolean(),
    propose: z.boolean(),
    approve: z.boolean(),
    respond: z.boolean(),
    recordCustomerDecision: z.boolean(),
    viewPersonal: z.boolean(),
  }),
  authorityLimitCents: z.number(),
});
export type Case = z.infer<typeof caseSchema>;

export const timelineEntrySchema = z.object({
  id: z.number(),
  type: z.string(),
  at: isoDate,
  actor: ref.nullable(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

// ---------------------------------------------------------------------------------------------------------
// Requests

export const caseCreateSchema = z.strictObject({
  kind: caseKindSchema.default('complaint'),
  needType: needTypeSchema.nullable().default(null),
  areaId: idSchema,
  teamId: idSchema.nullable().default(null),
  channel: channelSchema,
  categoryId: idSchema.nullable().default(null),
  priority: prioritySchema.default('medium'),
  severity: severitySchema.default('moderate'),
  subject: text(LIMITS.shortText),
  description: z.string().trim().min(1, 'is required').max(LIMITS.longText),
  desiredOutcome: z.string().trim().max(LIMITS.longText).default(''),
  customer: customerInputSchema.default({
    type: 'individual',
    name: '',
    organisation: '',
    email: null,
    phone: null,
    preferredContact: 'email',
  }),
  helpNeeded: z.string().trim().max(LIMITS.shortText).default(''),
  concernsUserId: idSchema.nullable().default(null),
  concernsProduct: z.string().trim().max(LIMITS.name).default(''),
  assigneeId: idSchema.nullable().default(null),
  /** Staff entry: the contact was resolved while the customer was there; closes the case at once. */
  resolvedAtFirstContact: z.boolean().default(false),
  resolutionNote: z.string().trim().max(LIMITS.longText).default(''),
  handlingSteps: z.array(handlingStepSchema).max(6).default([]),
  /** Send the acknowledgement email to the customer now (when there is an email address). */
  sendAcknowledgement: z.boolean().default(true),
});
export type CaseCreate = z.input<typeof caseCreateSchema>;

export const caseUpdateSchema = z.strictObject({
  version: versionSchema,
  kind: caseKindSchema.optional(),
  needType: needTypeSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  categoryId: idSchema.nullable().optional(),
  priority: prioritySchema.optional(),
  severity: severitySchema.optional(),
  subject: text(LIMITS.shortText).optional(),
  desiredOutcome: z.string().trim().max(LIMITS.longText).optional(),
  customer: customerInputSchema.partial().optional(),
  helpNeeded: z.string().trim().max(LIMITS.shortText).optional(),
  concernsUserId: idSchema.nullable().optional(),
  concernsProduct: z.string().trim().max(LIMITS.name).optional(),
});

/** A correction of the received time: never silent, always with a reason, audited. */
export const receivedCorrectionSchema = z.strictObject({
  version: versionSchema,
  receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }),
  reason: text(LIMITS.shortText),
});

export const transitionSchema = z.strictObject({
  version: versionSchema,
  to: caseStatusSchema,
  reason: z.string().trim().max(LIMITS.longText).default(''),
  outcome: outcomeSchema.optional(),
  rootCause: rootCauseSchema.optional(),
  externalBody: externalBodySchema.optional(),
  externalReference: z.string().trim().max(LIMITS.name).optional(),
});

export const assignSchema = z.strictObject({
  version: versionSchema,
  assigneeId: idSchema.nullable(),
  reason: z.string().trim().max(LIMITS.shortText).default(''),
});

export const noteSchema = z.strictObject({
  body: z.string().trim().min(1, 'is required').max(LIMITS.longText),
});

export const messageSchema = z.strictObject({
  version: versionSchema,
  subject: text(LIMITS.shortText).optional(),
  body: z.string().trim().min(1, 'is required').max(LIMITS.longText),
  templateId: idSchema.optional(),
});

/** A message the customer sent by another route (phone call, letter, counter), recorded by staff. */
export const customerMessageSchema = z.strictObject({
  channel: z.enum(['phone', 'counter', 'in_person', 'letter', 'email', 'social'], {
    message: 'must be one of: phone, counter, in_person, letter, email, social',
  }),
  body: z.string().trim().min(1, 'is required').max(LIMITS.longText),
});

export const handlingStepInputSchema = z.strictObject({ step: handlingStepSchema });

export const proposeResolutionSchema = z.strictObject({
  version: versionSchema,
  actions: z.array(resolutionActionSchema).min(1, 'needs at least one action').max(10),
  summary: z.string().trim().min(1, 'is required').max(LIMITS.longText),
  /** Who should approve when above the proposer's limit; the server picks one when omitted. */
  approverId: idSchema.optional(),
});

export const decisionSchema = z.strictObject({
  version: versionSchema,
  approve: z.boolean(),
  reason: z.string().trim().max(LIMITS.longText).default(''),
});

export const sendResponseSchema = z.strictObject({
  version: versionSchema,
  templateId: idSchema.optional(),
  subject: text(LIMITS.shortText).optional(),
  body: z.string().trim().max(LIMITS.longText).optional(),
});

export const customerDecisionSchema = z.strictObject({
  version: versionSchema,
  accepted: z.boolean(),
  note: z.string().trim().max(LIMITS.longText).default(''),
});

/** A case from outside — the public form, email, an integration: no signed-in person records it. */
export const caseIntakeSchema = z.strictObject({
  kind: caseKindSchema.default('complaint'),
  needType: needTypeSchema.nullable().default(null),
  areaId: idSchema,
  categoryId: idSchema.nullable().default(null),
  subject: text(LIMITS.shortText),
  description: z.string().trim().min(1, 'is required').max(LIMITS.longText),
  desiredOutcome: z.string().trim().max(LIMITS.longText).default(''),
  customer: customerInputSchema,
  helpNeeded: z.string().trim().max(LIMITS.shortText).default(''),
  /** The sender's id for this case (e.g. an email's Message-ID); a second intake with it is refused. */
  externalId: z.string().trim().min(1).max(300).nullable().default(null),
});
export type CaseIntake = z.input<typeof caseIntakeSchema>;

/** Where the customer's case is, in plain words (the track page). */
export const CUSTOMER_STAGES = {
  received: 'We have received it',
  in_progress: 'We are looking into it',
  waiting_for_you: 'We are waiting for you',
  responded: 'We have sent our response',
  closed: 'Closed',
  under_review: 'We are reviewing our response',
  referred: 'Referred to an external body',
} as const;
export type CustomerStage = keyof typeof CUSTOMER_STAGES;

export const customerCaseViewSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  kind: caseKindSchema,
  subject: z.string(),
  status: caseStatusSchema,
  stage: enumOf(CUSTOMER_STAGES),
  receivedAt: z.string(),
  /** When the customer can expect the next step (the earliest open deadline), if any. */
  expectedBy: z.string().nullable(),
  area: z.object({ name: z.string() }),
  messages: z.array(z.object({ at: z.string(), from: z.enum(['you', 'staff']), body: z.string() })),
  response: z.object({ at: z.string(), body: z.string() }).nullable(),
  outcome: outcomeSchema.nullable(),
  customerAccepted: z.boolean().nullable(),
  canReply: z.boolean(),
  canDecide: z.boolean(),
});
export type CustomerCaseView = z.infer<typeof customerCaseViewSchema>;

export const deadlineStateFilter = z.enum(['due_soon', 'breached', 'paused', 'on_track', 'none']);

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item).max(50));

export const caseListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: csv(caseStatusSchema).optional(),
  open: queryBool.optional(),
  areaId: csv(idSchema).optional(),
  teamId: idSchema.optional(),
  assigneeId: z.union([idSchema, z.literal('me'), z.literal('none')]).optional(),
  kind: csv(caseKindSchema).optional(),
  categoryId: idSchema.optional(),
  channel: csv(channelSchema).optional(),
  priority: csv(prioritySchema).optional(),
  deadline: csv(deadlineStateFilter).optional(),
  receivedFrom: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  receivedTo: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  /** 'me': cases whose resolution waits for my approval. */
  approver: z.literal('me').optional(),
  sort: z.enum(['due', 'received', 'updated']).default('due'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type CaseListQuery = z.input<typeof caseListQuery>;

export const bulkSchema = z.strictObject({
  ids: z.array(idSchema).min(1).max(200),
  action: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('assign'),
      assigneeId: idSchema.nullable(),
      reason: z.string().trim().max(LIMITS.shortText).default(''),
    }),
    z.strictObject({
      type: z.literal('close'),
      outcome: outcomeSchema,
      reason: z.string().trim().max(LIMITS.longText).default(''),
      rootCause: rootCauseSchema.optional(),
    }),
  ]),
});
export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.number(),
      reference: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Categories, saved views, templates, assignment rules

export const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  sortOrder: z.number(),
  version: z.number(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryCreateSchema = z.strictObject({
  parentId: idSchema.nullable().default(null),
  name: text(),
  description: z.string().trim().max(LIMITS.shortText).default(''),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export const categoryUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  description: z.string().trim().max(LIMITS.shortText).optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  shared: z.boolean(),
  ownerId: z.string(),
  count: z.number().nullable(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewCreateSchema = z.strictObject({
  name: text(100),
  /** The queue's query-string filters (status, areaId, …) as strings. */
  filters: z.record(z.string().max(40), z.string().max(2000)),
  shared: z.boolean().default(false),
});

export const TEMPLATE_PURPOSES = {
  acknowledgement: 'Acknowledgement',
  update: 'Progress update',
  response: 'Response with the outcome',
  request_information: 'Request for information',
} as const;
export const templatePurposeSchema = enumOf(TEMPLATE_PURPOSES);
/** Placeholders a template may use; each is replaced by an escaped value. */
export const TEMPLATE_PLACEHOLDERS = [
  'customer.name',
  'case.reference',
  'case.subject',
  'case.status',
  'case.receivedAt',
  'area.name',
  'organisation.name',
  'resolution.summary',
  'resolution.total',
  'handler.name',
  'deadline.resolution',
] as const;
export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: templatePurposeSchema,
  subject: z.string(),
  body: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type Template = z.infer<typeof templateSchema>;
export const templateCreateSchema = z.strictObject({
  name: text(),
  purpose: templatePurposeSchema,
  subject: text(LIMITS.shortText),
  body: z.string().trim().min(1, 'is required').max(LIMITS.longText),
});
export const templateUpdateSchema = templateCreateSchema.partial().extend({
  version: versionSchema,
  active: z.boolean().optional(),
});
export const templatePreviewSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() });

export const assignmentRuleSchema = z.object({
  id: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  teamId: z.string(),
  teamName: z.string(),
  strategy: z.enum(['round_robin', 'least_loaded']),
  active: z.boolean(),
  version: z.number(),
});
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;
export const assignmentRuleCreateSchema = z.strictObject({
  areaId: idSchema,
  categoryId: idSchema.nullable().default(null),
  teamId: idSchema,
  strategy: z.enum(['round_robin', 'least_loaded']),
});
export const assignmentRuleUpdateSchema = z.strictObject({
  version: versionSchema,
  teamId: idSchema.optional(),
  strategy: z.enum(['round_robin', 'least_loaded']).optional(),
  active: z.boolean().optional(),
});

export const personalAccessSchema = z.object({
  id: z.number(),
  at: z.string(),
  user: ref,
  caseId: z.string(),
  reference: z.string(),
  purpose: z.string(),
});

// ---------------------------------------------------------------------------------------------------------
// Calendars and deadline policies

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:mm');
export const workingIntervalSchema = z.strictObject({ start: hhmm, end: hhmm });
export const weeklySchema = z.strictObject({
  1: z.array(workingIntervalSchema).max(6).default([]),
  2: z.array(workingIntervalSchema).max(6).default([]),
  3: z.array(workingIntervalSchema).max(6).default([]),
  4: z.array(workingIntervalSchema).max(6).default([]),
  5: z.array(workingIntervalSchema).max(6).default([]),
  6: z.array(workingIntervalSchema).max(6).default([]),
  7: z.array(workingIntervalSchema).max(6).default([]),
});
export const holidaySchema = z.strictObject({
  date: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
  name: text(100),
});
export const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  areaIds: z.array(z.string()),
  isDefault: z.boolean(),
  version: z.number(),
});
export type Calendar = z.infer<typeof calendarSchema>;
export const calendarCreateSchema = z.strictObject({
  name: text(),
  timeZone: z.string().trim().min(1).max(64),
  weekly: weeklySchema,
  holidays: z.array(holidaySchema).max(500).default([]),
  areaIds: z.array(idSchema).max(200).default([]),
});
export const calendarUpdateSchema = calendarCreateSchema.partial().extend({ version: versionSchema });

export const targetSchema = z.strictObject({
  kind: z.enum(['businessTime', 'calendarDays']),
  /** Working minutes for businessTime; whole days for calendarDays. */
  value: z.number().int().min(1).max(525_600),
});
export const deadlinePolicySchema = z.object({
  id: z.string(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  priority: prioritySchema,
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  acknowledgement: targetSchema,
  firstResponse: targetSchema,
  resolution: targetSchema,
  warningPercent: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;
export const deadlinePolicyCreateSchema = z.strictObject({
  areaId: idSchema.nullable().default(null),
  priority: prioritySchema,
  categoryId: idSchema.nullable().default(null),
  acknowledgement: targetSchema,
  firstResponse: targetSchema,
  resolution: targetSchema,
  warningPercent: z.number().int().min(1).max(99).default(75),
});
export const deadlinePolicyUpdateSchema = z.strictObject({
  version: versionSchema,
  acknowledgement: targetSchema.optional(),
  firstResponse: targetSchema.optional(),
  resolution: targetSchema.optional(),
  warningPercent: z.number().int().min(1).max(99).optional(),
  active: z.boolean().optional(),
});
