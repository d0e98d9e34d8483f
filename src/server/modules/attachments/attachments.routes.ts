import { z } from 'zod';
import {
  ATTACHMENT_LIMITS,
  attachmentIdParams,
  attachmentListSchema,
  attachmentSchema,
} from '../../../contracts/attachments.js';
import { idParams } from '../../../contracts/common.js';
import type { ZodApp } from '../../platform/http.js';
import { multipartFiles, sendAttachment } from './attachments.http.js';
import type { AttachmentService } from './attachments.service.js';

const MB = ATTACHMENT_LIMITS.fileBytes / (1024 * 1024);

const uploadForm = z
  .object({
    files: z.array(z.string().meta({ format: 'binary' })).describe('One part per file (any field name).'),
  })
  .nullish();

export function attachmentRoutes(app: ZodApp, service: AttachmentService): void {
  const tags = ['Attachments'];
  app.get('/api/v1/cases/:id/attachments', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The files of a case',
      params: idParams,
      response: { 200: attachmentListSchema },
    },
    handler: (req) => service.list(req.ctx, req.params.id),
  });
  app.post('/api/v1/cases/:id/attachments', {
    config: { access: 'cases:update' },
    schema: {
      tags,
      summary: 'Add files to a case',
      description:
        `Send \`multipart/form-data\` with one or more file parts (any field name). At most ${ATTACHMENT_LIMITS.perUpload} ` +
        `files at once, ${MB} MB each, ${ATTACHMENT_LIMITS.perCase} per case. The type is detected from the content; ` +
        'images, PDF, text, CSV, email (.eml) and Office documents are accepted. Too large: 413; too many on the case: ' +
        '409; a type not accepted: 415. Nothing is kept from a refused upload.',
      consumes: ['multipart/form-data'],
      params: idParams,
      // Describes the form for the API documentation; the parts themselves are read as streams by the handler.
      body: uploadForm,
      response: { 201: z.object({ items: z.array(attachmentSchema) }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.upload(req.ctx, req.params.id, multipartFiles(req))),
  });
  app.get('/api/v1/attachments/:attachmentId/download', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Download a file',
      description:
        'Checks that the caller may see the case. Plain images and PDF are sent inline; everything else as a ' +
        'download (Content-Disposition: attachment), always with nosniff and a sandboxing Content-Security-Policy.',
      params: attachmentIdParams,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await service.openForStaff(req.ctx, req.params.attachmentId)),
  });
}
