import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParams, okSchema, pageOf } from '../../../contracts/common.js';
import {
  acceptInvitationSchema,
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  changePasswordSchema,
  inviteSchema,
  resetCompleteSchema,
  resetRequestSchema,
  roleCreateSchema,
  roleSchema,
  roleUpdateSchema,
  sessionSchema,
  signInSchema,
  tokenInfoSchema,
  userListQuery,
  userSchema,
  userUpdateSchema,
} from '../../../contracts/identity.js';
import type { Config } from '../../config.js';
import type { ZodApp } from '../../platform/http.js';
import { CSRF_COOKIE, SESSION_COOKIE, type IdentityService, type IssuedSession } from './identity.service.js';

/** Sign-in and similar forms: a few attempts a minute from one address. */
const authRateLimit = { max: 20, timeWindow: '1 minute' };

/** The session cookie is HttpOnly; the CSRF cookie is readable by our own page script, which echoes it. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

export function setSessionCookies(reply: FastifyReply, issued: IssuedSession, config: Config): void {
  // The server's session row decides when a sign-in ends, and slides forward with use; the cookie only has
  // to outlive it, so it is given the longest life browsers allow rather than the session's first expiry.
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
    maxAge: Math.max(config.sessionTtlHours * 3600, COOKIE_MAX_AGE_S),
  };
  reply.setCookie(SESSION_COOKIE, issued.sessionToken, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, issued.csrfToken, { ...common, httpOnly: false });
}

export function identityRoutes(app: ZodApp, service: IdentityService, config: Config): void {
  const clearSessionCookies = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  };

  const auth = ['Sign-in and account'];

  app.get('/api/v1/auth/session', {
    config: { access: 'public' },
    schema: {
      tags: auth,
      summary: 'Who is signed in (and whether setup is needed)',
      response: { 200: sessionSchema },
    },
    handler: (req) => service.sessionInfo(req.ctx),
  });

  app.post('/api/v1/auth/sign-in', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Sign in with email and password',
      body: signInSchema,
      response: { 200: sessionSchema },
    },
    handler: async (req, reply) => {
      const issued = await service.signIn(req.ctx, req.body);
      setSessionCookies(reply, issued, config);
      const principal = await service.principalFromSessionToken(issued.sessionToken);
      return service.sessionInfo({ ...req.ctx, principal });
    },
  });

  app.post('/api/v1/auth/sign-out', {
    config: { access: 'authenticated' },
    schema: { tags: auth, summary: 'Sign out of this browser', response: { 200: okSchema } },
    handler: async (req, reply) => {
      await service.signOut(req.ctx);
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/sign-out-everywhere', {
    config: { access: 'authenticated' },
    schema: {
      tags: auth,
      summary: 'End every session of your account, on every device',
      response: { 200: z.object({ sessionsEnded: z.number() }) },
    },
    handler: async (req, reply) => {
      const sessionsEnded = await service.signOutEverywhere(req.ctx);
      clearSessionCookies(reply);
      return { sessionsEnded };
    },
  });

  app.get('/api/v1/auth/invitations/:token', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Check an invitation link',
      params: z.strictObject({ token: z.string().min(10).max(200) }),
      response: { 200: tokenInfoSchema },
    },
    handler: (req) => service.oneTimeTokenInfo(req.params.token, 'invitation'),
  });

  app.post('/api/v1/auth/invitations/accept', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Accept an invitation and choose a password',
      body: acceptInvitationSchema,
      response: { 200: sessionSchema },
    },
    handler: async (req, reply) => {
      const issued = await service.acceptInvitation(req.ctx, req.body);
      setSessionCookies(reply, issued, config);
      const principal = await service.principalFromSessionToken(issued.sessionToken);
      return service.sessionInfo({ ...req.ctx, principal });
    },
  });

  app.post('/api/v1/auth/password-reset', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Email a password reset link (the answer never says whether the address has an account)',
      body: resetRequestSchema,
      response: { 202: z.object({ detail: z.string() }) },
    },
    handler: async (req, reply) => {
      await service.requestPasswordReset(req.ctx, req.body.email);
      return reply.status(202).send({
        detail: 'If that address belongs to an account, a link to reset the password is on its way.',
      });
    },
  });

  app.get('/api/v1/auth/password-reset/:token', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Check a password reset link',
      params: z.strictObject({ token: z.string().min(10).max(200) }),
      response: { 200: tokenInfoSchema },
    },
    handler: (req) => service.oneTimeTokenInfo(req.params.token, 'password_reset'),
  });

  app.post('/api/v1/auth/password-reset/complete', {
    config: { access: 'public', rateLimit: authRateLimit },
    schema: {
      tags: auth,
      summary: 'Choose a new password with a reset link',
      body: resetCompleteSchema,
      response: { 200: okSchema },
    },
    handler: async (req) => {
      await service.completePasswordReset(req.ctx, req.body);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/account/password', {
    config: { access: 'authenticated' },
    schema: {
      tags: auth,
      summary: 'Change your password (ends your other sessions)',
      body: changePasswordSchema,
      response: { 200: okSchema },
    },
    handler: async (req) => {
      await service.changePassword(req.ctx, req.body);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/account/tokens', {
    config: { access: 'authenticated' },
    schema: {
      tags: auth,
      summary: 'Your API tokens',
      response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
    },
    handler: async (req) => ({ items: await service.listApiTokens(req.ctx) }),
  });

  app.post('/api/v1/account/tokens', {
    config: { access: 'authenticated' },
    schema: {
      tags: auth,
      summary: 'Create an API token (the secret is shown once)',
      body: apiTokenCreateSchema,
      response: { 201: apiTokenCreatedSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createApiToken(req.ctx, req.body)),
  });

  app.delete('/api/v1/account/tokens/:id', {
    config: { access: 'authenticated' },
    schema: {
      tags: auth,
      summary: 'Revoke an API token',
      params: idParams,
      response: { 200: apiTokenSchema },
    },
    handler: (req) => service.revokeApiToken(req.ctx, req.params.id),
  });

  const people = ['Users and roles'];

  app.get('/api/v1/users', {
    config: { access: 'org:read' },
    schema: {
      tags: people,
      summary: 'Staff of your business areas',
      querystring: userListQuery,
      response: { 200: pageOf(userSchema) },
    },
    handler: (req) => service.listUsers(req.ctx, req.query),
  });

  app.post('/api/v1/users/invitations', {
    config: { access: 'users:manage' },
    schema: {
      tags: people,
      summary: 'Invite a person by email',
      body: inviteSchema,
      response: { 201: userSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await service.inviteUser(req.ctx, req.body)),
  });

  app.post('/api/v1/users/:id/invitation', {
    config: { access: 'users:manage' },
    schema: {
      tags: people,
      summary: 'Send the invitation again (earlier links stop working)',
      params: idParams,
      response: { 200: okSchema },
    },
    handler: async (req) => {
      await service.resendInvitation(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/users/:id', {
    config: { access: 'org:read' },
    schema: { tags: people, summary: 'One user', params: idParams, response: { 200: userSchema } },
    handler: (req) => service.getUser(req.ctx, req.params.id),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: 'users:manage' },
    schema: {
      tags: people,
      summary: 'Edit a user: role, areas, teams; deactivate or reactivate',
      params: idParams,
      body: userUpdateSchema,
      response: { 200: userSchema },
    },
    handler: (req) => service.updateUser(req.ctx, req.params.id, req.body),
  });

  app.get('/api/v1/roles', {
    config: { access: 'authenticated' },
    schema: {
      tags: people,
      summary: 'Roles, their permissions and authority limits',
      response: { 200: z.object({ items: z.array(roleSchema) }) },
    },
    handler: async () => ({ items: await service.listRoles() }),
  });

  app.post('/api/v1/roles', {
    config: { access: 'roles:manage' },
    schema: { tags: people, summary: 'Add a role', body: roleCreateSchema, response: { 201: roleSchema } },
    handler: async (req, reply) => reply.status(201).send(await service.createRole(req.ctx, req.body)),
  });

  app.patch('/api/v1/roles/:id', {
    config: { access: 'roles:manage' },
    schema: {
      tags: people,
      summary: 'Edit a role’s permissions and authority limit',
      params: idParams,
      body: roleUpdateSchema,
      response: { 200: roleSchema },
    },
    handler: (req) => service.updateRole(req.ctx, req.params.id, req.body),
  });
}
