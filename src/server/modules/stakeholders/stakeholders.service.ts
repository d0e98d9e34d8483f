import type { z } from 'zod';
import type {
  Stakeholder,
  StakeholderKind,
  stakeholderCreateSchema,
  stakeholderListQuery,
  stakeholderUpdateSchema,
} from '../../../contracts/stakeholders.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import { actorOf, canSeeArea, type Principal, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound, staleVersion } from '../../platform/errors.js';
import { decodeCursor, nameIdCursor, pageFrom } from '../../platform/pagination.js';
import type { OrganisationService } from '../organisation/index.js';
import * as repo from './stakeholders.repo.js';

function toDto(row: repo.StakeholderRow): Stakeholder {
  return {
    ...row,
    kind: row.kind as StakeholderKind,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

export type StakeholderService = ReturnType<typeof createStakeholderService>;

export function createStakeholderService({ db, clock }: Deps, organisation: OrganisationService) {
  const visible = (p: Principal, areaId: string | null) => areaId === null || canSeeArea(p, areaId);

  async function checkArea(tx: Db, p: Principal, areaId: string | null | undefined) {
    if (!areaId) return;
    await organisation.checkMembership(tx, p, [areaId], []).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'validation') {
        throw new AppError('validation', 'Some fields need attention.', {
          errors: [{ path: 'body.areaId', message: 'is not a business area' }],
        });
      }
      if (err instanceof AppError && err.code === 'forbidden') {
        throw new AppError('forbidden', 'You can only link stakeholders to business areas you work in.');
      }
      throw err;
    });
  }

  async function list(ctx: RequestContext, query: z.infer<typeof stakeholderListQuery>) {
    const p = principalOf(ctx);
    const after = decodeCursor(query.cursor, nameIdCursor);
    const rows = await repo.listStakeholders(db, {
      areaIds: p.allAreas ? null : p.areaIds,
      q: query.q,
      kind: query.kind,
      areaId: query.areaId,
      active: query.active,
      after,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async function get(ctx: RequestContext, id: string): Promise<Stakeholder> {
    const p = principalOf(ctx);
    const row = await repo.findStakeholder(db, id);
    if (!row || !visible(p, row.areaId)) throw notFound('Stakeholder');
    return toDto(row);
  }

  async function create(
    ctx: RequestContext,
    input: z.infer<typeof stakeholderCreateSchema>,
  ): Promise<Stakeholder> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      await checkArea(tx, p, input.areaId);
      const id = await repo.insertStakeholder(tx, input);
      const row = (await repo.findStakeholder(tx, id))!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'stakeholder.created',
        entityType: 'stakeholder',
        entityId: id,
        after: toDto(row),
      });
      return toDto(row);
    });
  }

  async function update(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof stakeholderUpdateSchema>,
  ): Promise<Stakeholder> {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = await repo.findStakeholder(tx, id, true);
      if (!current || !visible(p, current.areaId)) throw notFound('Stakeholder');
      if (current.version !== input.version) throw staleVersion(toDto(current));
      const { version: _v, ...changes } = input;
      if (changes.areaId !== undefined && changes.areaId !== current.areaId)
        await checkArea(tx, p, changes.areaId);
      await repo.updateStakeholder(tx, id, changes, clock.now());
      const next = (await repo.findStakeholder(tx, id))!;
      const action =
        changes.active === false && current.active ? 'stakeholder.deactivated' : 'stakeholder.updated';
      await writeAudit(tx, actorOf(ctx, clock), {
        action,
        entityType: 'stakeholder',
        entityId: id,
        ...diffFields(toDto(current), toDto(next)),
      });
      return toDto(next);
    });
  }

  return { list, get, create, update };
}
