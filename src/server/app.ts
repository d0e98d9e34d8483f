import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { LIMITS } from '../contracts/common.js';
import type { Access } from '../contracts/permissions.js';
import type { Config } from './config.js';
import { webDistDir } from './paths.js';
import type { Database } from './db/client.js';
import { pendingMigrations } from './db/migrate.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Deps } from './platform/deps.js';
import {
  registerAccessControl,
  registerErrorHandling,
  registerInputChecks,
  type ZodApp,
} from './platform/http.js';
import { startAuditChainer } from './platform/audit.js';
import { JobWorker } from './platform/jobs.js';
import { createMailer, MAIL_QUEUE, mailJobHandler, type Mailer } from './platform/mail.js';
import { auditRoutes, createAuditService } from './modules/audit/index.js';
import { createIdentityService, identityRoutes } from './modules/identity/index.js';
import { createOrganisationService, organisationRoutes } from './modules/organisation/index.js';
import { createSetupService, setupRoutes } from './modules/setup/index.js';
import { createStakeholderService, stakeholderRoutes } from './modules/stakeholders/index.js';
import { caseRoutes, createCaseCatalogue, createCaseService } from './modules/cases/index.js';
import { createDeadlineService, deadlineRoutes } from './modules/deadlines/index.js';
import { attachmentRoutes, createAttachmentService } from './modules/attachments/index.js';
import { createImportService, importRoutes } from './modules/imports/index.js';
import { createPublicService, publicRoutes } from './modules/public/index.js';
import { createMailInService } from './modules/mail-in/index.js';
import { CaseEvents } from './platform/events.js';
import { loadSigner } from './platform/signing.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
  /** Serve the built web interface from this folder (default dist/web when it exists). */
  webRoot?: string | null;
}

export type Services = ReturnType<typeof createServices>;

/** One registered route and the access it declares (undefined when it declares none: denied). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
}

function createServices(deps: Deps) {
  const organisation = createOrganisationService(deps);
  const identity = createIdentityService(deps, organisation);
  const stakeholders = createStakeholderService(deps, organisation);
  const audit = createAuditService(deps);
  const caseEvents = new CaseEvents();
  const deadlines = createDeadlineService(deps, organisation, caseEvents);
  const setup = createSetupService(deps, organisation, identity, deadlines);
  const catalogue = createCaseCatalogue(deps);
  const cases = createCaseService(deps, organisation, deadlines, catalogue, caseEvents);
  const attachments = createAttachmentService(deps, cases, caseEvents);
  const imports = createImportService(deps, organisation);
  const publicPages = createPublicService(deps, { organisation, cases, attachments });
  const mailIn = createMailInService(deps, cases, attachments);
  return {
    organisation,
    identity,
    stakeholders,
    audit,
    setup,
    caseEvents,
    deadlines,
    catalogue,
    cases,
    attachments,
    publicPages,
    imports,
    mailIn,
  };
}

/** Builds the HTTP app and the job worker. Never listens: main.ts does, tests use app.inject. */
export async function buildApp(options: BuildOptions) {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const log =
    options.logger ??
    pino({
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], remove: true },
      serializers: {
        // One-time tokens travel in a few URLs: never write them to the log.
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url
            .replace(/(invitations|password-reset)\/[A-Za-z0-9_-]{10,}/, '$1/[token]')
            .replace(/token=[^&]+/, 'token=[token]'),
        }),
      },
    });
  const signer = await loadSigner(database.db, config.secret);
  const deps: Deps = { db: database.db, clock, config, log, signer };
  const services = createServices(deps);
  const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const worker = new JobWorker(database.db, clock, log, config.jobsPollMs);
  // Links audit events into the hash chain shortly after they commit.
  const stopAuditChainer = startAuditChainer(database.db, log);
  worker.register(MAIL_QUEUE, mailJobHandler(mailer, log));
  services.deadlines.registerJobs(worker);
  services.imports.registerJobs(worker);
  services.mailIn.registerJobs(worker);

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: LIMITS.bodyBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  // Registered before any route, so it sees every route, including those plugins add.
  const registered: { method: string | string[]; url: string; config?: { access?: Access } }[] = [];
  app.addHook('onRoute', (route) => {
    registered.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(fastifyRateLimit, { global: false, allowList: config.rateLimitAllow });
  // Uploads are read as streams by the routes that take them (req.parts()), each with its own limits.
  await app.register(fastifyMultipart);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Verity API',
        version: '1',
        description:
          'Customer service quality management. Authenticate with a session cookie (plus the X-CSRF-Token header on writes) ' +
          'or with `Authorization: Bearer <API token>`. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'verity_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerErrorHandling(app, (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method !== 'GET' || url.startsWith('/api/') || !webRoot) return undefined;
    // Client-side routes of the web interface all load the same page.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', webRoot);
  });
  registerAccessControl(app, (req) => services.identity.authenticate(req), new URL(config.publicUrl).host);
  registerInputChecks(app);

  const webRoot =
    options.webRoot === null
      ? null
      : (options.webRoot ?? (fs.existsSync(path.join(webDistDir, 'index.html')) ? webDistDir : null));

  // Plugins that add their own routes (docs, static files) are public by declaration, not by omission.
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' } as typeof route.config;
    });
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    if (webRoot) {
      await scope.register(fastifyStatic, {
        root: webRoot,
        prefix: '/',
        wildcard: true,
        index: false,
        decorateReply: true,
        // Built assets have content hashes in their names: cache them for good. index.html is never cached.
        setHeaders: (res, filePath) => {
          const isAsset = filePath.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      scope.get('/', (_req, reply) =>
        reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', webRoot),
      );
    }
  });

  const zapp = app as unknown as ZodApp;
  zapp.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });
  zapp.get('/healthz', {
    config: { access: 'public' },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  zapp.get('/readyz', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (_req, reply) => {
      try {
        await database.query('SELECT 1');
        const pending = await pendingMigrations(database);
        if (pending.length) return reply.status(503).send({ status: 'migrations pending', pending });
        return { status: 'ready', database: database.kind };
      } catch {
        return reply.status(503).send({ status: 'database unreachable' });
      }
    },
  });

  setupRoutes(zapp, services.setup, services.identity, config);
  identityRoutes(zapp, services.identity, config);
  organisationRoutes(zapp, services.organisation);
  stakeholderRoutes(zapp, services.stakeholders);
  auditRoutes(zapp, services.audit);
  deadlineRoutes(zapp, services.deadlines);
  caseRoutes(zapp, services.cases, services.catalogue, services.caseEvents);
  attachmentRoutes(zapp, services.attachments);
  importRoutes(zapp, services.imports);
  publicRoutes(zapp, services.publicPages);

  await app.ready();
  // Read after ready: a plugin scope's own onRoute hook may set `access` after ours has run.
  const routes: RouteAccess[] = registered.flatMap((r) =>
    [r.method].flat().map((method) => ({ method, url: r.url, access: r.config?.access })),
  );

  return {
    app: app as unknown as FastifyInstance,
    services,
    /** Every route with its declared access, for the permission matrix test. */
    routes,
    worker,
    mailer,
    deps,
    async close() {
      await worker.stop();
      await app.close();
      await stopAuditChainer();
      mailer.close();
    },
  };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
