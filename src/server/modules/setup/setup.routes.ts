import { z } from 'zod';
import { sessionSchema } from '../../../contracts/identity.js';
import { setupSchema, setupStatusSchema } from '../../../contracts/setup.js';
import type { Config } from '../../config.js';
import type { ZodApp } from '../../platform/http.js';
import { setSessionCookies, type IdentityService } from '../identity/index.js';
import type { SetupService } from './setup.service.js';

export function setupRoutes(
  app: ZodApp,
  service: SetupService,
  identity: IdentityService,
  config: Config,
): void {
  const tags = ['Setup'];
  app.get('/api/v1/setup', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Whether first-run setup is still needed',
      response: { 200: setupStatusSchema },
    },
    handler: async () => ({ needed: await service.isNeeded() }),
  });

  app.post('/api/v1/setup', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'First-run setup: organisation, first administrator, optional sample organisation',
      body: setupSchema,
      response: {
        201: sessionSchema.extend({
          sample: z
            .object({
              areas: z.number(),
              teams: z.number(),
              staff: z.number(),
              stakeholders: z.number(),
              cases: z.number(),
            })
            .nullable(),
        }),
      },
    },
    handler: async (req, reply) => {
      const { issued, sample } = await service.run(req.ctx, req.body);
      setSessionCookies(reply, issued, config);
      const principal = await identity.principalFromSessionToken(issued.sessionToken);
      return reply.status(201).send({ ...(await identity.sessionInfo({ ...req.ctx, principal })), sample });
    },
  });
}
