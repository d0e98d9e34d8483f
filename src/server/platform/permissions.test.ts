import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, isPermission, type Access } from '../../contracts/permissions.js';
import type { RouteAccess } from '../app.js';
import {
  createArea,
  createStaff,
  createTestApp,
  Session,
  setupOrganisation,
  ADMIN,
  type TestApp,
} from '../../../test/support/app.js';
import { registerAccessControl, registerErrorHandling } from './http.js';

const ROLE_KEYS = ['officer', 'supervisor', 'manager', 'executive', 'administrator'] as const;
type RoleKey = (typeof ROLE_KEYS)[number];

const permissionsOf = (role: RoleKey): readonly string[] =>
  DEFAULT_ROLES.find((r) => r.key === role)!.permissions;

/** The smallest request that reaches a route: placeholder path values and an empty JSON body. */
function minimalRequest(route: RouteAccess) {
  const url = route.url
    .replace(/:id\b/g, randomUUID())
    .replace(/:token\b/g, 'x'.repeat(32))
    .replace(/\*$/, 'missing.js');
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return { method: route.method, url, ...(hasBody ? { payload: {} } : {}) };
}

/** Routes that answer with a Server-Sent Events stream that stays open. */
const EVENT_STREAMS = new Set(['/api/v1/cases/stream']);

