import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  attachmentTokenParams,
  charterSchema,
  publicAttachmentListSchema,
  confirmSchema,
  logoUploadSchema,
  publicAreaSchema,
  publicCategorySchema,
  publicSettingsSchema,
  publicSettingsUpdateSchema,
  publicSubmissionSchema,
  submissionResultSchema,
  trackDecisionSchema,
  trackLookupResultSchema,
  trackLookupSchema,
  trackReplySchema,
  trackTokenQuery,
  trackViewSchema,
} from '../../../contracts/public.js';
import { AppError } from '../../platform/errors.js';
import type { ZodApp } from '../../platform/http.js';
import { multipartFiles, sendAttachment } from '../attachments/index.js';
import type { PublicService } from './public.service.js';

/** How often one address (and one email address) may use the public pages. */
export const PUBLIC_RATE_LIMITS = {
  submitPerAddress: { max: 10, timeWindow: '10 minutes' },
  submitPerEmail: { max: 5, timeWindow: '1 hour' },
  lookupPerAddress: { max: 20, timeWindow: '10 minutes' },
  trackPerAddress: { max: 120, timeWindow: '1 minute' },
  writePerAddress: { max: 30, timeWindow: '10 minutes' },
} as const;

/** A form's JSON is small: 10,000 characters of text in two fields at most, plus contact details. */
const FORM_BODY_BYTES = 128 * 1024;

