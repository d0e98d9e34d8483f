import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DEFAULT_ROLES, isPermission } from '../../../contracts/permissions.js';
import type {
  acceptInvitationSchema,
  ApiToken,
  apiTokenCreateSchema,
  changePasswordSchema,
  inviteSchema,
  resetCompleteSchema,
  Role,
  roleCreateSchema,
  roleUpdateSchema,
  SessionInfo,
  signInSchema,
  User,
  userListQuery,
  userUpdateSchema,
} from '../../../contracts/identity.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import { actorOf, type Principal, type RequestContext } from '../../platform/context.js';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  randomToken,
  sha256,
  verifyPassword,
} from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import {
  AppError,
  isUniqueViolation,
  notFound,
  staleVersion,
  validationError,
} from '../../platform/errors.js';
import { escapeHtml, queueMail } from '../../platform/mail.js';
import { decodeCursor, nameIdCursor, pageFrom } from '../../platform/pagination.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './identity.repo.js';

export const SESSION_COOKIE = 'verity_session';
export const CSRF_COOKIE = 'verity_csrf';
const TOKEN_PREFIX = 'vrt_';
const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const RESET_TTL_MS = 3600_000;
const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;
const SESSION_TOUCH_MS = 5 * 60_000;

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    jobTitle: row.jobTitle,
    status: row.status,
    roleId: row.roleId,
    roleKey: row.roleKey,
    roleName: row.roleName,
    allAreas: row.allAreas || row.roleAllAreas,
    ownAllAreas: row.allAreas,
    areaIds: row.areaIds ?? [],
    teamIds: row.teamIds ?? [],
    lastSignInAt: row.lastSignInAt ? row.lastSignInAt.toISOString() : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit trail keeps about a user: never the password hash. */
function auditUser(row: UserRow) {
  const { lastSignInAt: _l, ...rest } = toUserDto(row);
  return rest;
}

function toRoleDto(role: repo.RoleRow, userCount = 0): Role {
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    authorityLimitCents: Number(role.authorityLimitCents),
    allAreas: role.allAreas,
    isSystem: role.isSystem,
    userCount: Number(userCount),
    version: role.version,
  };
}

function toTokenDto(t: typeof import('./identity.tables.js').apiTokens.$inferSelect): ApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

function principalFrom(
  row: UserRow,
  via: 'session' | 'token',
  extra: { sessionId?: string; tokenId?: string; csrfToken?: string; tokenPermissions?: string[] },
): Principal {
  const rolePermissions = row.rolePermissions.filter(isPermission);
  const permissions =
    via === 'token' && extra.tokenPermissions
      ? rolePermissions.filter((p) => extra.tokenPermissions!.includes(p))
      : rolePermissions;
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    roleKey: row.roleKey,
    roleName: row.roleName,
    permissions: new Set(permissions),
    allAreas: row.allAreas || row.roleAllAreas,
    areaIds: row.areaIds ?? [],
    teamIds: row.teamIds ?? [],
    authorityLimitCents: Number(row.authorityLimitCents),
    via,
    ...extra,
  };
}

/** Account-level actions need a person at a browser, not an integration's API token. */
function requireSignedInPerson(ctx: RequestContext): Principal {
  const p = requirePrincipal(ctx);
  if (p.via === 'token') {
    throw new AppError(
      'forbidden',
      'API tokens cannot manage accounts, sessions or tokens. Sign in to do this.',
    );
  }
  return p;
}

function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

export interface IssuedSession {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(deps: Deps, organisation: OrganisationService) {
  const { db, clock, config, log } = deps;

  // ------------------------------------------------------------------ authentication
  /**
   * API tokens looked up in the last few seconds, so an integration sending many requests does not cost a
   * query each. Any change to people, roles or tokens here empties it; another instance's change is seen
   * within TOKEN_CACHE_MS.
   */
  const tokenCache = new Map<
    string,
    { found: Awaited<ReturnType<typeof repo.findApiTokenForAuth>>; until: number }
  >();
  const TOKEN_CACHE_MS = 5_000;
  const forgetTokens = () => tokenCache.clear();

