import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  createArea,
  createStaff,
  createTestApp,
  invitationTokenFrom,
  roleId,
  Session,
  setupOrganisation,
  type TestApp,
} from '../../../../test/support/app.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('accounts', () => {
  let t: TestApp;
  let admin: Session;
  let statusBeforeSetup: { needed: boolean };

  let ipCounter = 0;
  /** Each attempt comes from its own address, so per-address limits never decide a test about something else. */
  const freshIp = () => `10.30.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const post = (s: Session, url: string, payload?: unknown) =>
    s.request({ method: 'POST', url, payload: payload as object, remoteAddress: freshIp() });
  const attemptSignIn = async (email: string, password: string) => {
    const session = new Session(t.app);
    const res = await post(session, '/api/v1/auth/sign-in', { email, password });
    return { res, session };
  };
  const signIn = async (email: string, password: string) => {
    const { res, session } = await attemptSignIn(email, password);
    expect(res.statusCode).toBe(200);
    return session;
  };
  /** Replays a captured cookie header, as someone holding an old cookie would. */
  const withCookie = (cookie: string, url = '/api/v1/roles') =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });
  const cookieOf = (s: Session) => [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);
  const emailsTo = (to: string) => t.mailer.sent.filter((m) => m.to === to);
  const tokenFromLastEmail = async (to: string) => {
    await t.worker.drain();
    return invitationTokenFrom(t.mailer.last(to)?.text ?? '');
  };

  beforeAll(async () => {
    t = await createTestApp();
    statusBeforeSetup = (await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json();
    admin = await setupOrganisation(t);
  });
  afterAll(() => t.close());

  describe('first-run setup', () => {
    it('runs once: afterwards it answers 409 and changes nothing', async () => {
      expect(statusBeforeSetup).toEqual({ needed: true });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
      const users = await count('SELECT count(*)::int AS n FROM users');
      const again = await new Session(t.app).post('/api/v1/setup', {
        organisation: { name: 'Usurper Inc' },
        admin: { name: 'Mallory', email: 'mallory@example.com', password: 'a long enough password' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(await count('SELECT count(*)::int AS n FROM users')).toBe(users);
      expect((await admin.get('/api/v1/organisation')).json().name).toBe('Harbour Hotel Group');
    });

    it('names a weak password and an unknown time zone', async () => {
      const res = await new Session(t.app).post('/api/v1/setup', {
        organisation: { name: 'Example', timeZone: 'Mars/Olympus_Mons' },
        admin: { name: 'Ex', email: 'ex@example.com', password: 'short' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.organisation.timeZone', message: expect.stringContaining('time zone') },
          { path: 'body.admin.password', message: 'must be at least 12 characters' },
        ]),
      );
    });
  });

  describe('signing in and out', () => {
    it('signs in with the right password, whatever the case of the email', async () => {
      const { res } = await attemptSignIn(ADMIN.email.toUpperCase(), ADMIN.password);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        authenticated: true,
        user: { email: ADMIN.email, roleKey: 'administrator' },
        csrfToken: expect.any(String),
      });
    });

    it('gives the same answer for an unknown email and a wrong password', async () => {
      const unknown = (await attemptSignIn('nobody@example.com', ADMIN.password)).res;
      const wrong = (await attemptSignIn(ADMIN.email, 'not the password at all')).res;
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      const strip = (r: LightMyRequestResponse) => {
        const { requestId: _r, ...rest } = r.json();
        return rest;
      };
      expect(strip(unknown)).toEqual(strip(wrong));
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('keeps the session in an HttpOnly, SameSite=Lax cookie and the CSRF token in a readable one', async () => {
      const { res } = await attemptSignIn(ADMIN.email, ADMIN.password);
      const cookies = [res.headers['set-cookie']].flat() as string[];
      const session = cookies.find((c) => c.startsWith('verity_session='))!;
      const csrf = cookies.find((c) => c.startsWith('verity_csrf='))!;
      expect(session).toMatch(/; HttpOnly/i);
      expect(session).toMatch(/; SameSite=Lax/i);
      expect(session).toMatch(/; Path=\//);
      // Persistent, outliving the server-side session (which slides with use and decides the end).
      expect(session).toMatch(/; Max-Age=34560000/);
      expect(csrf).not.toMatch(/HttpOnly/i);
      expect(csrf).toMatch(/; SameSite=Lax/i);
      // The CSRF cookie carries the token the page must echo.
      expect(csrf).toContain(`verity_csrf=${res.json().csrfToken}`);
      // The database keeps only a hash of the session cookie.
      const value = /^verity_session=([^;]+)/.exec(session)![1]!;
      expect(await count('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [value])).toBe(0);
      const hashed = createHash('sha256').update(value).digest('hex');
      expect(await count('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [hashed])).toBe(1);
    });

    it('signs out: the cookie is cleared and stops working', async () => {
      const s = await signIn(ADMIN.email, ADMIN.password);
      const cookie = cookieOf(s);
      expect((await withCookie(cookie)).statusCode).toBe(200);
      const out = await s.post('/api/v1/auth/sign-out');
      expect(out.statusCode).toBe(200);
      expect(s.cookies.has('verity_session')).toBe(false);
      expect((await withCookie(cookie)).statusCode).toBe(401);
      const info = (await withCookie(cookie, '/api/v1/auth/session')).json();
      expect(info).toMatchObject({ authenticated: false, user: null });
    });

    it('signs out everywhere: every other session of the account stops working too', async () => {
      const { user, password } = await createStaff(t, admin, { role: 'officer' });
      const laptop = await signIn(user.email, password);
      const phone = await signIn(user.email, password);
      const phoneCookie = cookieOf(phone);
      const res = await laptop.post('/api/v1/auth/sign-out-everywhere');
      expect(res.statusCode).toBe(200);
      // The invitation's session, the laptop and the phone.
      expect(res.json().sessionsEnded).toBe(3);
      expect((await withCookie(phoneCookie)).statusCode).toBe(401);
      expect((await laptop.get('/api/v1/roles')).statusCode).toBe(401);
      // Other people's sessions are untouched.
      expect((await admin.get('/api/v1/roles')).statusCode).toBe(200);
    });

    it('throttles an email after 5 failures in 15 minutes, then lets it in once the window passes', async () => {
      const { user, password } = await createStaff(t, admin, { role: 'officer' });
      for (let i = 0; i < 5; i++) {
        expect((await attemptSignIn(user.email, 'wrong password')).res.statusCode).toBe(401);
      }
      // Even the right password is refused while throttled, from any address.
      const throttled = (await attemptSignIn(user.email, password)).res;
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers['content-type']).toContain('application/problem+json');
      // Throttling is per email: others still sign in.
      expect((await attemptSignIn(ADMIN.email, ADMIN.password)).res.statusCode).toBe(200);

      t.clock.advance(14 * MINUTE);
      expect((await attemptSignIn(user.email, password)).res.statusCode).toBe(429);
      t.clock.advance(2 * MINUTE);
      expect((await attemptSignIn(user.email, password)).res.statusCode).toBe(200);
    });
  });

  describe('invitations', () => {
    it('invites by email; the link works once', async () => {
      const email = 'new.officer@example.com';
      const invited = await admin.post('/api/v1/users/invitations', {
        email,
        name: 'Nia <b>Officer</b>',
        roleId: await roleId(admin, 'officer'),
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ email, status: 'invited' });
      const token = await tokenFromLastEmail(email);
      const mail = t.mailer.last(email)!;
      expect(mail.subject).toContain('Harbour Hotel Group');
      expect(mail.text).toContain(`http://verity.test/accept-invitation?token=${token}`);
      // The invitee's name is escaped in the HTML part.
      expect(mail.html).toContain('Nia &lt;b&gt;Officer&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>Officer</b>');
      // The database keeps only a hash of the link's token.
      expect(
        await count('SELECT count(*)::int AS n FROM one_time_tokens WHERE token_hash = $1', [token]),
      ).toBe(0);

      const info = await t.app.inject({ method: 'GET', url: `/api/v1/auth/invitations/${token}` });
      expect(info.json()).toEqual({ valid: true, email, name: 'Nia <b>Officer</b>' });

      const person = new Session(t.app);
      const accepted = await post(person, '/api/v1/auth/invitations/accept', {
        token,
        password: 'my own long password',
        name: 'Nia Officer',
      });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ authenticated: true, user: { email, name: 'Nia Officer' } });
      expect((await person.get('/api/v1/areas')).statusCode).toBe(200);

      const again = await post(new Session(t.app), '/api/v1/auth/invitations/accept', {
        token,
        password: 'someone elses password',
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().errors).toEqual([{ path: 'body.token', message: 'is not valid, used or expired' }]);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/auth/invitations/${token}` })).json(),
      ).toEqual({
        valid: false,
        email: null,
        name: null,
      });
      await signIn(email, 'my own long password');
      expect((await attemptSignIn(email, 'someone elses password')).res.statusCode).toBe(401);
    });

    it('expires an invitation after 7 days', async () => {
      const email = 'slow.reader@example.com';
      await admin.post('/api/v1/users/invitations', {
        email,
        name: 'Slow Reader',
        roleId: await roleId(admin, 'officer'),
      });
      const token = await tokenFromLastEmail(email);
      t.clock.advance(7 * DAY + MINUTE);
      const res = await post(new Session(t.app), '/api/v1/auth/invitations/accept', {
        token,
        password: 'a long enough password',
      });
      expect(res.statusCode).toBe(400);
      const row = await t.database.query<{ status: string }>('SELECT status FROM users WHERE email = $1', [
        email,
      ]);
      expect(row[0]!.status).toBe('invited');
    });

    it('sending the invitation again makes the earlier link stop working', async () => {
      const email = 'twice@example.com';
      const invited = (
        await admin.post('/api/v1/users/invitations', {
          email,
          name: 'Twice Invited',
          roleId: await roleId(admin, 'officer'),
        })
      ).json();
      const first = await tokenFromLastEmail(email);
      expect((await admin.post(`/api/v1/users/${invited.id}/invitation`)).statusCode).toBe(200);
      const second = await tokenFromLastEmail(email);
      expect(second).not.toBe(first);
      expect(emailsTo(email)).toHaveLength(2);
      const stale = await post(new Session(t.app), '/api/v1/auth/invitations/accept', {
        token: first,
        password: 'a long enough password',
      });
      expect(stale.statusCode).toBe(400);
      const fresh = await post(new Session(t.app), '/api/v1/auth/invitations/accept', {
        token: second,
        password: 'a long enough password',
      });
      expect(fresh.statusCode).toBe(200);
      // Once accepted there is nothing to send again.
      expect((await admin.post(`/api/v1/users/${invited.id}/invitation`)).statusCode).toBe(409);
    });

    it('refuses an email that already belongs to a user, naming body.email', async () => {
      const res = await admin.post('/api/v1/users/invitations', {
        email: ADMIN.email.toUpperCase(),
        name: 'Copy',
        roleId: await roleId(admin, 'officer'),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'body.email', message: 'already belongs to a user' }]);
    });
  });

  describe('passwords', () => {
    it('answers a reset request for an unknown email exactly as for a known one, and sends nothing', async () => {
      const sentBefore = t.mailer.sent.length;
      const jobsBefore = await count('SELECT count(*)::int AS n FROM jobs');
      const unknown = await post(new Session(t.app), '/api/v1/auth/password-reset', {
        email: 'stranger@example.com',
      });
      expect(unknown.statusCode).toBe(202);
      await t.worker.drain();
      expect(t.mailer.sent.length).toBe(sentBefore);
      expect(await count('SELECT count(*)::int AS n FROM jobs')).toBe(jobsBefore);

      const { user } = await createStaff(t, admin, { role: 'officer' });
      const known = await post(new Session(t.app), '/api/v1/auth/password-reset', { email: user.email });
      expect(known.statusCode).toBe(202);
      expect(known.json()).toEqual(unknown.json());
      await t.worker.drain();
      expect(t.mailer.last(user.email)!.subject).toBe('Reset your Verity password');
    });

    it('resets with a single-use link and ends every existing session', async () => {
      const { user, password, session: before } = await createStaff(t, admin, { role: 'officer' });
      expect((await before.get('/api/v1/roles')).statusCode).toBe(200);
      await post(new Session(t.app), '/api/v1/auth/password-reset', { email: user.email });
      const token = await tokenFromLastEmail(user.email);
      expect(t.mailer.last(user.email)!.text).toContain(`http://verity.test/reset-password?token=${token}`);
      const info = await t.app.inject({ method: 'GET', url: `/api/v1/auth/password-reset/${token}` });
      expect(info.json()).toMatchObject({ valid: true, email: user.email });

      const done = await post(new Session(t.app), '/api/v1/auth/password-reset/complete', {
        token,
        password: 'a brand new password',
      });
      expect(done.statusCode).toBe(200);
      expect((await before.get('/api/v1/roles')).statusCode).toBe(401);
      expect((await attemptSignIn(user.email, password)).res.statusCode).toBe(401);
      await signIn(user.email, 'a brand new password');

      const reuse = await post(new Session(t.app), '/api/v1/auth/password-reset/complete', {
        token,
        password: 'yet another password',
      });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().errors).toEqual([{ path: 'body.token', message: 'is not valid, used or expired' }]);
      await signIn(user.email, 'a brand new password');
    });

    it('expires a reset link after an hour', async () => {
      const { user, password } = await createStaff(t, admin, { role: 'officer' });
      await post(new Session(t.app), '/api/v1/auth/password-reset', { email: user.email });
      const token = await tokenFromLastEmail(user.email);
      t.clock.advance(61 * MINUTE);
      const res = await post(new Session(t.app), '/api/v1/auth/password-reset/complete', {
        token,
        password: 'too late for this',
      });
      expect(res.statusCode).toBe(400);
      await signIn(user.email, password);
    });

    it('changes a password: needs the current one, keeps this session and ends the others', async () => {
      const { user, password, session } = await createStaff(t, admin, { role: 'officer' });
      const other = await signIn(user.email, password);

      const wrong = await session.post('/api/v1/account/password', {
        currentPassword: 'not my password',
        newPassword: 'a much better password',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([
        { path: 'body.currentPassword', message: 'is not your current password' },
      ]);
      const weak = await session.post('/api/v1/account/password', {
        currentPassword: password,
        newPassword: 'short',
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.newPassword']);
      expect((await other.get('/api/v1/roles')).statusCode).toBe(200);

      const ok = await session.post('/api/v1/account/password', {
        currentPassword: password,
        newPassword: 'a much better password',
      });
      expect(ok.statusCode).toBe(200);
      expect((await session.get('/api/v1/roles')).statusCode).toBe(200);
      expect((await other.get('/api/v1/roles')).statusCode).toBe(401);
      expect((await attemptSignIn(user.email, password)).res.statusCode).toBe(401);
      await signIn(user.email, 'a much better password');
    });
  });

  describe('managing people and roles', () => {
    it('deactivating a person ends their sessions and revokes their API tokens', async () => {
      const { user, password, session } = await createStaff(t, admin, { role: 'manager' });
      const token = (
        await session.post('/api/v1/account/tokens', { name: 'Script', permissions: ['stakeholders:read'] })
      ).json().token as string;
      const bearer = { authorization: `Bearer ${token}` };
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers: bearer })).statusCode,
      ).toBe(200);
      const current = (await admin.get(`/api/v1/users/${user.id}`)).json();
      const res = await admin.patch(`/api/v1/users/${user.id}`, {
        version: current.version,
        status: 'deactivated',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('deactivated');

      expect((await session.get('/api/v1/roles')).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers: bearer })).statusCode,
      ).toBe(401);
      expect(
        await count('SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL', [
          user.id,
        ]),
      ).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user.id])).toBe(0);
      // The sign-in answer does not reveal that the account exists but is deactivated.
      const attempt = (await attemptSignIn(user.email, password)).res;
      expect(attempt.statusCode).toBe(401);
      expect(attempt.json().detail).toBe('The email or password is not right.');
      // Nor can they reset their way back in.
      const sent = emailsTo(user.email).length;
      await post(new Session(t.app), '/api/v1/auth/password-reset', { email: user.email });
      await t.worker.drain();
      expect(emailsTo(user.email).length).toBe(sent);
    });

    it('stops an administrator deactivating themselves', async () => {
      const me = (await admin.get('/api/v1/auth/session')).json().user;
      const current = (await admin.get(`/api/v1/users/${me.id}`)).json();
      const res = await admin.patch(`/api/v1/users/${me.id}`, {
        version: current.version,
        status: 'deactivated',
      });
      expect(res.statusCode).toBe(409);
      expect((await admin.get(`/api/v1/users/${me.id}`)).json().status).toBe('active');
    });

    it('applies a role edit to its holders at once: permissions and authority limit', async () => {
      const created = await admin.post('/api/v1/roles', {
        key: 'complaints_lead',
        name: 'Complaints lead',
        permissions: ['org:read', 'stakeholders:read'],
        authorityLimitCents: 250_00,
      });
      expect(created.statusCode).toBe(201);
      const role = created.json();
      const area = await createArea(admin);
      const { session } = await createStaff(t, admin, { role: 'complaints_lead', areaIds: [area.id] });
      expect((await session.get('/api/v1/auth/session')).json().user).toMatchObject({
        authorityLimitCents: 250_00,
        roleKey: 'complaints_lead',
      });
      expect((await session.get('/api/v1/stakeholders')).statusCode).toBe(200);

      const edited = await admin.patch(`/api/v1/roles/${role.id}`, {
        version: role.version,
        permissions: ['org:read', 'audit:read'],
        authorityLimitCents: 2_500_00,
        allAreas: true, // the audit trail spans every area
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ version: role.version + 1, authorityLimitCents: 2_500_00 });
      const user = (await session.get('/api/v1/auth/session')).json().user;
      expect(user.authorityLimitCents).toBe(2_500_00);
      expect(user.permissions.sort()).toEqual(['audit:read', 'org:read']);
      expect((await session.get('/api/v1/stakeholders')).statusCode).toBe(403);
      expect((await session.get('/api/v1/audit/events?limit=1')).statusCode).toBe(200);

      const stale = await admin.patch(`/api/v1/roles/${role.id}`, {
        version: role.version,
        authorityLimitCents: 1,
      });
      expect(stale.statusCode).toBe(409);
      const fractional = await admin.patch(`/api/v1/roles/${role.id}`, {
        version: role.version + 1,
        authorityLimitCents: 10.5,
      });
      expect(fractional.statusCode).toBe(400);
      expect(fractional.json().errors).toEqual([
        { path: 'body.authorityLimitCents', message: 'must be a whole number of cents' },
      ]);
    });

    it('stops an administrator removing roles:manage from their own role', async () => {
      const roles = (await admin.get('/api/v1/roles')).json().items as {
        id: string;
        key: string;
        version: number;
        permissions: string[];
      }[];
      const own = roles.find((r) => r.key === 'administrator')!;
      const res = await admin.patch(`/api/v1/roles/${own.id}`, {
        version: own.version,
        permissions: own.permissions.filter((p) => p !== 'roles:manage'),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.permissions']);
      const after = (await admin.get('/api/v1/roles'))
        .json()
        .items.find((r: { key: string }) => r.key === 'administrator');
      expect(after).toEqual(own);
    });
  });

  describe('API tokens', () => {
    it('shows the secret once and stores only its hash', async () => {
      const created = await admin.post('/api/v1/account/tokens', {
        name: 'Reporting',
        permissions: ['org:read', 'audit:read'],
        expiresInDays: 30,
      });
      expect(created.statusCode).toBe(201);
      const { id, token, prefix } = created.json();
      expect(token).toMatch(/^vrt_[A-Za-z0-9_-]{30,}$/);
      expect(token.startsWith(prefix)).toBe(true);

      const listed = (await admin.get('/api/v1/account/tokens')).json().items;
      const mine = listed.find((x: { id: string }) => x.id === id);
      expect(mine).toMatchObject({ name: 'Reporting', prefix, revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(token);

      const rows = await t.database.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [
        id,
      ]);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      // Nor is it in the audit trail.
      const events = await t.database.query('SELECT before, after FROM audit_events WHERE entity_id = $1', [
        id,
      ]);
      expect(events).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain(token);
    });

    it('only grants permissions its owner holds, naming each one that is not', async () => {
      const { session } = await createStaff(t, admin, { role: 'officer' });
      const res = await session.post('/api/v1/account/tokens', {
        name: 'Too much',
        permissions: ['org:read', 'users:manage', 'stakeholders:read', 'audit:read'],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: 'body.permissions.1', message: 'users:manage is not a permission you hold' },
        { path: 'body.permissions.3', message: 'audit:read is not a permission you hold' },
      ]);
      const unknown = await session.post('/api/v1/account/tokens', {
        name: 'Typo',
        permissions: ['org:raed'],
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.permissions.0']);
      expect((await session.get('/api/v1/account/tokens')).json().items).toEqual([]);
    });

    it('cannot make another token, expires on time, and is revoked only by its owner', async () => {
      const { session } = await createStaff(t, admin, { role: 'manager' });
      const created = (
        await session.post('/api/v1/account/tokens', {
          name: 'Day pass',
          permissions: ['stakeholders:read'],
          expiresInDays: 1,
        })
      ).json();
      const headers = { authorization: `Bearer ${created.token}` };
      const child = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/tokens',
        headers,
        payload: { name: 'Child', permissions: ['stakeholders:read'] },
      });
      expect(child.statusCode).toBe(403);

      // Someone else cannot revoke it: to them it does not exist.
      expect((await admin.delete(`/api/v1/account/tokens/${created.id}`)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers })).statusCode).toBe(
        200,
      );

      t.clock.advance(DAY + MINUTE);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/stakeholders', headers })).statusCode).toBe(
        401,
      );
      const revoked = await session.delete(`/api/v1/account/tokens/${created.id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).toBe(t.clock.now().toISOString());
    });
  });
});
