import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AssignmentRule,
  assignmentRuleCreateSchema,
  assignmentRuleUpdateSchema,
  Category,
  categoryCreateSchema,
  categoryUpdateSchema,
  savedViewCreateSchema,
  Template,
  templateCreateSchema,
  templateUpdateSchema,
} from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import { actorOf, canSeeArea, type Principal, type RequestContext } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import {
  AppError,
  isUniqueViolation,
  notFound,
  staleVersion,
  validationError,
} from '../../platform/errors.js';
import { decodeCursor, pageFrom, seqCursor } from '../../platform/pagination.js';
import { assignmentRules, caseCategories, responseTemplates, savedViews } from './cases.tables.js';
import * as repo from './cases.repo.js';
import { unknownPlaceholders } from './templates.js';

function principalOf(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return ctx.principal;
}

type CategoryRow = typeof caseCategories.$inferSelect;
type TemplateRow = typeof responseTemplates.$inferSelect;

const categoryDto = (r: CategoryRow): Category => ({
  id: r.id,
  parentId: r.parentId,
  name: r.name,
  description: r.description,
  active: r.active,
  sortOrder: r.sortOrder,
  version: r.version,
});
const templateDto = (r: TemplateRow): Template => ({
  id: r.id,
  name: r.name,
  purpose: r.purpose as Template['purpose'],
  subject: r.subject,
  body: r.body,
  active: r.active,
  version: r.version,
});

export type CaseCatalogue = ReturnType<typeof createCaseCatalogue>;

/**
 * The reference data of case handling: categories, response templates, assignment rules, saved queue views,
 * and the personal-details access log.
 */