  async function findToken(hash: string, now: Date) {
    const hit = tokenCache.get(hash);
    if (hit && hit.until > now.getTime() && (!hit.found?.token.expiresAt || hit.found.token.expiresAt > now))
      return hit.found;
    const found = await repo.findApiTokenForAuth(db, hash, now);
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(hash, { found, until: now.getTime() + TOKEN_CACHE_MS });
    return found;
  }

  async function authenticate(req: FastifyRequest): Promise<Principal | null> {
    const now = clock.now();
    const auth = req.headers.authorization;
    if (auth) {
      const match = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) {
        throw new AppError('unauthenticated', 'The Authorization header must be “Bearer <API token>”.');
      }
      const found = await findToken(sha256(match[1]!), now);
      if (!found)
        throw new AppError('unauthenticated', 'This API token is not valid, has expired or was revoked.');
      if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > SESSION_TOUCH_MS) {
        await repo.touchApiToken(db, found.token.id, now);
        found.token.lastUsedAt = now;
      }
      return principalFrom(found.user, 'token', {
        tokenId: found.token.id,
        tokenPermissions: found.token.permissions,
      });
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    return cookie ? principalFromSessionToken(cookie) : null;
  }

  async function principalFromSessionToken(token: string): Promise<Principal | null> {
    const now = clock.now();
    const found = await repo.findSession(db, sha256(token), now);
    if (!found) return null;
    if (now.getTime() - found.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
      await repo.touchSession(
        db,
        found.session.id,
        now,
        new Date(now.getTime() + config.sessionTtlHours * 3600_000),
      );
    }
    return principalFrom(found.user, 'session', {
      sessionId: found.session.id,
      csrfToken: found.session.csrfToken,
    });
  }

