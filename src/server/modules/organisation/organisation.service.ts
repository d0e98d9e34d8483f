import type { z } from 'zod';
import type {
  Area,
  areaCreateSchema,
  areaListQuery,
  areaUpdateSchema,
  Organisation,
  organisationUpdateSchema,
  Team,
  teamCreateSchema,
  teamListQuery,
  teamUpdateSchema,
} from '../../../contracts/organisation.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import { actorOf, canSeeArea, type Principal, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound, staleVersion, validationError, type FieldError } from '../../platform/errors.js';
import { decodeCursor, nameIdCursor, pageFrom } from '../../platform/pagination.js';
import * as repo from './organisation.repo.js';

export function toOrganisationDto(row: repo.OrganisationRow): Organisation {
  return {
    name: row.name,
    timeZone: row.timeZone,
    locale: row.locale,
    currency: row.currency,
    sampleLoaded: row.sampleLoaded,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toAreaDto(row: repo.AreaRow): Area {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    active: row.active,
    teamCount: Number(row.teamCount),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toTeamDto(row: repo.TeamRow): Team {
  return {
    id: row.id,
    areaId: row.areaId,
    areaName: row.areaName,
    name: row.name,
    description: row.description,
    active: row.active,
    memberCount: Number(row.memberCount),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

/** The areas a principal is limited to, or null for all. */
export function areaScope(p: Principal): readonly string[] | null {
  return p.allAreas ? null : p.areaIds;
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;

export function createOrganisationService({ db, clock }: Deps) {
  /** Pass the transaction handle when called inside one (PGlite has a single connection). */
  async function getOrganisation(handle: Db = db): Promise<Organisation | null> {
    const row = await repo.findOrganisation(handle);
    return row ? toOrganisationDto(row) : null;
  }

  async function updateOrganisation(
    ctx: RequestContext,
    input: z.infer<typeof organisationUpdateSchema>,
  ): Promise<Organisation> {
    return db.transaction(async (tx) => {
      const current = await repo.findOrganisation(tx);
      if (!current) throw new AppError('setup_required', 'Set up Verity first.');
      if (current.version !== input.version) throw staleVersion(toOrganisationDto(current));
      const { version: _v, ...changes } = input;
      const next = await repo.updateOrganisation(tx, changes, clock.now());
      const d = diffFields(toOrganisationDto(current), toOrganisationDto(next));
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: '1',
        ...d,
      });
      return toOrganisationDto(next);
    });
  }

  async function listAreas(ctx: RequestContext, query: z.infer<typeof areaListQuery>) {
    const p = principalOf(ctx);
    const after = decodeCursor(query.cursor, nameIdCursor);
    const rows = await repo.listAreas(db, {
      areaIds: areaScope(p),
      q: query.q,
      active: query.active,
      after,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
    return { items: page.items.map(toAreaDto), nextCursor: page.nextCursor };
  }

  async function getArea(ctx: RequestContext, id: string): Promise<Area> {
    const p = principalOf(ctx);
    const row = await repo.findArea(db, id);
    if (!row || !canSeeArea(p, id)) throw notFound('Business area');
    return toAreaDto(row);
  }

  async function checkAreaUnique(tx: Db, name: string, code: string, exceptId?: string) {
    const clash = await repo.findAreaByNameOrCode(tx, name, code, exceptId);
    const errors: FieldError[] = [];
    if (clash.some((c) => c.name.toLowerCase() === name.toLowerCase()))
      errors.push({ path: 'body.name', message: 'is already used by another business area' });
    if (clash.some((c) => c.code.toUpperCase() === code.toUpperCase()))
      errors.push({ path: 'body.code', message: 'is already used by another business area' });
    if (errors.length) throw validationError(errors);
  }

  async function createArea(ctx: RequestContext, input: z.infer<typeof areaCreateSchema>): Promise<Area> {
    const p = principalOf(ctx);
    if (!p.allAreas)
      throw new AppError('forbidden', 'Only people who manage all business areas can add one.');
    return db.transaction(async (tx) => {
      await checkAreaUnique(tx, input.name, input.code);
      const id = await repo.insertArea(tx, input);
      const row = (await repo.findArea(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'area.created',
        entityType: 'business_area',
        entityId: id,
        after: toAreaDto(row),
      });
      return toAreaDto(row);
    });
  }

  async function updateArea(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof areaUpdateSchema>,
  ): Promise<Area> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findArea(tx, id, true);
      if (!current || !canSeeArea(p, id)) throw notFound('Business area');
      if (current.version !== input.version) throw staleVersion(toAreaDto(current));
      const { version: _v, ...changes } = input;
      await checkAreaUnique(tx, changes.name ?? current.name, changes.code ?? current.code, id);
      await repo.updateArea(tx, id, changes, clock.now());
      const next = (await repo.findArea(tx, id))!;
      const d = diffFields(toAreaDto(current), toAreaDto(next));
      const action = changes.active === false && current.active ? 'area.deactivated' : 'area.updated';
      await writeAudit(tx, actorOf(ctx, clock), { action, entityType: 'business_area', entityId: id, ...d });
      return toAreaDto(next);
    });
  }

  async function listTeams(ctx: RequestContext, query: z.infer<typeof teamListQuery>) {
    const p = principalOf(ctx);
    const after = decodeCursor(query.cursor, nameIdCursor);
    const rows = await repo.listTeams(db, {
      areaIds: areaScope(p),
      areaId: query.areaId,
      q: query.q,
      active: query.active,
      after,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
    return { items: page.items.map(toTeamDto), nextCursor: page.nextCursor };
  }

  async function getTeam(ctx: RequestContext, id: string): Promise<Team> {
    const p = principalOf(ctx);
    const row = await repo.findTeam(db, id);
    if (!row || !canSeeArea(p, row.areaId)) throw notFound('Team');
    return toTeamDto(row);
  }

  async function createTeam(ctx: RequestContext, input: z.infer<typeof teamCreateSchema>): Promise<Team> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const area = await repo.findArea(tx, input.areaId);
      if (!area) throw validationError([{ path: 'body.areaId', message: 'is not a business area' }]);
      if (!canSeeArea(p, input.areaId))
        throw new AppError('forbidden', 'You cannot add teams to that business area.');
      if (!area.active)
        throw validationError([{ path: 'body.areaId', message: 'is a deactivated business area' }]);
      if ((await repo.findTeamByName(tx, input.areaId, input.name)).length)
        throw validationError([
          { path: 'body.name', message: 'is already used by another team in this area' },
        ]);
      const id = await repo.insertTeam(tx, input);
      const row = (await repo.findTeam(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'team.created',
        entityType: 'team',
        entityId: id,
        after: toTeamDto(row),
      });
      return toTeamDto(row);
    });
  }

  async function updateTeam(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof teamUpdateSchema>,
  ): Promise<Team> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findTeam(tx, id, true);
      if (!current || !canSeeArea(p, current.areaId)) throw notFound('Team');
      if (current.version !== input.version) throw staleVersion(toTeamDto(current));
      const { version: _v, ...changes } = input;
      if (changes.name && (await repo.findTeamByName(tx, current.areaId, changes.name, id)).length)
        throw validationError([
          { path: 'body.name', message: 'is already used by another team in this area' },
        ]);
      await repo.updateTeam(tx, id, changes, clock.now());
      const next = (await repo.findTeam(tx, id))!;
      const d = diffFields(toTeamDto(current), toTeamDto(next));
      const action = changes.active === false && current.active ? 'team.deactivated' : 'team.updated';
      await writeAudit(tx, actorOf(ctx, clock), { action, entityType: 'team', entityId: id, ...d });
      return toTeamDto(next);
    });
  }

  /**
   * Checks area and team ids another module wants to store for a person: each must exist (400 naming the
   * field) and be usable by the actor (403). Teams must belong to one of the given areas.
   */
  async function checkMembership(
    tx: Db,
    actor: Principal,
    areaIds: readonly string[],
    teamIds: readonly string[],
  ): Promise<void> {
    const errors: FieldError[] = [];
    const existing = await repo.existingAreaIds(tx, areaIds);
    areaIds.forEach((id, i) => {
      if (!existing.has(id)) errors.push({ path: `body.areaIds.${i}`, message: 'is not a business area' });
    });
    const teamRows = await repo.teamsByIds(tx, teamIds);
    const teamById = new Map(teamRows.map((t) => [t.id, t]));
    teamIds.forEach((id, i) => {
      const t = teamById.get(id);
      if (!t) errors.push({ path: `body.teamIds.${i}`, message: 'is not a team' });
      else if (!areaIds.includes(t.areaId))
        errors.push({
          path: `body.teamIds.${i}`,
          message: 'belongs to a business area the person is not in',
        });
    });
    if (errors.length) throw validationError(errors);
    if (!actor.allAreas && areaIds.some((id) => !actor.areaIds.includes(id))) {
      throw new AppError('forbidden', 'You can only give people access to business areas you work in.');
    }
  }

  /** Used once, by setup, inside its transaction. */
  async function createOrganisationRecord(
    tx: Db,
    values: { name: string; timeZone: string; locale: string; currency: string },
  ): Promise<Organisation> {
    return toOrganisationDto(await repo.insertOrganisation(tx, values));
  }

  async function markSampleLoaded(tx: Db): Promise<void> {
    await repo.updateOrganisation(tx, { sampleLoaded: true }, clock.now());
  }

  /** The subset of teamIds whose team belongs to one of areaIds. */
  async function teamsWithinAreas(
    tx: Db,
    teamIds: readonly string[],
    areaIds: readonly string[],
  ): Promise<string[]> {
    const rows = await repo.teamsByIds(tx, teamIds);
    return rows.filter((t) => areaIds.includes(t.areaId)).map((t) => t.id);
  }

  return {
    teamsWithinAreas,
    createOrganisationRecord,
    markSampleLoaded,
    getOrganisation,
    updateOrganisation,
    listAreas,
    getArea,
    createArea,
    updateArea,
    listTeams,
    getTeam,
    createTeam,
    updateTeam,
    checkMembership,
  };
}