export function createCaseCatalogue({ db, clock }: Deps) {
  // ---------------------------------------------------------------------------------------------------- categories
  async function listCategories(): Promise<{ items: Category[] }> {
    const rows = await db
      .select()
      .from(caseCategories)
      .orderBy(asc(caseCategories.sortOrder), sql`lower(${caseCategories.name})`);
    return { items: rows.map(categoryDto) };
  }

  async function findCategoryRow(tx: Db, id: string) {
    const rows = await tx.select().from(caseCategories).where(eq(caseCategories.id, id)).for('update');
    return rows[0];
  }

  const nameTaken = () =>
    validationError([{ path: 'body.name', message: 'is already used by another category at this level' }]);

  async function createCategory(ctx: RequestContext, input: z.infer<typeof categoryCreateSchema>) {
    return db.transaction(async (tx) => {
      if (input.parentId) {
        const parent = await findCategoryRow(tx, input.parentId);
        if (!parent) throw validationError([{ path: 'body.parentId', message: 'is not a category' }]);
        if (parent.parentId)
          throw validationError([
            { path: 'body.parentId', message: 'is a sub-category; categories have two levels' },
          ]);
      }
      const rows = await tx
        .insert(caseCategories)
        .values(input)
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw nameTaken();
          throw err;
        });
      const row = rows[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'case_category.created',
        entityType: 'case_category',
        entityId: row.id,
        after: categoryDto(row),
      });
      return categoryDto(row);
    });
  }

  async function updateCategory(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof categoryUpdateSchema>,
  ) {
    return db.transaction(async (tx) => {
      const current = await findCategoryRow(tx, id);
      if (!current) throw notFound('Category');
      if (current.version !== input.version) throw staleVersion(categoryDto(current));
      const { version: _v, ...changes } = input;
      const rows = await tx
        .update(caseCategories)
        .set({ ...changes, version: current.version + 1, updatedAt: clock.now() })
        .where(eq(caseCategories.id, id))
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw nameTaken();
          throw err;
        });
      const next = rows[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action:
          changes.active === false && current.active ? 'case_category.deactivated' : 'case_category.updated',
        entityType: 'case_category',
        entityId: id,
        ...diffFields(categoryDto(current), categoryDto(next)),
      });
      return categoryDto(next);
    });
  }

  // ---------------------------------------------------------------------------------------------------- templates
  function checkPlaceholders(input: { subject?: string; body?: string }) {
    const errors = [
      ...unknownPlaceholders(input.subject ?? '').map((n) => ({
        path: 'body.subject',
        message: `uses an unknown placeholder {{${n}}}`,
      })),
      ...unknownPlaceholders(input.body ?? '').map((n) => ({
        path: 'body.body',
        message: `uses an unknown placeholder {{${n}}}`,
      })),
    ];
    if (errors.length) throw validationError(errors);
  }
  const templateNameTaken = () =>
    validationError([{ path: 'body.name', message: 'is already used by another template' }]);

  async function listTemplates(): Promise<{ items: Template[] }> {
    const rows = await db
      .select()
      .from(responseTemplates)
      .orderBy(sql`lower(${responseTemplates.name})`);
    return { items: rows.map(templateDto) };
  }

  async function createTemplate(ctx: RequestContext, input: z.infer<typeof templateCreateSchema>) {
    checkPlaceholders(input);
    return db.transaction(async (tx) => {
      const rows = await tx
        .insert(responseTemplates)
        .values(input)
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw templateNameTaken();
          throw err;
        });
      const row = rows[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'response_template.created',
        entityType: 'response_template',
        entityId: row.id,
        after: templateDto(row),
      });
      return templateDto(row);
    });
  }

  async function updateTemplate(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof templateUpdateSchema>,
  ) {
    checkPlaceholders(input);
    return db.transaction(async (tx) => {
      const current = (
        await tx.select().from(responseTemplates).where(eq(responseTemplates.id, id)).for('update')
      )[0];
      if (!current) throw notFound('Template');
      if (current.version !== input.version) throw staleVersion(templateDto(current));
      const { version: _v, ...changes } = input;
      const rows = await tx
        .update(responseTemplates)
        .set({ ...changes, version: current.version + 1, updatedAt: clock.now() })
        .where(eq(responseTemplates.id, id))
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw templateNameTaken();
          throw err;
        });
      const next = rows[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'response_template.updated',
        entityType: 'response_template',
        entityId: id,
        ...diffFields(templateDto(current), templateDto(next)),
      });
      return templateDto(next);
    });
  }

  async function templateById(tx: Db, id: string) {
    const rows = await tx
      .select()
      .from(responseTemplates)
      .where(and(eq(responseTemplates.id, id), eq(responseTemplates.active, true)));
    return rows[0];
  }

  /** The first active template for a purpose (alphabetical), or none. */
  async function templateFor(tx: Db, purpose: string) {
    const rows = await tx
      .select()
      .from(responseTemplates)
      .where(and(eq(responseTemplates.purpose, purpose), eq(responseTemplates.active, true)))
      .orderBy(sql`lower(${responseTemplates.name})`)
      .limit(1);
    return rows[0];
  }

  // ---------------------------------------------------------------------------------------------------- rules
  async function ruleDtos(handle: Db, where?: ReturnType<typeof eq>): Promise<AssignmentRule[]> {
    const rows = await handle
      .select({
        id: assignmentRules.id,
        areaId: assignmentRules.areaId,
        areaName: sql<string>`(SELECT a.name FROM business_areas a WHERE a.id = assignment_rules.area_id)`,
        categoryId: assignmentRules.categoryId,
        categoryName: sql<
          string | null
        >`(SELECT c.name FROM case_categories c WHERE c.id = assignment_rules.category_id)`,
        teamId: assignmentRules.teamId,
        teamName: sql<string>`(SELECT t.name FROM teams t WHERE t.id = assignment_rules.team_id)`,
        strategy: assignmentRules.strategy,
        active: assignmentRules.active,
        version: assignmentRules.version,
      })
      .from(assignmentRules)
      .where(where)
      .orderBy(sql`2`, sql`4 NULLS FIRST`);
    return rows.map((r) => ({ ...r, strategy: r.strategy as AssignmentRule['strategy'] }));
  }

  async function listRules(ctx: RequestContext) {
    const p = principalOf(ctx);
    const items = (await ruleDtos(db)).filter((r) => canSeeArea(p, r.areaId));
    return { items };
  }

  async function checkRuleScope(
    tx: Db,
    p: Principal,
    areaId: string,
    teamId: string,
    categoryId: string | null,
  ) {
    const errors: { path: string; message: string }[] = [];
    const team = await tx.execute(sql`SELECT area_id FROM teams WHERE id = ${teamId}::uuid AND active`);
    const teamArea = (team as unknown as { rows: { area_id: string }[] }).rows[0]?.area_id;
    if (!(await repo.isAreaActive(tx, areaId)))
      errors.push({ path: 'body.areaId', message: 'is not an active business area' });
    else if (!teamArea) errors.push({ path: 'body.teamId', message: 'is not an active team' });
    else if (teamArea !== areaId)
      errors.push({ path: 'body.teamId', message: 'is not a team of this business area' });
    if (categoryId && !(await repo.findCategory(tx, categoryId)))
      errors.push({ path: 'body.categoryId', message: 'is not a category' });
    if (errors.length) throw validationError(errors);
    if (!canSeeArea(p, areaId))
      throw new AppError('forbidden', 'You can only set assignment rules for business areas you work in.');
  }

  const ruleTaken = () =>
    validationError([
      { path: 'body.categoryId', message: 'already has an active rule in this business area' },
    ]);

  async function createRule(ctx: RequestContext, input: z.infer<typeof assignmentRuleCreateSchema>) {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      await checkRuleScope(tx, p, input.areaId, input.teamId, input.categoryId);
      const rows = await tx
        .insert(assignmentRules)
        .values(input)
        .returning({ id: assignmentRules.id })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw ruleTaken();
          throw err;
        });
      const dto = (await ruleDtos(tx, eq(assignmentRules.id, rows[0]!.id)))[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'assignment_rule.created',
        entityType: 'assignment_rule',
        entityId: dto.id,
        after: dto,
      });
      return dto;
    });
  }

  async function updateRule(
    ctx: RequestContext,
    id: string,
    input: z.infer<typeof assignmentRuleUpdateSchema>,
  ) {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const current = (await ruleDtos(tx, eq(assignmentRules.id, id)))[0];
      if (!current || !canSeeArea(p, current.areaId)) throw notFound('Assignment rule');
      if (current.version !== input.version) throw staleVersion(current);
      const { version: _v, ...changes } = input;
      if (changes.teamId) await checkRuleScope(tx, p, current.areaId, changes.teamId, null);
      await tx
        .update(assignmentRules)
        .set({ ...changes, version: current.version + 1, updatedAt: clock.now() })
        .where(eq(assignmentRules.id, id))
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw ruleTaken();
          throw err;
        });
      const next = (await ruleDtos(tx, eq(assignmentRules.id, id)))[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'assignment_rule.updated',
        entityType: 'assignment_rule',
        entityId: id,
        ...diffFields(current, next),
      });
      return next;
    });
  }

  /**
   * Applies the area's assignment rule (the category's own, its parent's, then the area-wide one): round robin
   * or least loaded among the rule's team, never the person the complaint is about. Null when no rule applies
   * or nobody in the team can take it.
   */
  async function pickAssignee(
    tx: Db,
    c: { areaId: string; categoryId: string | null; concernsUserId: string | null },
  ): Promise<{ id: string; name: string } | null> {
    const res = await tx.execute(sql`
      SELECT r.id, r.team_id, r.strategy, r.last_assignee_id FROM assignment_rules r
      WHERE r.active AND r.area_id = ${c.areaId}::uuid
        AND (r.category_id IS NULL
          OR r.category_id = ${c.categoryId}::uuid
          OR r.category_id = (SELECT parent_id FROM case_categories WHERE id = ${c.categoryId}::uuid))
      ORDER BY (r.category_id = ${c.categoryId}::uuid) DESC NULLS LAST, (r.category_id IS NULL) ASC
      LIMIT 1
      FOR UPDATE`);
    const rule = (
      res as unknown as {
        rows: { id: string; team_id: string; strategy: string; last_assignee_id: string | null }[];
      }
    ).rows[0];
    if (!rule) return null;
    const members = (await repo.candidatesForArea(tx, c.areaId, 'cases:update', rule.team_id)).filter(
      (u) => u.id !== c.concernsUserId,
    );
    if (members.length === 0) return null;
    let chosen;
    if (rule.strategy === 'least_loaded') {
      chosen = [...members].sort((a, b) => a.openCases - b.openCases)[0]!;
    } else {
      const lastIndex = members.findIndex((u) => u.id === rule.last_assignee_id);
      chosen = members[(lastIndex + 1) % members.length]!;
    }
    await tx
      .update(assignmentRules)
      .set({ lastAssigneeId: chosen.id })
      .where(eq(assignmentRules.id, rule.id));
    return { id: chosen.id, name: chosen.name };
  }

  // ---------------------------------------------------------------------------------------------------- saved views
  async function listViews(ctx: RequestContext) {
    const p = principalOf(ctx);
    const rows = await db
      .select()
      .from(savedViews)
      .where(sql`${savedViews.ownerId} = ${p.userId}::uuid OR ${savedViews.shared}`)
      .orderBy(sql`lower(${savedViews.name})`, asc(savedViews.id));
    return rows;
  }

  async function createView(ctx: RequestContext, input: z.infer<typeof savedViewCreateSchema>) {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const rows = await tx
        .insert(savedViews)
        .values({ ...input, ownerId: p.userId })
        .returning();
      const row = rows[0]!;
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'saved_view.created',
        entityType: 'saved_view',
        entityId: row.id,
        after: { name: row.name, filters: row.filters, shared: row.shared },
      });
      return row;
    });
  }

  async function deleteView(ctx: RequestContext, id: string) {
    const p = principalOf(ctx);
    return db.transaction(async (tx) => {
      const row = (await tx.select().from(savedViews).where(eq(savedViews.id, id)))[0];
      if (!row || (row.ownerId !== p.userId && !row.shared)) throw notFound('Saved view');
      if (row.ownerId !== p.userId)
        throw new AppError('forbidden', 'Only the person who saved a view can delete it.');
      await tx.delete(savedViews).where(eq(savedViews.id, id));
      await writeAudit(tx, actorOf(ctx, clock), {
        action: 'saved_view.deleted',
        entityType: 'saved_view',
        entityId: id,
        before: { name: row.name, filters: row.filters, shared: row.shared },
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------- access log
  async function personalAccess(
    ctx: RequestContext,
    query: { caseId?: string; userId?: string; cursor?: string; limit: number },
  ) {
    const p = principalOf(ctx);
    if (!p.allAreas)
      throw new AppError('forbidden', 'Reading the personal-details access log needs all-areas reach.');
    const after = decodeCursor(query.cursor, seqCursor);
    const rows = await repo.listPersonalAccess(db, {
      caseId: query.caseId,
      userId: query.userId,
      after: after ? after[0] : null,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        user: { id: r.userId, name: r.userName },
        caseId: r.caseId,
        reference: r.reference,
        purpose: r.purpose,
      })),
      nextCursor: page.nextCursor,
    };
  }

  return {
    listCategories,
    createCategory,
    updateCategory,
    listTemplates,
    createTemplate,
    updateTemplate,
    templateById,
    templateFor,
    listRules,
    createRule,
    updateRule,
    pickAssignee,
    listViews,
    createView,
    deleteView,
    personalAccess,
  };
}
