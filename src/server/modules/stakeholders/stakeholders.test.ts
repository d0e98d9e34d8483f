import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import type { Stakeholder } from '../../../contracts/stakeholders.js';

describe('stakeholder register', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let areaA: { id: string; name: string };
  let areaB: { id: string; name: string };

  const add = async (as: Session, body: Record<string, unknown>) => {
    const res = await as.post('/api/v1/stakeholders', body);
    expect(res.statusCode).toBe(201);
    return res.json<Stakeholder>();
  };
  const list = async (as: Session, query = '') => {
    const res = await as.get(`/api/v1/stakeholders?limit=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Stakeholder[]; nextCursor: string | null }>();
  };
  const names = (items: Stakeholder[]) => items.map((s) => s.name);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    areaA = await createArea(admin, { name: 'Restaurant', code: 'REST' });
    areaB = await createArea(admin, { name: 'Online store', code: 'WEB' });
    officer = (await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id] })).session;
    await add(admin, {
      name: 'Green Valley Farms',
      kind: 'suppliers',
      organisationName: 'GVF Pty Ltd',
      areaId: areaA.id,
    });
    await add(admin, {
      name: 'Swift Couriers',
      kind: 'delivery_drivers',
      email: 'ops@swift.example',
      areaId: areaB.id,
    });
    await add(admin, { name: 'Service quality committee', kind: 'committee' });
    await add(admin, { name: 'Loyalty members', kind: 'customers' });
    await add(admin, {
      name: 'Fair Trading',
      kind: 'external_organisation',
      organisationName: 'Office of Fair Trading',
    });
  });
  afterAll(() => t.close());

  it('adds a stakeholder with defaults, reads it back, and audits it', async () => {
    const created = await add(admin, {
      name: '  Harbour Fresh Seafood ',
      kind: 'suppliers',
      phone: '+61 2 9000 0000',
      areaId: areaA.id,
    });
    expect(created).toMatchObject({
      name: 'Harbour Fresh Seafood',
      kind: 'suppliers',
      organisationName: '',
      email: null,
      phone: '+61 2 9000 0000',
      notes: '',
      areaId: areaA.id,
      areaName: 'Restaurant',
      active: true,
      version: 1,
    });
    expect((await admin.get(`/api/v1/stakeholders/${created.id}`)).json()).toEqual(created);
    const events = await t.database.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1',
      [created.id],
    );
    expect(events.map((e) => e.action)).toEqual(['stakeholder.created']);
  });

  it('edits with a version, moving it between areas', async () => {
    const s = await add(admin, { name: 'Courier two', kind: 'delivery_drivers', areaId: areaA.id });
    const res = await admin.patch(`/api/v1/stakeholders/${s.id}`, {
      version: s.version,
      email: 'dispatch@courier.example',
      notes: 'Evening deliveries',
      areaId: areaB.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'dispatch@courier.example',
      notes: 'Evening deliveries',
      areaId: areaB.id,
      areaName: 'Online store',
      version: s.version + 1,
    });
    const cleared = await admin.patch(`/api/v1/stakeholders/${s.id}`, {
      version: s.version + 1,
      email: null,
    });
    expect(cleared.json().email).toBeNull();
  });

  it('deactivates rather than deletes', async () => {
    const s = await add(admin, { name: 'Old supplier', kind: 'suppliers' });
    const res = await admin.patch(`/api/v1/stakeholders/${s.id}`, { version: s.version, active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    // There is no way to delete one.
    expect((await admin.delete(`/api/v1/stakeholders/${s.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/stakeholders/${s.id}`)).json().active).toBe(false);
    expect(names((await list(admin, '&active=false')).items)).toEqual(['Old supplier']);
    expect(names((await list(admin, '&active=true')).items)).not.toContain('Old supplier');
    const actions = await t.database.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [s.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['stakeholder.created', 'stakeholder.deactivated']);
  });

  it('searches name, organisation and email, ignoring case, with wildcards taken literally', async () => {
    expect(names((await list(admin, '&q=valley')).items)).toEqual(['Green Valley Farms']);
    expect(names((await list(admin, '&q=fair%20trading')).items)).toEqual(['Fair Trading']);
    expect(names((await list(admin, '&q=office%20of')).items)).toEqual(['Fair Trading']);
    expect(names((await list(admin, '&q=SWIFT.EXAMPLE')).items)).toEqual(['Swift Couriers']);
    expect((await list(admin, '&q=%25')).items).toEqual([]);
    expect((await list(admin, '&q=_')).items).toEqual([]);
  });

  it('filters by kind and by area', async () => {
    const suppliers = (await list(admin, '&kind=suppliers&active=true')).items;
    expect(suppliers.length).toBeGreaterThan(0);
    expect(suppliers.every((s) => s.kind === 'suppliers')).toBe(true);
    expect(names((await list(admin, '&kind=committee')).items)).toEqual(['Service quality committee']);
    const inB = (await list(admin, `&areaId=${areaB.id}`)).items;
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.every((s) => s.areaId === areaB.id)).toBe(true);
    const bad = await admin.get('/api/v1/stakeholders?kind=martians');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.kind');
  });

  it('pages by name with a keyset cursor', async () => {
    const all = names((await list(admin)).items);
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/stakeholders?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: Stakeholder[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...names(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(6);
  });

  it('shows an officer organisation-wide stakeholders and those of their own area only', async () => {
    const seen = (await list(officer)).items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.areaId === null || s.areaId === areaA.id)).toBe(true);
    expect(names(seen)).toEqual(expect.arrayContaining(['Green Valley Farms', 'Service quality committee']));
    expect(names(seen)).not.toContain('Swift Couriers');
    // Asking for the other area's list shows nothing of it.
    expect((await list(officer, `&areaId=${areaB.id}`)).items).toEqual([]);
    const swift = (await list(admin, '&q=swift')).items[0]!;
    expect((await officer.get(`/api/v1/stakeholders/${swift.id}`)).statusCode).toBe(404);
    // Reading is all an officer may do.
    const attempt = await officer.post('/api/v1/stakeholders', { name: 'Mine', kind: 'customers' });
    expect(attempt.statusCode).toBe(403);
  });

  it('lets a manager of all areas see and manage every stakeholder', async () => {
    const { session: manager } = await createStaff(t, admin, { role: 'manager' });
    const everyone = names((await list(manager)).items);
    expect(everyone).toEqual(names((await list(admin)).items));
    const s = await add(manager, {
      name: 'Warehouse shift leads',
      kind: 'warehouse_staff',
      areaId: areaB.id,
    });
    expect(s.areaName).toBe('Online store');
  });

  it('refuses an area that does not exist, naming body.areaId', async () => {
    const res = await admin.post('/api/v1/stakeholders', {
      name: 'Nowhere',
      kind: 'customers',
      areaId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.areaId', message: 'is not a business area' }]);
  });
});
