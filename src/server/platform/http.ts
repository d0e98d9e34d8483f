import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isPermission, type Access } from '../../contracts/permissions.js';
import {
  AppError,
  statusByCode,
  titleByCode,
  validationError,
  type ErrorCode,
  type FieldError,
} from './errors.js';
import type { Principal, RequestContext } from './context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required: a route without it is denied. */
    access?: Access;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** The Fastify instance every module registers its routes on: Zod schemas in and out. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type Authenticator = (req: FastifyRequest) => Promise<Principal | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one place access is decided: every route names its access; unknown or missing means denied. */
export function registerAccessControl(
  app: FastifyInstance,
  authenticate: Authenticator,
  /** The host of PUBLIC_URL: behind a proxy that rewrites Host, the browser's Origin still names it. */
  publicHost?: string,
): void {
  app.decorateRequest('ctx', undefined as unknown as RequestContext);
  app.addHook('onRequest', async (req) => {
    req.ctx = {
      principal: null,
      requestId: req.id,
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    };
    // Unmatched URLs go to the not-found handler; nothing to guard.
    if (!req.routeOptions.url) return;
    const access = req.routeOptions.config?.access;
    if (access === undefined) {
      req.log.error({ route: req.routeOptions.url }, 'route declares no access rule: denied');
      throw new AppError('forbidden', 'This route is not available.');
    }
    if (access !== 'public' && access !== 'authenticated' && !isPermission(access)) {
      req.log.error({ route: req.routeOptions.url, access }, 'route declares an unknown permission: denied');
      throw new AppError('forbidden', 'This route is not available.');
    }
    const hasCredentials = !!req.headers.authorization || !!req.headers.cookie;
    const principal = hasCredentials ? await authenticate(req) : null;
    req.ctx.principal = principal;
    if (!SAFE_METHODS.has(req.method)) checkOrigin(req, publicHost);
    if (access === 'public') {
      return;
    }
    if (!principal) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== principal.csrfToken) {
        throw new AppError('csrf', 'The form was out of date. Reload the page and try again.');
      }
    }
    if (access !== 'authenticated' && !principal.permissions.has(access)) {
      throw new AppError('forbidden', `You need the “${access}” permission to do this.`, {
        permission: access,
      });
    }
  });
}

/**
 * PostgreSQL text cannot hold the NUL character, so a value carrying one would fail deep in a query as a
 * 500. Refuse it at the door instead, naming where it is.
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const errors: FieldError[] = [];
    findNulCharacters(req.params, 'params', errors);
    findNulCharacters(req.query, 'querystring', errors);
    findNulCharacters(req.body, 'body', errors);
    if (errors.length) throw validationError(errors, errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  });
}

function findNulCharacters(value: unknown, path: string, out: FieldError[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path, message: 'must not contain the NUL character' });
    return;
  }
  // Deeper than any schema goes: validation refuses such a body anyway.
  if (value === null || typeof value !== 'object' || depth > 32) return;
  for (const [key, v] of Object.entries(value)) findNulCharacters(v, `${path}.${key}`, out, depth + 1);
}

/** A cross-site form or script may not write: when the browser says where it came from, it must be us. */
function checkOrigin(req: FastifyRequest, publicHost?: string): void {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') {
    if (origin === 'null') throw new AppError('csrf', 'Cross-site requests are not accepted.');
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf', 'Cross-site requests are not accepted.');
  }
  if (host !== req.headers.host && host !== publicHost) {
    throw new AppError('csrf', 'Cross-site requests are not accepted.');
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

function problemFor(
  code: ErrorCode,
  detail: string,
  req: FastifyRequest,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `/problems/${code.replace(/_/g, '-')}`,
    title: titleByCode[code],
    status: statusByCode[code],
    detail,
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

function zodIssuesToErrors(err: FastifyError): FieldError[] {
  const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const out: FieldError[] = [];
  for (const v of err.validation ?? []) {
    const base = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    const params = v.params as { keys?: string[] };
    if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      for (const key of params.keys) {
        out.push({ path: [context, ...base, key].join('.'), message: 'is not a known field' });
      }
      continue;
    }
    out.push({ path: [context, ...base].join('.'), message: v.message ?? 'is not valid' });
  }
  return out;
}

/** One error channel: everything leaves as application/problem+json (RFC 9457). */
export function registerErrorHandling(
  app: FastifyInstance,
  fallback?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined,
): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const { errors, ...rest } = err.details;
      return sendProblem(
        reply,
        problemFor(err.code, err.message, req, { ...rest, ...(errors ? { errors } : {}) }),
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = zodIssuesToErrors(err);
      return sendProblem(
        reply,
        problemFor('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), req, { errors }),
      );
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(
          reply,
          problemFor('validation', 'The request body is not valid JSON.', req, {
            errors: [{ path: 'body', message: 'is not valid JSON' }],
          }),
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          problemFor('payload_too_large', 'The request body is larger than allowed.', req),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          problemFor('unsupported_media_type', 'Send the request body as application/json.', req),
        );
      default:
        break;
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(
        reply,
        problemFor('rate_limited', 'Too many requests. Wait a minute and try again.', req),
      );
    }
    if (status >= 400 && status < 500) {
      return sendProblem(reply, {
        ...problemFor('validation', err.message, req),
        status,
        title: 'Bad request',
      });
    }
    req.log.error({ err }, 'request failed');
    return sendProblem(
      reply,
      problemFor('internal', `Quote request id ${req.id} if you contact support.`, req),
    );
  });
  app.setNotFoundHandler((req, reply) => {
    const handled = fallback?.(req, reply);
    if (handled) return handled;
    return sendProblem(
      reply,
      problemFor('not_found', `Nothing is at ${req.method} ${req.url.split('?')[0]}.`, req),
    );
  });
}
