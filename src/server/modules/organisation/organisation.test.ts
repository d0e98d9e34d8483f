import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTeam,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';

describe('business areas and teams', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
  });
  afterAll(() => t.close());

  it('creates, lists with keyset pagination, edits and deactivates an area', async () => {
    const names = ['Restaurant', 'Front office', 'Online store', 'Contact centre', 'Bar'];
    for (const [i, name] of names.entries()) await createArea(admin, { name, code: `X${i}` });
    const first = await admin.get('/api/v1/areas?limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((a: { name: string }) => a.name)).toEqual(['Bar', 'Contact centre']);
    const second = (await admin.get(`/api/v1/areas?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(second.items.map((a: { name: string }) => a.name)).toEqual(['Front office', 'Online store']);
    const third = (await admin.get(`/api/v1/areas?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.items.map((a: { name: string }) => a.name)).toEqual(['Restaurant']);
    expect(third.nextCursor).toBeNull();

    const bar = page1.items[0];
    const edited = await admin.patch(`/api/v1/areas/${bar.id}`, {
      version: bar.version,
      description: 'Cocktails',
      active: false,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      description: 'Cocktails',
      active: false,
      version: bar.version + 1,
    });
    const active = (await admin.get('/api/v1/areas?active=true&limit=50')).json();
    expect(active.items.some((a: { id: string }) => a.id === bar.id)).toBe(false);
  });

  it('refuses a stale version with 409 and the current record, writing nothing', async () => {
    const area = await createArea(admin);
    const ok = await admin.patch(`/api/v1/areas/${area.id}`, { version: area.version, description: 'first' });
    expect(ok.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/areas/${area.id}`, {
      version: area.version,
      description: 'second',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().current).toMatchObject({ description: 'first', version: area.version + 1 });
    expect((await admin.get(`/api/v1/areas/${area.id}`)).json().description).toBe('first');
  });

  it('names duplicate names and codes as field errors', async () => {
    await createArea(admin, { name: 'Spa', code: 'SPA' });
    const res = await admin.post('/api/v1/areas', { name: 'spa', code: 'spa' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.name', message: 'is already used by another business area' },
      { path: 'body.code', message: 'is already used by another business area' },
    ]);
  });

  it('shows staff only their own areas; other areas are 404', async () => {
    const mine = await createArea(admin);
    const other = await createArea(admin);
    const team = await createTeam(admin, mine.id);
    const otherTeam = await createTeam(admin, other.id);
    const { session } = await createStaff(t, admin, {
      role: 'officer',
      areaIds: [mine.id],
      teamIds: [team.id],
    });
    const areas = (await session.get('/api/v1/areas')).json();
    expect(areas.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    expect((await session.get(`/api/v1/areas/${other.id}`)).statusCode).toBe(404);
    expect((await session.get(`/api/v1/teams/${otherTeam.id}`)).statusCode).toBe(404);
    expect((await session.get(`/api/v1/teams/${team.id}`)).statusCode).toBe(200);
    // Officers cannot manage the structure at all.
    expect((await session.post('/api/v1/areas', { name: 'Mine now', code: 'MN' })).statusCode).toBe(403);
  });
});
