import {
  areaCreateSchema,
  areaListQuery,
  areaSchema,
  areaUpdateSchema,
  organisationSchema,
  organisationUpdateSchema,
  teamCreateSchema,
  teamListQuery,
  teamSchema,
  teamUpdateSchema,
} from '../../../contracts/organisation.js';
import { idParams, pageOf } from '../../../contracts/common.js';
import type { ZodApp } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { OrganisationService } from './organisation.service.js';

export function organisationRoutes(app: ZodApp, service: OrganisationService): void {
  const tags = ['Organisation'];

  app.get('/api/v1/organisation', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Organisation settings', response: { 200: organisationSchema } },
    handler: async () => {
      const org = await service.getOrganisation();
      if (!org) throw new AppError('setup_required', 'Set up Verity first.');
      return org;
    },
  });

  app.patch('/api/v1/organisation', {
    config: { access: 'settings:manage' },
    schema: {
      tags,
      summary: 'Change organisation settings',
      body: organisationUpdateSchema,
      response: { 200: organisationSchema },
    },
    handler: (req) => service.updateOrganisation(req.ctx, req.body),
  });

  app.get('/api/v1/areas', {
    config: { access: 'org:read' },
    schema: {
      tags,
      summary: 'Business areas you can see',
      querystring: areaListQuery,
      response: { 200: pageOf(areaSchema) },
    },
    handler: (req) => service.listAreas(req.ctx, req.query),
  });

  app.post('/api/v1/areas', {
    config: { access: 'org:manage' },
    schema: { tags, summary: 'Add a business area', body: areaCreateSchema, response: { 201: areaSchema } },
    handler: async (req, reply) => reply.status(201).send(await service.createArea(req.ctx, req.body)),
  });

  app.get('/api/v1/areas/:id', {
    config: { access: 'org:read' },
    schema: { tags, summary: 'One business area', params: idParams, response: { 200: areaSchema } },
    handler: (req) => service.getArea(req.ctx, req.params.id),
  });

  app.patch('/api/v1/areas/:id', {
    config: { access: 'org:manage' },
    schema: {
      tags,
      summary: 'Edit or deactivate a business area',
      params: idParams,
      body: areaUpdateSchema,
      response: { 200: areaSchema },
    },
    handler: (req) => service.updateArea(req.ctx, req.params.id, req.body),
  });

  app.get('/api/v1/teams', {
    config: { access: 'org:read' },
    schema: {
      tags,
      summary: 'Teams you can see',
      querystring: teamListQuery,
      response: { 200: pageOf(teamSchema) },
    },
    handler: (req) => service.listTeams(req.ctx, req.query),
  });

  app.post('/api/v1/teams', {
    config: { access: 'org:manage' },
    schema: {
      tags,
      summary: 'Add a team to a business area',
      body: teamCreateSchema,
      response: { 201: teamSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createTeam(req.ctx, req.body)),
  });

  app.get('/api/v1/teams/:id', {
    config: { access: 'org:read' },
    schema: { tags, summary: 'One team', params: idParams, response: { 200: teamSchema } },
    handler: (req) => service.getTeam(req.ctx, req.params.id),
  });

  app.patch('/api/v1/teams/:id', {
    config: { access: 'org:manage' },
    schema: {
      tags,
      summary: 'Edit or deactivate a team',
      params: idParams,
      body: teamUpdateSchema,
      response: { 200: teamSchema },
    },
    handler: (req) => service.updateTeam(req.ctx, req.params.id, req.body),
  });
}
