import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { idParams, pageOf } from '../../../contracts/common.js';
import {
  IMPORT_LIMITS,
  importErrorSchema,
  importErrorsQuery,
  importListQuery,
  importMappingUpdateSchema,
  importSchema,
  importStartSchema,
} from '../../../contracts/imports.js';
import { AppError, validationError } from '../../platform/errors.js';
import type { ZodApp } from '../../platform/http.js';
import type { ImportService } from './imports.service.js';

export function importRoutes(app: ZodApp, service: ImportService): void {
  const tags = ['Import of history'];
  const access = 'cases:import' as const;

  // The upload streams a multipart body to a file; the parser is registered here unless the app has one.
  void app.register(async (scope: ZodApp) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(fastifyMultipart);
    scope.post('/api/v1/imports', {
      config: { access },
      schema: {
        tags,
        summary: 'Upload a CSV or XLSX file of historical cases (multipart field "file")',
        description:
          'Streams the file to the data directory and answers with its header, first rows and a suggested ' +
          'column mapping. Nothing is imported until a run is started.',
        consumes: ['multipart/form-data'],
        response: { 201: importSchema },
      },
      handler: async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError(
            'unsupported_media_type',
            'Send the file as multipart/form-data in a field "file".',
          );
        const file = await req.file({
          limits: { fileSize: IMPORT_LIMITS.fileBytes, files: 1, fields: 0, parts: 2 },
        });
        if (!file || file.fieldname !== 'file') {
          file?.file.resume();
          throw validationError([{ path: 'body.file', message: 'is required' }]);
        }
        const created = await service.upload(req.ctx, { fileName: file.filename, stream: file.file });
        return reply.status(201).send(created);
      },
    });
  });

  app.get('/api/v1/imports', {
    config: { access },
    schema: {
      tags,
      summary: 'Imports, newest first',
      querystring: importListQuery,
      response: { 200: pageOf(importSchema) },
    },
    handler: (req) => service.list(req.ctx, req.query),
  });
  app.get('/api/v1/imports/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'One import: its mapping, status, progress and counts',
      params: idParams,
      response: { 200: importSchema },
    },
    handler: (req) => service.get(req.ctx, req.params.id),
  });
  app.put('/api/v1/imports/:id/mapping', {
    config: { access },
    schema: {
      tags,
      summary: 'Change the column mapping',
      params: idParams,
      body: importMappingUpdateSchema,
      response: { 200: importSchema },
    },
    handler: (req) => service.updateMapping(req.ctx, req.params.id, req.body),
  });
  for (const [path, mode, summary] of [
    ['dry-run', 'dry_run', 'Check every row without writing a case; the errors list names each rejected row'],
    ['run', 'run', 'Import the rows: good rows go in, bad rows are named; re-running adds nothing twice'],
  ] as const) {
    app.post(`/api/v1/imports/:id/${path}`, {
      config: { access },
      schema: {
        tags,
        summary,
        params: idParams,
        body: importStartSchema,
        response: { 202: importSchema },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await service.start(req.ctx, req.params.id, mode, req.body.version)),
    });
  }
  app.get('/api/v1/imports/:id/errors', {
    config: { access },
    schema: {
      tags,
      summary: 'The rejected rows of the last dry run or run: row number, column and reason',
      params: idParams,
      querystring: importErrorsQuery,
      response: { 200: pageOf(importErrorSchema) },
    },
    handler: (req) => service.errors(req.ctx, req.params.id, req.query),
  });
}

export const importIdParams = z.strictObject({ id: z.uuid() });
