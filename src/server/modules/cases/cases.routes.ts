import { z } from 'zod';
import {
  assignmentRuleCreateSchema,
  assignmentRuleSchema,
  assignmentRuleUpdateSchema,
  assignSchema,
  bulkResultSchema,
  bulkSchema,
  caseCreateSchema,
  caseListQuery,
  caseSchema,
  caseSummarySchema,
  caseUpdateSchema,
  categoryCreateSchema,
  categorySchema,
  categoryUpdateSchema,
  customerDecisionSchema,
  customerMessageSchema,
  decisionSchema,
  handlingStepInputSchema,
  messageSchema,
  noteSchema,
  personalAccessSchema,
  proposeResolutionSchema,
  receivedCorrectionSchema,
  savedViewCreateSchema,
  savedViewSchema,
  sendResponseSchema,
  templateCreateSchema,
  templatePreviewSchema,
  templateSchema,
  templateUpdateSchema,
  timelineEntrySchema,
  transitionSchema,
} from '../../../contracts/cases.js';
import { idParams, idSchema, LIMITS, okSchema, pageOf } from '../../../contracts/common.js';
import type { CaseChange, CaseEvents } from '../../platform/events.js';
import type { ZodApp } from '../../platform/http.js';
import type { CaseService } from './cases.service.js';
import type { CaseCatalogue } from './catalogue.service.js';
import { canSeeArea } from '../../platform/context.js';
import { validationError } from '../../platform/errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Streams case changes as Server-Sent Events until the client goes away. */
function stream(
  req: FastifyRequest,
  reply: FastifyReply,
  events: CaseEvents,
  accept: (c: CaseChange) => boolean,
) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  res.write(': connected\n\nretry: 3000\n\n');
  const unsubscribe = events.subscribe((change) => {
    if (!accept(change)) return;
    res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.raw.on('close', stop);
  res.on('close', stop);
}

export function caseRoutes(
  app: ZodApp,
  service: CaseService,
  catalogue: CaseCatalogue,
  events: CaseEvents,
): void {
  const tags = ['Cases'];
  const withId = { params: idParams };
  const caseResponse = { 200: caseSchema };

  app.get('/api/v1/cases', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The case queue: filters, sort by due, keyset pages',
      querystring: caseListQuery,
      response: { 200: pageOf(caseSummarySchema) },
    },
    handler: (req) => service.list(req.ctx, req.query),
  });
  app.post('/api/v1/cases', {
    config: { access: 'cases:create' },
    schema: {
      tags,
      summary: 'Record a case (staff entry: phone, counter, in person, letter; or API)',
      body: caseCreateSchema,
      response: { 201: caseSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.create(req.ctx, req.body)),
  });
  app.post('/api/v1/cases/bulk', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Assign or close several cases; one result per case',
      body: bulkSchema,
      response: { 200: bulkResultSchema },
    },
    handler: (req) => service.bulk(req.ctx, req.body),
  });
  app.get('/api/v1/cases/stream', {
    config: { access: 'cases:read' },
    schema: { tags, summary: 'Server-Sent Events: changes to any case you can see' },
    handler: async (req, reply) => {
      const p = req.ctx.principal!;
      stream(req, reply, events, (c) => canSeeArea(p, c.areaId));
    },
  });
  app.get('/api/v1/cases/by-reference/:reference', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Find a case by its reference',
      params: z.strictObject({ reference: z.string().trim().min(3).max(40) }),
      response: caseResponse,
    },
    handler: (req) => service.getByReference(req.ctx, req.params.reference),
  });
  app.get('/api/v1/cases/:id', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'One case, with its clocks, resolution and what you may do',
      ...withId,
      response: caseResponse,
    },
    handler: (req) => service.get(req.ctx, req.params.id),
  });
  app.patch('/api/v1/cases/:id', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Edit a case’s details (assessment, category, customer)',
      ...withId,
      body: caseUpdateSchema,
      response: caseResponse,
    },
    handler: (req) => service.update(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/received-at', {
    config: { access: 'cases:assign' },
    schema: {
      tags,
      summary: 'Correct the received time (audited, with a reason)',
      ...withId,
      body: receivedCorrectionSchema,
      response: caseResponse,
    },
    handler: (req) => service.correctReceivedAt(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/cases/:id/timeline', {
    config: { access: 'cases:read' },
    schema: { tags, summary: 'The case timeline', ...withId, response: { 200: items(timelineEntrySchema) } },
    handler: (req) => service.timeline(req.ctx, req.params.id),
  });
  app.get('/api/v1/cases/:id/events', {
    config: { access: 'cases:read' },
    schema: { tags, summary: 'Server-Sent Events: changes to this case', ...withId },
    handler: async (req, reply) => {
      const c = await service.checkVisible(req.ctx, req.params.id);
      stream(req, reply, events, (change) => change.caseId === c.id);
    },
  });
  app.post('/api/v1/cases/:id/transitions', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Move a case to another status (409 names the allowed ones)',
      ...withId,
      body: transitionSchema,
      response: caseResponse,
    },
    handler: (req) => service.transition(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/assign', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Assign or reassign (reason required to reassign)',
      ...withId,
      body: assignSchema,
      response: caseResponse,
    },
    handler: (req) => service.assign(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/cases/:id/assignees', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'People who may handle this case, with their open cases',
      ...withId,
      response: { 200: items(z.object({ id: z.string(), name: z.string(), openCases: z.number() })) },
    },
    handler: (req) => service.candidates(req.ctx, req.params.id),
  });
  app.get('/api/v1/cases/:id/approvers', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'People who may approve resolutions of this case, with their authority limits',
      ...withId,
      response: { 200: items(z.object({ id: z.string(), name: z.string(), limitCents: z.number() })) },
    },
    handler: (req) => service.approvers(req.ctx, req.params.id),
  });
  app.post('/api/v1/cases/:id/notes', {
    config: { access: 'cases:update' },
    schema: { tags, summary: 'Add an internal note', ...withId, body: noteSchema, response: caseResponse },
    handler: (req) => service.addNote(req.ctx, req.params.id, req.body.body),
  });
  app.post('/api/v1/cases/:id/messages', {
    config: { access: 'cases:update' },
    schema: { tags, summary: 'Email the customer', ...withId, body: messageSchema, response: caseResponse },
    handler: (req) => service.sendMessage(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/customer-messages', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary:
        'Record a message from the customer (phone, letter, counter); a case awaiting the customer resumes',
      ...withId,
      body: customerMessageSchema,
      response: caseResponse,
    },
    handler: (req) => service.recordCustomerMessage(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/handling-steps', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Record a handling-guide step as done',
      ...withId,
      body: handlingStepInputSchema,
      response: caseResponse,
    },
    handler: (req) => service.recordStep(req.ctx, req.params.id, req.body.step),
  });
  app.post('/api/v1/cases/:id/resolution', {
    config: { access: 'cases:resolve' },
    schema: {
      tags,
      summary: 'Propose a resolution; above your authority limit it becomes an approval request',
      ...withId,
      body: proposeResolutionSchema,
      response: caseResponse,
    },
    handler: (req) => service.propose(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/resolution/decision', {
    config: { access: 'cases:approve' },
    schema: {
      tags,
      summary: 'Approve or reject a resolution above the handler’s limit',
      ...withId,
      body: decisionSchema,
      response: caseResponse,
    },
    handler: (req) => service.decide(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/cases/:id/response-preview', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The response email as the customer will get it',
      ...withId,
      querystring: z.strictObject({ templateId: idSchema.optional() }),
      response: { 200: templatePreviewSchema },
    },
    handler: (req) => service.previewResponse(req.ctx, req.params.id, req.query.templateId),
  });
  app.post('/api/v1/cases/:id/response', {
    config: { access: 'cases:resolve' },
    schema: {
      tags,
      summary: 'Send the response (only once any approval is given)',
      ...withId,
      body: sendResponseSchema,
      response: caseResponse,
    },
    handler: (req) => service.sendResponse(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/cases/:id/customer-decision', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Record whether the customer accepts the outcome (rejection starts a review)',
      ...withId,
      body: customerDecisionSchema,
      response: caseResponse,
    },
    handler: (req) => service.customerDecision(req.ctx, req.params.id, req.body),
  });

  // ---------------------------------------------------------------------------------------------- saved views
  const viewTags = ['Saved views'];
  app.get('/api/v1/saved-views', {
    config: { access: 'cases:read' },
    schema: {
      tags: viewTags,
      summary: 'Your saved queue views and shared ones, with counts',
      response: { 200: items(savedViewSchema) },
    },
    handler: async (req) => {
      const rows = await catalogue.listViews(req.ctx);
      const out = [];
      for (const v of rows) {
        const parsed = caseListQuery.safeParse(v.filters);
        out.push({
          id: v.id,
          name: v.name,
          filters: v.filters,
          shared: v.shared,
          ownerId: v.ownerId,
          count: parsed.success ? await service.count(req.ctx, parsed.data) : null,
        });
      }
      return { items: out };
    },
  });
  app.post('/api/v1/saved-views', {
    config: { access: 'cases:read' },
    schema: {
      tags: viewTags,
      summary: 'Save the queue’s filters as a view',
      body: savedViewCreateSchema,
      response: { 201: savedViewSchema },
    },
    handler: async (req, reply) => {
      const { cursor: _c, ...filters } = req.body.filters;
      const parsed = caseListQuery.safeParse(filters);
      if (!parsed.success)
        throw validationError(
          parsed.error.issues.map((i) => ({ path: `body.filters.${i.path.join('.')}`, message: i.message })),
          'Some filters of this view are not valid queue filters.',
        );
      const v = await catalogue.createView(req.ctx, { ...req.body, filters });
      return reply.status(201).send({ ...v, count: await service.count(req.ctx, parsed.data) });
    },
  });
  app.delete('/api/v1/saved-views/:id', {
    config: { access: 'cases:read' },
    schema: { tags: viewTags, summary: 'Delete a view you saved', ...withId, response: { 200: okSchema } },
    handler: async (req) => {
      await catalogue.deleteView(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  // ---------------------------------------------------------------------------------------------- settings
  const settingsTags = ['Case settings'];
  app.get('/api/v1/categories', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: {
      tags: settingsTags,
      summary: 'Case categories (two levels)',
      response: { 200: items(categorySchema) },
    },
    handler: () => catalogue.listCategories(),
  });
  app.post('/api/v1/categories', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Add a category or sub-category',
      body: categoryCreateSchema,
      response: { 201: categorySchema },
    },
    handler: async (req, reply) => reply.status(201).send(await catalogue.createCategory(req.ctx, req.body)),
  });
  app.patch('/api/v1/categories/:id', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Rename, reorder or deactivate a category',
      ...withId,
      body: categoryUpdateSchema,
      response: { 200: categorySchema },
    },
    handler: (req) => catalogue.updateCategory(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/templates', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: { tags: settingsTags, summary: 'Response templates', response: { 200: items(templateSchema) } },
    handler: () => catalogue.listTemplates(),
  });
  app.post('/api/v1/templates', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Add a response template',
      body: templateCreateSchema,
      response: { 201: templateSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await catalogue.createTemplate(req.ctx, req.body)),
  });
  app.patch('/api/v1/templates/:id', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Edit or deactivate a response template',
      ...withId,
      body: templateUpdateSchema,
      response: { 200: templateSchema },
    },
    handler: (req) => catalogue.updateTemplate(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/assignment-rules', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: {
      tags: settingsTags,
      summary: 'Assignment rules of your areas',
      response: { 200: items(assignmentRuleSchema) },
    },
    handler: (req) => catalogue.listRules(req.ctx),
  });
  app.post('/api/v1/assignment-rules', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Add an assignment rule',
      body: assignmentRuleCreateSchema,
      response: { 201: assignmentRuleSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await catalogue.createRule(req.ctx, req.body)),
  });
  app.patch('/api/v1/assignment-rules/:id', {
    config: { access: 'cases:configure' },
    schema: {
      tags: settingsTags,
      summary: 'Edit or deactivate an assignment rule',
      ...withId,
      body: assignmentRuleUpdateSchema,
      response: { 200: assignmentRuleSchema },
    },
    handler: (req) => catalogue.updateRule(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/personal-access', {
    config: { access: 'audit:read' },
    schema: {
      tags: ['Audit'],
      summary: 'Who viewed customers’ personal details, newest first',
      querystring: z.strictObject({
        caseId: idSchema.optional(),
        userId: idSchema.optional(),
        cursor: z.string().max(500).optional(),
        limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
      }),
      response: { 200: pageOf(personalAccessSchema) },
    },
    handler: (req) => catalogue.personalAccess(req.ctx, req.query),
  });
}
