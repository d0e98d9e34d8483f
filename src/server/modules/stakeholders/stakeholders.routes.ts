import { idParams, pageOf } from '../../../contracts/common.js';
import {
  stakeholderCreateSchema,
  stakeholderListQuery,
  stakeholderSchema,
  stakeholderUpdateSchema,
} from '../../../contracts/stakeholders.js';
import type { ZodApp } from '../../platform/http.js';
import type { StakeholderService } from './stakeholders.service.js';

export function stakeholderRoutes(app: ZodApp, service: StakeholderService): void {
  const tags = ['Stakeholders'];
  app.get('/api/v1/stakeholders', {
    config: { access: 'stakeholders:read' },
    schema: {
      tags,
      summary: 'The stakeholder register',
      querystring: stakeholderListQuery,
      response: { 200: pageOf(stakeholderSchema) },
    },
    handler: (req) => service.list(req.ctx, req.query),
  });
  app.post('/api/v1/stakeholders', {
    config: { access: 'stakeholders:manage' },
    schema: {
      tags,
      summary: 'Add a stakeholder',
      body: stakeholderCreateSchema,
      response: { 201: stakeholderSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.create(req.ctx, req.body)),
  });
  app.get('/api/v1/stakeholders/:id', {
    config: { access: 'stakeholders:read' },
    schema: { tags, summary: 'One stakeholder', params: idParams, response: { 200: stakeholderSchema } },
    handler: (req) => service.get(req.ctx, req.params.id),
  });
  app.patch('/api/v1/stakeholders/:id', {
    config: { access: 'stakeholders:manage' },
    schema: {
      tags,
      summary: 'Edit or deactivate a stakeholder',
      params: idParams,
      body: stakeholderUpdateSchema,
      response: { 200: stakeholderSchema },
    },
    handler: (req) => service.update(req.ctx, req.params.id, req.body),
  });
}