function emailOf(req: FastifyRequest): string {
  const body = req.body as { customer?: { email?: unknown } } | undefined;
  const email = body?.customer?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

export function publicRoutes(app: ZodApp, service: PublicService): void {
  const tags = ['Public pages'];
  // A second limiter keyed on the email address in the body (the route's own one counts addresses).
  const emailLimiter = app.createRateLimit({
    ...PUBLIC_RATE_LIMITS.submitPerEmail,
    keyGenerator: (req) => `email:${emailOf(req)}`,
  });
  const perEmail = async (req: FastifyRequest) => {
    const result = await emailLimiter(req);
    if (!result.isAllowed && result.isExceeded) {
      throw new AppError(
        'rate_limited',
        'We have had several messages from this email address in the last hour. Try again later, or contact us another way.',
      );
    }
  };

  app.get('/api/v1/public/charter', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The service charter: how to give feedback, what happens next, time frames, branding',
      security: [],
      response: { 200: charterSchema },
    },
    handler: () => service.charter(),
  });

  app.get('/api/v1/public/logo', {
    config: { access: 'public' },
    schema: { tags, summary: 'The organisation logo (when uploaded)', security: [], hide: true },
    handler: async (_req, reply) => {
      const logo = await service.logo();
      if (!logo)
        return reply.status(404).type('application/problem+json').send({
          type: '/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: 'No logo was uploaded.',
        });
      return reply
        .type(logo.type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(logo.data);
    },
  });

  app.get('/api/v1/public/areas', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The parts of the service a customer can give feedback about',
      security: [],
      response: { 200: z.object({ items: z.array(publicAreaSchema) }) },
    },
    handler: () => service.areas(),
  });

  app.get('/api/v1/public/categories', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'What the feedback can be about (two levels)',
      security: [],
      response: { 200: z.object({ items: z.array(publicCategorySchema) }) },
    },
    handler: () => service.categories(),
  });

  app.post('/api/v1/public/submissions', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.submitPerAddress },
    bodyLimit: FORM_BODY_BYTES,
    preHandler: perEmail,
    schema: {
      tags,
      summary: 'Send a complaint, compliment, suggestion or enquiry (no account needed)',
      description:
        'Send the same `idempotencyKey` again (e.g. a double click) and the answer names the same case. ' +
        'When the organisation asks for email confirmation first, the answer is `check_email` and the case ' +
        'is created when the link in the email is followed.',
      security: [],
      body: publicSubmissionSchema,
      response: { 201: submissionResultSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.submit(req.ctx, req.body)),
  });

  app.post('/api/v1/public/submissions/confirm', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.writePerAddress },
    schema: {
      tags,
      summary: 'Confirm the email address of a submission (verify-first mode): the case is created',
      security: [],
      body: confirmSchema,
      response: { 200: submissionResultSchema },
    },
    handler: (req) => service.confirm(req.body.token),
  });

  app.post('/api/v1/public/track/lookup', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.lookupPerAddress },
    schema: {
      tags,
      summary: 'Find a case by its reference and the email address given with it',
      description:
        'A reference that does not exist and an email address that does not match answer the same 404.',
      security: [],
      body: trackLookupSchema,
      response: { 200: trackLookupResultSchema },
    },
    handler: (req) => service.lookup(req.body.reference, req.body.email),
  });

  app.get('/api/v1/public/track', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.trackPerAddress },
    schema: {
      tags,
      summary: 'A case as its customer sees it (signed tracking token)',
      security: [],
      querystring: trackTokenQuery,
      response: { 200: trackViewSchema },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return service.view(req.query.token);
    },
  });

  app.post('/api/v1/public/track/replies', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.writePerAddress },
    bodyLimit: FORM_BODY_BYTES,
    schema: {
      tags,
      summary: 'Add information or reply to the staff handling the case',
      security: [],
      body: trackReplySchema,
      response: { 200: trackViewSchema },
    },
    handler: (req) => service.reply(req.body.token, req.body.body),
  });

  app.post('/api/v1/public/track/decision', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.writePerAddress },
    bodyLimit: FORM_BODY_BYTES,
    schema: {
      tags,
      summary: 'Accept or reject the response; rejecting opens a review',
      security: [],
      body: trackDecisionSchema,
      response: { 200: trackViewSchema },
    },
    handler: (req) => service.decide(req.body.token, req.body.accept, req.body.reason),
  });

  app.get('/api/v1/public/track/attachments', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.trackPerAddress },
    schema: {
      tags,
      summary: 'The files the customer added to their case',
      security: [],
      querystring: trackTokenQuery,
      response: { 200: publicAttachmentListSchema },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.listFiles(req.query.token);
    },
  });

  app.post('/api/v1/public/track/attachments', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.writePerAddress },
    schema: {
      tags,
      summary: 'Add files to the case (multipart/form-data; the tracking token in the query)',
      description:
        'Limits, accepted types and refusals are those of staff uploads (see Attachments): too large 413, too ' +
        'many 409, a type not accepted 415.',
      consumes: ['multipart/form-data'],
      security: [],
      querystring: trackTokenQuery,
      response: { 201: publicAttachmentListSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.addFiles(req.query.token, multipartFiles(req), req.ctx)),
  });

  app.get('/api/v1/public/track/attachments/:attachmentId', {
    config: { access: 'public', rateLimit: PUBLIC_RATE_LIMITS.trackPerAddress },
    schema: {
      tags,
      summary: 'Download one of the files the customer added (checked against the tracking token)',
      security: [],
      params: attachmentTokenParams,
      querystring: trackTokenQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(
        reply.header('referrer-policy', 'no-referrer'),
        await service.openFile(req.query.token, req.params.attachmentId),
      ),
  });

  // Administrators: the charter's text, branding and the verify-first switch.
  const admin = ['Organisation'];
  app.get('/api/v1/settings/public-pages', {
    config: { access: 'settings:manage' },
    schema: {
      tags: admin,
      summary: 'The public pages settings (charter sections, branding, email confirmation)',
      response: { 200: publicSettingsSchema },
    },
    handler: () => service.getSettings(),
  });
  app.patch('/api/v1/settings/public-pages', {
    config: { access: 'settings:manage' },
    schema: {
      tags: admin,
      summary: 'Edit the charter, the branding or the email confirmation switch',
      body: publicSettingsUpdateSchema,
      response: { 200: publicSettingsSchema },
    },
    handler: (req) => service.updateSettings(req.ctx, req.body),
  });
  app.put('/api/v1/settings/public-pages/logo', {
    config: { access: 'settings:manage' },
    schema: {
      tags: admin,
      summary: 'Upload the logo (PNG, JPEG, GIF or WebP, at most 200 KB, base64)',
      body: logoUploadSchema,
      response: { 200: publicSettingsSchema },
    },
    handler: (req) => service.uploadLogo(req.ctx, req.body),
  });
}
