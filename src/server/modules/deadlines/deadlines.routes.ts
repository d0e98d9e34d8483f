import { idParams, pageOf } from '../../../contracts/common.js';
import {
  calendarCreateSchema,
  calendarSchema,
  calendarUpdateSchema,
  deadlinePolicyCreateSchema,
  deadlinePolicySchema,
  deadlinePolicyUpdateSchema,
} from '../../../contracts/cases.js';
import type { ZodApp } from '../../platform/http.js';
import type { DeadlineService } from './deadlines.service.js';

export function deadlineRoutes(app: ZodApp, service: DeadlineService): void {
  const tags = ['Deadlines'];
  app.get('/api/v1/calendars', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Business calendars (working hours, time zone, public holidays), the default first',
      response: { 200: pageOf(calendarSchema) },
    },
    handler: (req) => service.listCalendars(req.ctx),
  });
  app.post('/api/v1/calendars', {
    config: { access: 'cases:configure' },
    schema: {
      tags,
      summary: 'Add a business calendar and apply it to business areas',
      description:
        'Working intervals are local times HH:mm per ISO weekday (1 = Monday); an end at or before the start runs past midnight.',
      body: calendarCreateSchema,
      response: { 201: calendarSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createCalendar(req.ctx, req.body)),
  });
  app.get('/api/v1/calendars/:id', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One business calendar', params: idParams, response: { 200: calendarSchema } },
    handler: (req) => service.getCalendar(req.ctx, req.params.id),
  });
  app.patch('/api/v1/calendars/:id', {
    config: { access: 'cases:configure' },
    schema: {
      tags,
      summary: 'Edit a business calendar; areaIds lists exactly the areas that use it',
      description: 'Open deadline clocks on this calendar get new due times when its working time changes.',
      params: idParams,
      body: calendarUpdateSchema,
      response: { 200: calendarSchema },
    },
    handler: (req) => service.updateCalendar(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/deadline-policies', {
    // Reference data: anyone signed in may read it (those who configure it need not work cases).
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Deadline policies (service level targets) per area, priority and category',
      description:
        'The most specific active policy applies: area + priority + category, area + priority, then the organisation-wide ones. ' +
        'businessTime targets are working minutes; calendarDays targets are days.',
      response: { 200: pageOf(deadlinePolicySchema) },
    },
    handler: (req) => service.listPolicies(req.ctx),
  });
  app.post('/api/v1/deadline-policies', {
    config: { access: 'cases:configure' },
    schema: {
      tags,
      summary: 'Add a deadline policy',
      body: deadlinePolicyCreateSchema,
      response: { 201: deadlinePolicySchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createPolicy(req.ctx, req.body)),
  });
  app.patch('/api/v1/deadline-policies/:id', {
    config: { access: 'cases:configure' },
    schema: {
      tags,
      summary: 'Edit or deactivate a deadline policy (applies to clocks started from then on)',
      params: idParams,
      body: deadlinePolicyUpdateSchema,
      response: { 200: deadlinePolicySchema },
    },
    handler: (req) => service.updatePolicy(req.ctx, req.params.id, req.body),
  });
}
