import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  createTestApp,
  setupOrganisation,
  signIn,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { SAMPLE_EMAIL_DOMAIN } from '../sample/index.js';

interface Named {
  id: string;
  name: string;
}
interface SampleUser extends Named {
  email: string;
  roleKey: string;
  areaIds: string[];
  teamIds: string[];
}

async function everything<T>(s: Session, url: string): Promise<T[]> {
  const res = await s.get(`${url}?limit=200`);
  expect(res.statusCode).toBe(200);
  const page = res.json<{ items: T[]; nextCursor: string | null }>();
  expect(page.nextCursor).toBeNull();
  return page.items;
}

/** What a person would see of the sample organisation. */
async function snapshot(admin: Session) {
  const areas = await everything<Named & { code: string }>(admin, '/api/v1/areas');
  const teams = await everything<Named & { areaName: string }>(admin, '/api/v1/teams');
  const users = await everything<SampleUser>(admin, '/api/v1/users');
  const stakeholders = await everything<Named & { kind: string }>(admin, '/api/v1/stakeholders');
  return { areas, teams, users, stakeholders };
}

describe('setup with the sample organisation', () => {
  let t: TestApp;
  let admin: Session;
  let sample: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t, { loadSample: true });
    sample = await snapshot(admin);
  });
  afterAll(() => t.close());

  it('creates 4 areas with 8 teams, staff in every role, and stakeholders', async () => {
    expect(sample.areas.map((a) => a.name).sort()).toEqual([
      'Contact centre',
      'Front office',
      'Online store',
      'Restaurant',
    ]);
    expect(sample.teams).toHaveLength(8);
    for (const area of sample.areas) {
      expect(sample.teams.filter((team) => team.areaName === area.name)).toHaveLength(2);
    }
    const roles = new Set(sample.users.map((u) => u.roleKey));
    expect([...roles].sort()).toEqual(['administrator', 'executive', 'manager', 'officer', 'supervisor']);
    const staff = sample.users.filter((u) => u.email.endsWith(`@${SAMPLE_EMAIL_DOMAIN}`));
    expect(staff).toHaveLength(sample.users.length - 1);
    // Every area has a supervisor and officers of its own.
    for (const area of sample.areas) {
      const inArea = staff.filter((u) => u.areaIds.includes(area.id));
      expect(inArea.some((u) => u.roleKey === 'supervisor')).toBe(true);
      expect(inArea.some((u) => u.roleKey === 'officer')).toBe(true);
    }
    expect(sample.stakeholders.length).toBeGreaterThan(5);
    expect(new Set(sample.stakeholders.map((s) => s.kind)).size).toBeGreaterThan(5);
    expect((await admin.get('/api/v1/organisation')).json().sampleLoaded).toBe(true);
  });

  it('lets the sample staff sign in with the administrator’s password, seeing only their own area', async () => {
    const officer = sample.users.find((u) => u.roleKey === 'officer')!;
    const s = await signIn(t, officer.email, ADMIN.password);
    const areas = (await s.get('/api/v1/areas')).json().items as Named[];
    expect(areas.map((a) => a.id)).toEqual(officer.areaIds);
    expect(officer.teamIds).toHaveLength(1);

    const executive = sample.users.find((u) => u.roleKey === 'executive')!;
    const e = await signIn(t, executive.email, ADMIN.password);
    expect((await e.get('/api/v1/areas')).json().items).toHaveLength(4);
  });

  it('records every sample record in the audit trail, and the chain verifies', async () => {
    const created = await t.database.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_events WHERE action LIKE '%.created'`,
    );
    const ids = (action: string) =>
      created
        .filter((e) => e.action === action)
        .map((e) => e.entity_id)
        .sort();
    expect(ids('area.created')).toEqual(sample.areas.map((a) => a.id).sort());
    expect(ids('team.created')).toEqual(sample.teams.map((x) => x.id).sort());
    expect(ids('user.created')).toEqual(sample.users.map((u) => u.id).sort());
    expect(ids('stakeholder.created')).toEqual(sample.stakeholders.map((s) => s.id).sort());
    const verified = (await admin.post('/api/v1/audit/verify')).json();
    expect(verified.ok).toBe(true);
    expect(verified.checked).toBeGreaterThan(created.length);
  });

  it('is deterministic: a second organisation set up the same way has the same names', async () => {
    const other = await createTestApp();
    try {
      const again = await snapshot(await setupOrganisation(other, { loadSample: true }));
      const names = (s: typeof sample) => ({
        areas: s.areas.map((a) => `${a.code} ${a.name}`),
        teams: s.teams.map((x) => `${x.areaName}: ${x.name}`),
        users: s.users.map((u) => `${u.name} <${u.email}> ${u.roleKey}`),
        stakeholders: s.stakeholders.map((x) => `${x.name} (${x.kind})`),
      });
      expect(names(again)).toEqual(names(sample));
    } finally {
      await other.close();
    }
  });
});