let ipCounter = 0;
/** Signs in from a fresh address, so the per-address rate limit of sign-in never gets in the way. */
async function signInFresh(t: TestApp, email: string, password: string): Promise<Session> {
  const s = new Session(t.app);
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress: `10.9.0.${++ipCounter}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return s;
}

describe('access control', () => {
  let t: TestApp;
  let apiRoutes: RouteAccess[];
  const people = new Map<RoleKey, { email: string; password: string; session: Session }>();

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await setupOrganisation(t);
    people.set('administrator', { email: ADMIN.email, password: ADMIN.password, session: admin });
    const area = await createArea(admin);
    for (const role of ROLE_KEYS.filter((r) => r !== 'administrator')) {
      const staff = await createStaff(t, admin, { role, areaIds: [area.id] });
      people.set(role, { email: staff.user.email, password: staff.password, session: staff.session });
    }
    // HEAD answers exactly as GET does; checking GET is enough.
    apiRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
  });
  afterAll(() => t.close());

  it('lists the routes of the built app, and every one declares a known access', () => {
    expect(apiRoutes.length).toBeGreaterThan(30);
    expect(apiRoutes).toContainEqual({ method: 'PATCH', url: '/api/v1/areas/:id', access: 'org:manage' });
    expect(apiRoutes).toContainEqual({ method: 'POST', url: '/api/v1/audit/verify', access: 'audit:read' });
    const undeclared = t.routes.filter(
      (r) => !(r.access === 'public' || r.access === 'authenticated' || isPermission(r.access ?? '')),
    );
    expect(undeclared).toEqual([]);
    // The matrix below exercises the deny path: these roles each lack a permission some route needs.
    const lacking = ROLE_KEYS.filter((role) =>
      apiRoutes.some((r) => isPermission(r.access ?? '') && !permissionsOf(role).includes(r.access!)),
    );
    expect(lacking).toEqual(expect.arrayContaining(['officer', 'supervisor', 'manager', 'executive']));
  });

  it('answers an anonymous caller with 401 on every route that is not public', async () => {
    const wrong: unknown[] = [];
    for (const route of apiRoutes) {
      const res = await t.app.inject(minimalRequest(route));
      const ok = route.access === 'public' ? ![401, 403].includes(res.statusCode) : res.statusCode === 401;
      if (!ok) wrong.push({ ...route, status: res.statusCode });
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLE_KEYS)('lets a %s do exactly what the role’s permissions allow', async (role) => {
    const person = people.get(role)!;
    const held = permissionsOf(role);
    const wrong: unknown[] = [];
    for (const route of apiRoutes) {
      const access = route.access as Access;
      const allowed = access === 'public' || access === 'authenticated' || held.includes(access);
      // An allowed event stream never ends under inject; cases.test.ts reads the streams over real sockets.
      if (allowed && EVENT_STREAMS.has(route.url)) continue;
      const res = await person.session.request(minimalRequest(route));
      const ok = allowed ? ![401, 403].includes(res.statusCode) : res.statusCode === 403;
      if (!ok)
        wrong.push({ ...route, status: res.statusCode, detail: res.json<{ detail?: string }>().detail });
      // Signing out (here or everywhere) ends the session; sign in again for the next route.
      if (!person.session.cookies.has('verity_session')) {
        person.session = await signInFresh(t, person.email, person.password);
      }
    }
    expect(wrong).toEqual([]);
  });

  describe('API tokens', () => {
    it('limits a token to its scopes, though its owner holds more', async () => {
      const manager = people.get('manager')!.session;
      const created = await manager.post('/api/v1/account/tokens', {
        name: 'Stakeholder sync',
        permissions: ['stakeholders:read', 'stakeholders:manage'],
      });
      expect(created.statusCode).toBe(201);
      const authorization = `Bearer ${created.json<{ token: string }>().token}`;
      const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });

      expect((await call('GET', '/api/v1/stakeholders')).statusCode).toBe(200);
      // A token needs no CSRF header: it is not sent automatically by a browser.
      const added = await call('POST', '/api/v1/stakeholders', { name: 'Via token', kind: 'suppliers' });
      expect(added.statusCode).toBe(201);
      // The manager can read areas and the audit trail; this token cannot.
      expect((await manager.get('/api/v1/areas')).statusCode).toBe(200);
      expect((await call('GET', '/api/v1/areas')).statusCode).toBe(403);
      expect((await call('GET', '/api/v1/audit/events')).statusCode).toBe(403);
      const session = (await call('GET', '/api/v1/auth/session')).json<{ user: { permissions: string[] } }>();
      expect(session.user.permissions.sort()).toEqual(['stakeholders:manage', 'stakeholders:read']);
    });

    it('refuses a revoked token with 401', async () => {
      const manager = people.get('manager')!.session;
      const created = await manager.post('/api/v1/account/tokens', {
        name: 'Short lived',
        permissions: ['stakeholders:read'],
      });
      const { id, token } = created.json<{ id: string; token: string }>();
      const headers = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers })).statusCode).toBe(
        200,
      );
      const revoked = await manager.delete(`/api/v1/account/tokens/${id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      const after = await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers });
      expect(after.statusCode).toBe(401);
      expect(after.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses a malformed Authorization header and an unknown token with 401', async () => {
      for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer vrt_not-a-real-token']) {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/roles', headers: { authorization } });
        expect(res.statusCode).toBe(401);
      }
    });
  });

  describe('cross-site request forgery', () => {
    const countAreas = async () =>
      Number((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM business_areas'))[0]!.n);

    it('refuses a cookie-session write without the X-CSRF-Token header, or with a wrong one', async () => {
      const admin = people.get('administrator')!.session;
      const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const before = await countAreas();
      const payload = { name: 'Forged area', code: 'FORGED' };
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/areas',
        headers: { cookie },
        payload,
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().type).toBe('/problems/csrf');
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/areas',
        headers: { cookie, 'x-csrf-token': 'guessed' },
        payload,
      });
      expect(wrong.statusCode).toBe(403);
      expect(await countAreas()).toBe(before);
      // Reads need no CSRF header.
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/areas', headers: { cookie } })).statusCode,
      ).toBe(200);
    });

    it('refuses a write whose Origin is another site, even with a valid CSRF token', async () => {
      const admin = people.get('administrator')!.session;
      const before = await countAreas();
      for (const origin of ['https://evil.example', 'null']) {
        const res = await admin.request({
          method: 'POST',
          url: '/api/v1/areas',
          headers: { origin },
          payload: { name: 'Cross-site area', code: 'XSITE' },
        });
        expect(res.statusCode).toBe(403);
      }
      expect(await countAreas()).toBe(before);
      // The same write from our own origin goes through.
      const same = await admin.request({
        method: 'POST',
        url: '/api/v1/areas',
        headers: { origin: 'http://verity.test', host: 'verity.test' },
        payload: { name: 'Same-site area', code: 'SAME' },
      });
      expect(same.statusCode).toBe(201);
    });
  });
});

describe('a route that declares no access', () => {
  it('is denied with 403, as is one naming an unknown permission', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    registerAccessControl(app, async () => null);
    app.get('/undeclared', async () => ({ secret: true }));
    app.get('/unknown', { config: { access: 'secrets:read' as Access } }, async () => ({ secret: true }));
    app.get('/open', { config: { access: 'public' } }, async () => ({ open: true }));
    await app.ready();
    try {
      for (const url of ['/undeclared', '/unknown']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain('secret');
      }
      expect((await app.inject({ method: 'GET', url: '/open' })).json()).toEqual({ open: true });
    } finally {
      await app.close();
    }
  });
});
