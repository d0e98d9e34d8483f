import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTeam,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../test/support/app.js';
import { LIMITS } from '../../contracts/common.js';
import { registerAccessControl, registerErrorHandling } from './http.js';

const TABLES = [
  'business_areas',
  'teams',
  'stakeholders',
  'users',
  'user_areas',
  'team_members',
  'roles',
  'one_time_tokens',
  'jobs',
  'audit_events',
];

/** Every error leaves as RFC 9457 problem+json carrying the request id. */
function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{
    type: string;
    title: string;
    status: number;
    detail: string;
    requestId: string;
    errors?: { path: string; message: string }[];
  }>();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    requestId: res.headers['x-request-id'],
  });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

const pathsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe('bad input', () => {
  let t: TestApp;
  let admin: Session;
  let areaA: { id: string; version: number };
  let areaB: { id: string; version: number };
  let teamB: { id: string; version: number };
  let stakeholderB: { id: string; version: number };
  let userB: { id: string; version: number };
  /** Works in area A only, with the permissions to manage it. */
  let lead: Session;
  let leadRoleId: string;
  let officer: Session;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      out[table] = Number(
        (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n,
      );
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    areaA = await createArea(admin);
    areaB = await createArea(admin);
    const teamA = await createTeam(admin, areaA.id);
    teamB = await createTeam(admin, areaB.id);
    stakeholderB = (
      await admin.post('/api/v1/stakeholders', {
        name: 'Area B supplier',
        kind: 'suppliers',
        areaId: areaB.id,
      })
    ).json();
    const role = await admin.post('/api/v1/roles', {
      key: 'area_lead',
      name: 'Area lead',
      permissions: ['org:read', 'org:manage', 'users:manage', 'stakeholders:read', 'stakeholders:manage'],
      authorityLimitCents: 0,
    });
    expect(role.statusCode).toBe(201);
    leadRoleId = role.json().id;
    lead = (await createStaff(t, admin, { role: 'area_lead', areaIds: [areaA.id], teamIds: [teamA.id] }))
      .session;
    officer = (await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id] })).session;
    userB = (await createStaff(t, admin, { role: 'officer', areaIds: [areaB.id] })).user;
  });
  afterAll(() => t.close());

  // Whatever a test sends, nothing is written: every table keeps its row count.
  let before: Record<string, number>;
  beforeEach(async () => {
    before = await counts();
  });
  afterEach(async () => {
    expect(await counts()).toEqual(before);
  });

  describe('bodies', () => {
    it('names an unknown field', async () => {
      const res = await admin.post('/api/v1/areas', { name: 'Spa', code: 'SPA', colour: 'teal' });
      const body = expectProblem(res, 400);
      expect(body.errors).toEqual([{ path: 'body.colour', message: 'is not a known field' }]);
    });

    it('names unknown fields in nested objects', async () => {
      const res = await admin.post('/api/v1/setup', {
        organisation: { name: 'Again', motto: 'x' },
        admin: { name: 'A', email: 'a@example.com', password: 'long enough password', role: 'god' },
      });
      const body = expectProblem(res, 400);
      expect(pathsOf(body)).toEqual(expect.arrayContaining(['body.organisation.motto', 'body.admin.role']));
    });

    it('names fields of the wrong type', async () => {
      const res = await admin.post('/api/v1/areas', { name: 42, code: true });
      const body = expectProblem(res, 400);
      expect(pathsOf(body).sort()).toEqual(['body.code', 'body.name']);
    });

    it('names every bad field at once', async () => {
      const res = await admin.post('/api/v1/stakeholders', {
        name: '',
        kind: 'aliens',
        email: 'not-an-email',
        phone: 'call me',
        areaId: 'nowhere',
        rating: 5,
      });
      const body = expectProblem(res, 400);
      expect(pathsOf(body).sort()).toEqual([
        'body.areaId',
        'body.email',
        'body.kind',
        'body.name',
        'body.phone',
        'body.rating',
      ]);
      // The detail repeats them, so a person reading only the message can act on it.
      expect(body.detail).toContain('body.kind');
    });

    it('refuses a body larger than 1 MiB with 413', async () => {
      const notes = 'x'.repeat(LIMITS.bodyBytes);
      const res = await admin.post('/api/v1/stakeholders', { name: 'Huge', kind: 'suppliers', notes });
      expectProblem(res, 413);
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/areas',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "Broken", "code": ',
      });
      const body = expectProblem(res, 400);
      expect(body.errors).toEqual([{ path: 'body', message: 'is not valid JSON' }]);
    });

    it('refuses a content type other than JSON with 415', async () => {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/areas',
        headers: { 'content-type': 'application/xml' },
        payload: '<area><name>Spa</name></area>',
      });
      expectProblem(res, 415);
    });

    it('refuses a stale version with 409 and the current record, leaving the record as it was', async () => {
      const current = (await admin.get(`/api/v1/stakeholders/${stakeholderB.id}`)).json();
      const res = await admin.patch(`/api/v1/stakeholders/${stakeholderB.id}`, {
        version: current.version - 1 || current.version + 1,
        notes: 'overwritten',
      });
      const body = expectProblem(res, 409);
      expect((body as unknown as { current: unknown }).current).toEqual(current);
      expect((await admin.get(`/api/v1/stakeholders/${stakeholderB.id}`)).json()).toEqual(current);
    });
  });

  describe('paths and queries', () => {
    it('refuses an id that is not a uuid with 400 naming params.id', async () => {
      for (const res of [
        await admin.get('/api/v1/areas/42'),
        await admin.patch('/api/v1/teams/not-a-uuid', { version: 1, name: 'x' }),
      ]) {
        expect(pathsOf(expectProblem(res, 400))).toEqual(['params.id']);
      }
    });

    it('refuses a cursor the list did not give out', async () => {
      const wrongShape = Buffer.from(JSON.stringify([1, 2, 3])).toString('base64url');
      for (const cursor of ['garbage!', wrongShape]) {
        const res = await admin.get(`/api/v1/areas?cursor=${cursor}`);
        expect(pathsOf(expectProblem(res, 400))).toEqual(['querystring.cursor']);
      }
      const audit = await admin.get('/api/v1/audit/events?cursor=%7B%7D');
      expect(pathsOf(expectProblem(audit, 400))).toEqual(['querystring.cursor']);
    });

    it('refuses a forged cursor of the right length but the wrong types with 400, not a database error', async () => {
      const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const forged = [
        `/api/v1/areas?cursor=${forge(['spa', 'not-a-uuid'])}`,
        `/api/v1/teams?cursor=${forge([1, 2])}`,
        `/api/v1/users?cursor=${forge(['ada', 'nope'])}`,
        `/api/v1/stakeholders?cursor=${forge(['x', '1'])}`,
        `/api/v1/audit/events?cursor=${forge(['abc'])}`,
        `/api/v1/audit/events?cursor=${forge([1.5])}`,
      ];
      for (const url of forged) {
        expect(pathsOf(expectProblem(await admin.get(url), 400))).toEqual(['querystring.cursor']);
      }
    });

    it('refuses a date-time PostgreSQL cannot hold with 400', async () => {
      const res = await admin.get(`/api/v1/audit/events?from=${encodeURIComponent('0000-01-01T00:00:00Z')}`);
      expect(pathsOf(expectProblem(res, 400))).toEqual(['querystring.from']);
    });

    it('refuses the NUL character anywhere with 400 naming where it is', async () => {
      const body = await admin.post('/api/v1/stakeholders', {
        name: 'Nul\u0000Supplier',
        kind: 'suppliers',
        notes: 'fine',
      });
      expect(expectProblem(body, 400).errors).toEqual([
        { path: 'body.name', message: 'must not contain the NUL character' },
      ]);
      const nested = await admin.post('/api/v1/users/invitations', {
        email: 'nul@example.com',
        name: 'Nul',
        roleId: leadRoleId,
        areaIds: [areaA.id, 'x\u0000'],
      });
      expect(pathsOf(expectProblem(nested, 400))).toEqual(['body.areaIds.1']);
      const query = await admin.get('/api/v1/areas?q=%00');
      expect(pathsOf(expectProblem(query, 400))).toEqual(['querystring.q']);
    });

    it('names unknown and out-of-range query parameters', async () => {
      const res = await admin.get('/api/v1/stakeholders?limit=100000&sort=name');
      expect(pathsOf(expectProblem(res, 400)).sort()).toEqual(['querystring.limit', 'querystring.sort']);
    });

    it('answers an unknown API path with a 404 problem', async () => {
      expectProblem(await admin.get('/api/v1/nothing-here'), 404);
    });
  });

  describe('ids from outside the caller’s business areas', () => {
    it('hides another area, its team and its stakeholder from an officer with 404', async () => {
      expectProblem(await officer.get(`/api/v1/areas/${areaB.id}`), 404);
      expectProblem(await officer.get(`/api/v1/teams/${teamB.id}`), 404);
      expectProblem(await officer.get(`/api/v1/stakeholders/${stakeholderB.id}`), 404);
      expectProblem(await officer.get(`/api/v1/users/${userB.id}`), 404);
      // The officer's own area is visible: the 404s are about scope, not the route.
      expect((await officer.get(`/api/v1/areas/${areaA.id}`)).statusCode).toBe(200);
    });

    it('refuses updates to another area’s records with 404, even with the permission to manage them', async () => {
      const area = await lead.patch(`/api/v1/areas/${areaB.id}`, {
        version: areaB.version,
        name: 'Taken over',
      });
      expectProblem(area, 404);
      const team = await lead.patch(`/api/v1/teams/${teamB.id}`, {
        version: teamB.version,
        name: 'Taken over',
      });
      expectProblem(team, 404);
      const stakeholder = await lead.patch(`/api/v1/stakeholders/${stakeholderB.id}`, {
        version: stakeholderB.version,
        name: 'Taken over',
      });
      expectProblem(stakeholder, 404);
      const user = await lead.patch(`/api/v1/users/${userB.id}`, {
        version: userB.version,
        status: 'deactivated',
      });
      expectProblem(user, 404);
      expect((await admin.get(`/api/v1/areas/${areaB.id}`)).json().name).not.toBe('Taken over');
      expect((await admin.get(`/api/v1/users/${userB.id}`)).json().status).toBe('active');
    });

    it('refuses to add records to another area with 403', async () => {
      expectProblem(await lead.post('/api/v1/teams', { areaId: areaB.id, name: 'Infiltrators' }), 403);
      const stakeholder = await lead.post('/api/v1/stakeholders', {
        name: 'Planted',
        kind: 'suppliers',
        areaId: areaB.id,
      });
      expectProblem(stakeholder, 403);
    });

    it('refuses to invite a person into an area the inviter does not work in with 403', async () => {
      const res = await lead.post('/api/v1/users/invitations', {
        email: 'outsider@example.com',
        name: 'Outsider',
        roleId: leadRoleId,
        areaIds: [areaB.id],
      });
      expectProblem(res, 403);
      // Nor into every area at once.
      const everywhere = await lead.post('/api/v1/users/invitations', {
        email: 'outsider@example.com',
        name: 'Outsider',
        roleId: leadRoleId,
        allAreas: true,
      });
      expectProblem(everywhere, 403);
    });

    it('names an area id that does not exist as body.areaIds.N', async () => {
      const res = await admin.post('/api/v1/users/invitations', {
        email: 'ghost@example.com',
        name: 'Ghost',
        roleId: leadRoleId,
        areaIds: [areaA.id, '00000000-0000-4000-8000-000000000000'],
      });
      const body = expectProblem(res, 400);
      expect(body.errors).toEqual([{ path: 'body.areaIds.1', message: 'is not a business area' }]);
    });
  });
});

describe('an unexpected failure', () => {
  it('answers 500 as problem+json that quotes the request id and hides the cause', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    registerAccessControl(app, async () => null);
    app.get('/boom', { config: { access: 'public' } }, async () => {
      throw new Error('connection to 10.0.0.5 refused: password authentication failed for user "verity"');
    });
    await app.ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body).toMatchObject({ type: '/problems/internal', status: 500, requestId: expect.any(String) });
      expect(body.detail).toContain(body.requestId);
      expect(res.body).not.toMatch(/10\.0\.0\.5|password|verity"/);
    } finally {
      await app.close();
    }
  });
});