  async function issueSession(tx: Db, ctx: RequestContext, userId: string): Promise<IssuedSession> {
    const sessionToken = randomToken(32);
    const csrfToken = randomToken(24);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3600_000);
    await repo.insertSession(tx, {
      id: sha256(sessionToken),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: ctx.userAgent,
      ip: ctx.ip,
    });
    await repo.updateUser(tx, userId, { lastSignInAt: now }, now, false);
    return { sessionToken, csrfToken, expiresAt };
  }

  async function signIn(ctx: RequestContext, input: z.infer<typeof signInSchema>): Promise<IssuedSession> {
    const now = clock.now();
    const failures = await repo.countRecentFailures(
      db,
      input.email,
      ctx.ip,
      new Date(now.getTime() - THROTTLE_WINDOW_MS),
    );
    if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
      throw new AppError(
        'rate_limited',
        'Too many failed sign-in attempts. Wait 15 minutes, or reset your password.',
      );
    }
    const user = await repo.findUserByEmail(db, input.email);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || user.status !== 'active') {
      await repo.recordSignInFailure(db, input.email, ctx.ip, now);
      throw new AppError('unauthenticated', 'The email or password is not right.');
    }
    return db.transaction(async (tx) => {
      await repo.clearFailures(tx, input.email);
      const issued = await issueSession(tx, ctx, user.id);
      await writeAudit(
        tx,
        { ...actorOf(ctx, clock), actorId: user.id, actorLabel: `${user.name} <${user.email}>` },
        {
          action: 'user.signed_in',
          entityType: 'user',
          entityId: user.id,
          after: { ip: ctx.ip },
        },
      );
      return issued;
    });
  }

  async function sessionInfo(ctx: RequestContext): Promise<SessionInfo> {
    const org = await organisation.getOrganisation();
    const p = ctx.principal;
    return {
      authenticated: !!p,
      setupNeeded: !org,
      csrfToken: p?.csrfToken ?? null,
      organisation: org
        ? { name: org.name, timeZone: org.timeZone, locale: org.locale, currency: org.currency }
        : null,
      user: p
        ? {
            id: p.userId,
            email: p.email,
            name: p.name,
            roleKey: p.roleKey,
            roleName: p.roleName,
            permissions: [...p.permissions],
            allAreas: p.allAreas,
            areaIds: [...p.areaIds],
            teamIds: [...p.teamIds],
            authorityLimitCents: p.authorityLimitCents,
          }
        : null,
    };
  }

  async function signOut(ctx: RequestContext): Promise<void> {
    const p = requirePrincipal(ctx);
    if (p.sessionId) await repo.deleteSession(db, p.sessionId);
  }

  async function signOutEverywhere(ctx: RequestContext): Promise<number> {
    forgetTokens();
    const p = requireSignedInPerson(ctx);
    return db.transaction(async (tx) => {
      const n = await repo.deleteSessionsOfUser(tx, p.userId);
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'user.signed_out_everywhere',
        entityType: 'user',
        entityId: p.userId,
        after: { sessionsEnded: n },
      });
      return n;
    });
  }

  // ------------------------------------------------------------------ invitations and passwords
  async function issueOneTimeToken(
    tx: Db,
    userId: string,
    purpose: 'invitation' | 'password_reset',
  ): Promise<string> {
    const now = clock.now();
    await repo.expireOneTimeTokens(tx, userId, purpose, now);
    const token = randomToken(32);
    await repo.insertOneTimeToken(tx, {
      userId,
      purpose,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + (purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS)),
    });
    return token;
  }

  async function sendInvitationEmail(
    tx: Db,
    inviter: string,
    user: { email: string; name: string },
    token: string,
  ) {
    const org = await organisation.getOrganisation(tx);
    const orgName = org?.name ?? 'Verity';
    const link = `${config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    await queueMail(tx, clock, {
      to: user.email,
      subject: `You are invited to ${orgName} on Verity`.slice(0, 300),
      text:
        `Hello ${user.name},\n\n${inviter} has invited you to join ${orgName} on Verity.\n\n` +
        `Choose your password here (the link works once and expires in 7 days):\n${link}\n\n` +
        `If you were not expecting this, you can ignore this email.`,
      html:
        `<p>Hello ${escapeHtml(user.name)},</p><p>${escapeHtml(inviter)} has invited you to join ` +
        `<strong>${escapeHtml(orgName)}</strong> on Verity.</p>` +
        `<p><a href="${escapeHtml(link)}">Accept the invitation and choose your password</a></p>` +
        `<p>The link works once and expires in 7 days. If you were not expecting this, you can ignore this email.</p>`,
    });
  }

  async function inviteUser(ctx: RequestContext, input: z.infer<typeof inviteSchema>): Promise<User> {
    const p = requirePrincipal(ctx);
    try {
      return await db.transaction(async (tx) => {
        const role = await repo.findRole(tx, input.roleId);
        if (!role) throw validationError([{ path: 'body.roleId', message: 'is not a role' }]);
        assertMayGrant(p, role, input.allAreas);
        await organisation.checkMembership(tx, p, input.areaIds, input.teamIds);
        if (await repo.findUserByEmail(tx, input.email)) {
          throw validationError([{ path: 'body.email', message: 'already belongs to a user' }]);
        }
        const id = await repo.insertUser(tx, {
          email: input.email,
          name: input.name,
          jobTitle: input.jobTitle,
          roleId: input.roleId,
          status: 'invited',
          allAreas: input.allAreas,
        });
        await repo.setMemberships(tx, id, input.areaIds, input.teamIds);
        const token = await issueOneTimeToken(tx, id, 'invitation');
        await sendInvitationEmail(tx, p.name, input, token);
        const row = (await repo.findUserById(tx, id))!;
        await writeAudit(tx, actorOf(ctx, clock), {
          action: 'user.invited',
          entityType: 'user',
          entityId: id,
          after: auditUser(row),
        });
        return toUserDto(row);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw validationError([{ path: 'body.email', message: 'already belongs to a user' }]);
      throw err;
    }
  }

  async function resendInvitation(ctx: RequestContext, userId: string): Promise<void> {
    const p = requirePrincipal(ctx);
    await db.transaction(async (tx) => {
      const user = await repo.findUserById(tx, userId);
      if (!user || !canManageUser(p, user)) throw notFound('User');
      if (user.status !== 'invited')
        throw new AppError('conflict', 'This person has already accepted their invitation.');
      const token = await issueOneTimeToken(tx, userId, 'invitation');
      await sendInvitationEmail(tx, p.name, user, token);
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'user.invitation_resent',
        entityType: 'user',
        entityId: userId,
      });
    });
  }

  async function oneTimeTokenInfo(token: string, purpose: 'invitation' | 'password_reset') {
    const found = await repo.findOneTimeToken(db, sha256(token), purpose, clock.now());
    if (!found) return { valid: false, email: null, name: null };
    const user = await repo.findUserById(db, found.userId);
    if (!user || user.status === 'deactivated') return { valid: false, email: null, name: null };
    return { valid: true, email: user.email, name: user.name };
  }

  const invalidLink = () =>
    new AppError(
      'validation',
      'This link is not valid any more. It may have been used already or have expired.',
      {
        errors: [{ path: 'body.token', message: 'is not valid, used or expired' }],
      },
    );

  async function acceptInvitation(
    ctx: RequestContext,
    input: z.infer<typeof acceptInvitationSchema>,
  ): Promise<IssuedSession> {
    const passwordHash = await hashPassword(input.password);
    return db.transaction(async (tx) => {
      const found = await repo.findOneTimeToken(tx, sha256(input.token), 'invitation', clock.now(), true);
      if (!found) throw invalidLink();
      const user = await repo.findUserById(tx, found.userId);
      if (!user || user.status !== 'invited') throw invalidLink();
      await repo.useOneTimeToken(tx, found.id, clock.now());
      await repo.updateUser(
        tx,
        user.id,
        { passwordHash, status: 'active', ...(input.name ? { name: input.name } : {}) },
        clock.now(),
      );
      const after = (await repo.findUserById(tx, user.id))!;
      await writeAudit(
        tx,
        { ...actorOf(ctx, clock), actorId: user.id, actorLabel: `${after.name} <${after.email}>` },
        {
          action: 'user.invitation_accepted',
          entityType: 'user',
          entityId: user.id,
          ...diffFields(auditUser(user), auditUser(after)),
        },
      );
      return issueSession(tx, ctx, user.id);
    });
  }

  /** Always answers the same way, whether or not the address has an account. */
  async function requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
    const user = await repo.findUserByEmail(db, email);
    if (!user || user.status !== 'active') {
      log.info(
        { requestId: ctx.requestId },
        'password reset requested for an address with no active account',
      );
      return;
    }
    await db.transaction(async (tx) => {
      const token = await issueOneTimeToken(tx, user.id, 'password_reset');
      const link = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await queueMail(tx, clock, {
        to: user.email,
        subject: 'Reset your Verity password',
        text:
          `Hello ${user.name},\n\nSomeone asked to reset the password of your Verity account. ` +
          `If it was you, choose a new password here (the link works once, for one hour):\n${link}\n\n` +
          `If it was not you, ignore this email; your password stays as it is.`,
        html:
          `<p>Hello ${escapeHtml(user.name)},</p><p>Someone asked to reset the password of your Verity account.</p>` +
          `<p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for one hour).</p>` +
          `<p>If it was not you, ignore this email; your password stays as it is.</p>`,
      });
      await writeAudit(
        tx,
        { ...actorOf(ctx, clock), actorLabel: 'password reset request' },
        {
          action: 'user.password_reset_requested',
          entityType: 'user',
          entityId: user.id,
        },
      );
    });
  }

  async function completePasswordReset(
    ctx: RequestContext,
    input: z.infer<typeof resetCompleteSchema>,
  ): Promise<void> {
    forgetTokens();
    const passwordHash = await hashPassword(input.password);
    await db.transaction(async (tx) => {
      const found = await repo.findOneTimeToken(tx, sha256(input.token), 'password_reset', clock.now(), true);
      if (!found) throw invalidLink();
      const user = await repo.findUserById(tx, found.userId);
      if (!user || user.status !== 'active') throw invalidLink();
      await repo.useOneTimeToken(tx, found.id, clock.now());
      await repo.updateUser(tx, user.id, { passwordHash }, clock.now());
      const ended = await repo.deleteSessionsOfUser(tx, user.id);
      await repo.clearFailures(tx, user.email);
      await writeAudit(
        tx,
        { ...actorOf(ctx, clock), actorId: user.id, actorLabel: `${user.name} <${user.email}>` },
        {
          action: 'user.password_reset',
          entityType: 'user',
          entityId: user.id,
          after: { sessionsEnded: ended },
        },
      );
    });
  }

  async function changePassword(
    ctx: RequestContext,
    input: z.infer<typeof changePasswordSchema>,
  ): Promise<void> {
    forgetTokens();
    const p = requireSignedInPerson(ctx);
    const user = await repo.findUserById(db, p.userId);
    if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw validationError([{ path: 'body.currentPassword', message: 'is not your current password' }]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    await db.transaction(async (tx) => {
      await repo.updateUser(tx, p.userId, { passwordHash }, clock.now());
      const ended = await repo.deleteSessionsOfUser(tx, p.userId, p.sessionId);
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: p.userId,
        after: { otherSessionsEnded: ended },
      });
    });
  }

  // ------------------------------------------------------------------ users
  function canManageUser(p: Principal, user: UserRow): boolean {
    if (p.allAreas) return true;
    return (user.areaIds ?? []).some((a) => p.areaIds.includes(a));
  }

  /** Nobody can hand out more than they hold: permissions, area reach. */
  function assertMayGrant(p: Principal, role: repo.RoleRow, allAreas: boolean) {
    const beyond = role.permissions.filter((perm) => !p.permissions.has(perm) && perm !== 'users:manage');
    if (!p.allAreas && (allAreas || role.allAreas)) {
      throw new AppError('forbidden', 'You cannot give access to all business areas.');
    }
    if (!p.permissions.has('roles:manage') && beyond.length) {
      throw new AppError(
        'forbidden',
        `You cannot give a role with permissions you do not hold: ${beyond.join(', ')}.`,
      );
    }
  }

  async function listUsers(ctx: RequestContext, query: z.infer<typeof userListQuery>) {
    const p = requirePrincipal(ctx);
    const after = decodeCursor(query.cursor, nameIdCursor);
    const rows = await repo.listUsers(db, {
      visibleAreaIds: p.allAreas ? null : p.areaIds,
      q: query.q,
      status: query.status,
      areaId: query.areaId,
      teamId: query.teamId,
      roleId: query.roleId,
      after,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  async function getUser(ctx: RequestContext, id: string): Promise<User> {
    const p = requirePrincipal(ctx);
    const row = await repo.findUserById(db, id);
    if (!row || (row.id !== p.userId && !canManageUser(p, row))) throw notFound('User');
    return toUserDto(row);
  }

  async function updateUser(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof userUpdateSchema>,
  ): Promise<User> {
    forgetTokens();
    const p = requirePrincipal(ctx);
    return db.transaction(async (tx) => {
      await repo.lockUser(tx, id);
      const current = await repo.findUserById(tx, id);
      if (!current || !canManageUser(p, current)) throw notFound('User');
      if (current.version !== input.version) throw staleVersion(toUserDto(current));
      if (!p.allAreas && id !== p.userId) {
        // Someone who manages only some areas cannot edit a person who reaches further than they do.
        const beyond = current.rolePermissions.filter((perm) => !p.permissions.has(perm));
        if (current.allAreas || current.roleAllAreas || beyond.length) {
          throw new AppError(
            'forbidden',
            'This person has wider access than you; ask someone who manages all areas.',
          );
        }
      }
      if (
        id === p.userId &&
        (input.status === 'deactivated' || (input.roleId && input.roleId !== current.roleId))
      ) {
        throw new AppError(
          'conflict',
          'You cannot deactivate yourself or change your own role. Ask another administrator.',
        );
      }
      if (input.status === 'active' && current.status === 'invited') {
        throw validationError([
          { path: 'body.status', message: 'an invited person becomes active by accepting the invitation' },
        ]);
      }
      let role: repo.RoleRow | undefined;
      if (input.roleId) {
        role = await repo.findRole(tx, input.roleId);
        if (!role) throw validationError([{ path: 'body.roleId', message: 'is not a role' }]);
      }
      if (input.roleId || input.allAreas !== undefined) {
        const effectiveRole = role ?? (await repo.findRole(tx, current.roleId))!;
        assertMayGrant(p, effectiveRole, input.allAreas ?? current.allAreas);
      }
      if (input.areaIds || input.teamIds) {
        // Memberships in areas the actor does not work in are not theirs to change: they are kept as they are.
        const keptAreas = p.allAreas ? [] : (current.areaIds ?? []).filter((a) => !p.areaIds.includes(a));
        const keptTeams = await organisation.teamsWithinAreas(tx, current.teamIds ?? [], keptAreas);
        const chosenAreas = input.areaIds ?? (current.areaIds ?? []).filter((a) => !keptAreas.includes(a));
        // Leaving an area also leaves its teams, unless the caller says which teams to keep.
        const chosenTeams =
          input.teamIds ?? (await organisation.teamsWithinAreas(tx, current.teamIds ?? [], chosenAreas));
        await organisation.checkMembership(tx, p, chosenAreas, chosenTeams);
        await repo.setMemberships(
          tx,
          id,
          [...new Set([...chosenAreas, ...keptAreas])],
          [...new Set([...chosenTeams, ...keptTeams])],
        );
      }
      const changes: Partial<repo.UserRow> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.jobTitle !== undefined) changes.jobTitle = input.jobTitle;
      if (input.roleId !== undefined) changes.roleId = input.roleId;
      if (input.allAreas !== undefined) changes.allAreas = input.allAreas;
      if (input.status !== undefined) changes.status = input.status;
      await repo.updateUser(tx, id, changes, clock.now());
      if (input.status === 'deactivated' && current.status !== 'deactivated') {
        await repo.deleteSessionsOfUser(tx, id);
        await repo.revokeAllApiTokens(tx, id, clock.now());
      }
      const next = (await repo.findUserById(tx, id))!;
      const action =
        input.status === 'deactivated' && current.status !== 'deactivated'
          ? 'user.deactivated'
          : input.status === 'active' && current.status === 'deactivated'
            ? 'user.reactivated'
            : 'user.updated';
      await writeAudit(tx, actorOf(ctx, clock), {
        action,
        entityType: 'user',
        entityId: id,
        ...diffFields(auditUser(current), auditUser(next)),
      });
      return toUserDto(next);
    });
  }

  // ------------------------------------------------------------------ roles
  async function listRoles(): Promise<Role[]> {
    const rows = await repo.listRoles(db);
    return rows.map((r) => toRoleDto(r.role, r.userCount));
  }

  async function createRole(ctx: RequestContext, input: z.infer<typeof roleCreateSchema>): Promise<Role> {
    try {
      return await db.transaction(async (tx) => {
        if (await repo.findRoleByKey(tx, input.key))
          throw validationError([{ path: 'body.key', message: 'is already used by another role' }]);
        const role = await repo.insertRole(tx, { ...input, permissions: [...new Set(input.permissions)] });
        await writeAudit(tx, actorOf(ctx, clock), {
          action: 'role.created',
          entityType: 'role',
          entityId: role.id,
          after: toRoleDto(role),
        });
        return toRoleDto(role);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw validationError([{ path: 'body.key', message: 'is already used by another role' }]);
      throw err;
    }
  }

  async function updateRole(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof roleUpdateSchema>,
  ): Promise<Role> {
    forgetTokens();
    const p = requirePrincipal(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findRole(tx, id, true);
      if (!current) throw notFound('Role');
      if (current.version !== input.version) throw staleVersion(toRoleDto(current));
      const { version: _v, ...changes } = input;
      if (changes.permissions) changes.permissions = [...new Set(changes.permissions)];
      if (p.roleKey === current.key && changes.permissions && !changes.permissions.includes('roles:manage')) {
        throw validationError([
          {
            path: 'body.permissions',
            message: 'would remove roles:manage from your own role and lock you out',
          },
        ]);
      }
      const next = await repo.updateRole(tx, id, changes, clock.now());
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'role.updated',
        entityType: 'role',
        entityId: id,
        ...diffFields(toRoleDto(current), toRoleDto(next)),
      });
      return toRoleDto(next);
    });
  }

  // ------------------------------------------------------------------ API tokens
  async function createApiToken(ctx: RequestContext, input: z.infer<typeof apiTokenCreateSchema>) {
    const p = requireSignedInPerson(ctx);
    const errors = input.permissions
      .map((perm, i) => ({ perm, i }))
      .filter(({ perm }) => !p.permissions.has(perm))
      .map(({ i, perm }) => ({
        path: `body.permissions.${i}`,
        message: `${perm} is not a permission you hold`,
      }));
    if (errors.length) throw validationError(errors);
    const secret = `${TOKEN_PREFIX}${randomToken(30)}`;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const row = await repo.insertApiToken(tx, {
        userId: p.userId,
        name: input.name,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, 10),
        permissions: [...new Set(input.permissions)],
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      });
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'api_token.created',
        entityType: 'api_token',
        entityId: row.id,
        after: toTokenDto(row),
      });
      return { ...toTokenDto(row), token: secret };
    });
  }

  async function listApiTokens(ctx: RequestContext): Promise<ApiToken[]> {
    const p = requireSignedInPerson(ctx);
    return (await repo.listApiTokens(db, p.userId)).map(toTokenDto);
  }

  async function revokeApiToken(ctx: RequestContext, id: string): Promise<ApiToken> {
    forgetTokens();
    const p = requireSignedInPerson(ctx);
    return db.transaction(async (tx) => {
      const row = await repo.revokeApiToken(tx, p.userId, id, clock.now());
      if (!row) {
        const existing = await repo.findApiToken(tx, p.userId, id);
        if (!existing) throw notFound('API token');
        return toTokenDto(existing);
      }
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'api_token.revoked',
        entityType: 'api_token',
        entityId: id,
        after: { revokedAt: row.revokedAt },
      });
      return toTokenDto(row);
    });
  }

  // ------------------------------------------------------------------ used by setup and the sample
  async function seedDefaultRoles(tx: Db): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const r of DEFAULT_ROLES) {
      const row = await repo.insertRole(tx, { ...r, isSystem: true });
      ids.set(r.key, row.id);
    }
    return ids;
  }

  /** Creates an active user with a password directly (setup's first administrator, the sample staff). */
  async function createActiveUser(
    tx: Db,
    ctx: RequestContext,
    input: {
      email: string;
      name: string;
      jobTitle?: string;
      roleId: string;
      passwordHash: string;
      areaIds?: string[];
      teamIds?: string[];
      allAreas?: boolean;
    },
  ): Promise<string> {
    const id = await repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      jobTitle: input.jobTitle ?? '',
      roleId: input.roleId,
      passwordHash: input.passwordHash,
      status: 'active',
      allAreas: input.allAreas ?? false,
    });
    await repo.setMemberships(tx, id, input.areaIds ?? [], input.teamIds ?? []);
    const row = (await repo.findUserById(tx, id))!;
    await writeAudit(tx, actorOf(ctx, clock), {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      after: auditUser(row),
    });
    return id;
  }

  async function principalForUser(tx: Db, userId: string): Promise<Principal> {
    const row = await repo.findUserById(tx, userId);
    if (!row) throw notFound('User');
    return principalFrom(row, 'session', {});
  }

  return {
    authenticate,
    principalFromSessionToken,
    signIn,
    sessionInfo,
    signOut,
    signOutEverywhere,
    issueSession,
    inviteUser,
    resendInvitation,
    oneTimeTokenInfo,
    acceptInvitation,
    requestPasswordReset,
    completePasswordReset,
    changePassword,
    listUsers,
    getUser,
    updateUser,
    listRoles,
    createRole,
    updateRole,
    createApiToken,
    listApiTokens,
    revokeApiToken,
    seedDefaultRoles,
    createActiveUser,
    principalForUser,
  };
}
