import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTeam,
  createTestApp,
  roleId,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';

/** Limits on people whose reach is partial: API tokens, area-limited managers, area-limited auditors. */
describe('partial reach', () => {
  let t: TestApp;
  let admin: Session;
  let areaA: { id: string };
  let areaB: { id: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    areaA = await createArea(admin);
    areaB = await createArea(admin);
  });
  afterAll(() => t.close());

  it('an API token cannot manage its owner’s account, sessions or tokens', async () => {
    const created = await admin.post('/api/v1/account/tokens', {
      name: 'integration',
      permissions: ['org:read'],
    });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer, payload });
    expect((await call('GET', '/api/v1/areas')).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/account/tokens')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/account/tokens/${created.json().id}`)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/auth/sign-out-everywhere')).statusCode).toBe(403);
    const pw = await call('POST', '/api/v1/account/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'another long password',
    });
    expect(pw.statusCode).toBe(403);
    // The admin's own browser session still works: nothing was ended.
    expect((await admin.get('/api/v1/account/tokens')).statusCode).toBe(200);
  });

  it('someone managing users in one area cannot edit a person who reaches further, nor strip other areas', async () => {
    const role = await admin.post('/api/v1/roles', {
      key: 'area-admin',
      name: 'Area administrator',
      // What an officer holds, plus managing the people of their area.
      permissions: [
        'org:read',
        'users:manage',
        'stakeholders:read',
        'cases:read',
        'cases:create',
        'cases:update',
        'cases:resolve',
        'cases:personal',
      ],
      authorityLimitCents: 0,
    });
    expect(role.statusCode).toBe(201);
    const areaAdmin = await createStaff(t, admin, { role: 'area-admin', areaIds: [areaA.id] });
    const manager = await createStaff(t, admin, { role: 'manager', areaIds: [areaA.id] });
    const teamB = await createTeam(admin, areaB.id);
    const officer = await createStaff(t, admin, {
      role: 'officer',
      areaIds: [areaA.id, areaB.id],
      teamIds: [teamB.id],
    });

    const m = (await areaAdmin.session.get(`/api/v1/users/${manager.user.id}`)).json();
    const denied = await areaAdmin.session.patch(`/api/v1/users/${manager.user.id}`, {
      version: m.version,
      status: 'deactivated',
    });
    expect(denied.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/users/${manager.user.id}`)).json().status).toBe('active');

    const o = (await areaAdmin.session.get(`/api/v1/users/${officer.user.id}`)).json();
    const edited = await areaAdmin.session.patch(`/api/v1/users/${officer.user.id}`, {
      version: o.version,
      areaIds: [areaA.id],
      jobTitle: 'Senior officer',
    });
    expect(edited.statusCode).toBe(200);
    // Area B (not the area admin's) and its team are kept.
    expect([...edited.json().areaIds].sort()).toEqual([areaA.id, areaB.id].sort());
    expect(edited.json().teamIds).toEqual([teamB.id]);
    expect(edited.json().jobTitle).toBe('Senior officer');

    // Giving a role with permissions the actor does not hold is refused.
    const promote = await areaAdmin.session.patch(`/api/v1/users/${officer.user.id}`, {
      version: edited.json().version,
      roleId: await roleId(admin, 'supervisor'),
    });
    expect(promote.statusCode).toBe(403);
  });

  it('reading the audit trail needs access to every area', async () => {
    const role = await admin.post('/api/v1/roles', {
      key: 'area-auditor',
      name: 'Area auditor',
      permissions: ['audit:read'],
      authorityLimitCents: 0,
    });
    expect(role.statusCode).toBe(201);
    const auditor = await createStaff(t, admin, { role: 'area-auditor', areaIds: [areaA.id] });
    expect((await auditor.session.get('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await auditor.session.post('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/audit/events')).statusCode).toBe(200);
  });

  it('accepts writes whose Origin is the public address even when a proxy rewrote Host', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/areas',
      headers: { origin: 'http://verity.test', host: 'internal-upstream:3000' },
      payload: { name: 'Proxied area', code: 'PXY' },
    });
    expect(res.statusCode).toBe(201);
    const foreign = await admin.request({
      method: 'POST',
      url: '/api/v1/areas',
      headers: { origin: 'http://evil.example', host: 'internal-upstream:3000' },
      payload: { name: 'Evil area', code: 'EVL' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('tells a person’s own all-areas flag apart from the reach their role gives', async () => {
    const manager = await createStaff(t, admin, { role: 'manager', areaIds: [areaA.id] });
    const m = (await admin.get(`/api/v1/users/${manager.user.id}`)).json();
    expect(m).toMatchObject({ allAreas: true, ownAllAreas: false });
    const officer = await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id] });
    const o = (await admin.get(`/api/v1/users/${officer.user.id}`)).json();
    expect(o).toMatchObject({ allAreas: false, ownAllAreas: false });
    const widened = await admin.patch(`/api/v1/users/${officer.user.id}`, {
      version: o.version,
      allAreas: true,
    });
    expect(widened.json()).toMatchObject({ allAreas: true, ownAllAreas: true });
  });
});
