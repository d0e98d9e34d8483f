import type { Category } from '../../../contracts/cases.js';

/** A top-level category with its sub-categories, both in their display order. */
export interface CategoryNode {
  category: Category;
  children: Category[];
  /** True when the parent is shown only so its matching sub-categories have a home. */
  isContext: boolean;
}

/** Display order: sort order, then name. */
export function compareCategories(a: Category, b: Category): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);
}

/**
 * The two-level tree of the categories that pass `include`. A parent that does not pass but has children
 * that do is shown as context. Sub-categories whose parent is missing are listed at the top level.
 */
export function buildCategoryTree(
  items: Category[],
  include: (c: Category) => boolean = () => true,
): CategoryNode[] {
  const ids = new Set(items.map((c) => c.id));
  const tops = items.filter((c) => !c.parentId || !ids.has(c.parentId)).sort(compareCategories);
  const nodes: CategoryNode[] = [];
  for (const top of tops) {
    const children = items.filter((c) => c.parentId === top.id && include(c)).sort(compareCategories);
    const matches = include(top);
    if (matches || children.length) nodes.push({ category: top, children, isContext: !matches });
  }
  return nodes;
}

/** The siblings of a category (same parent, itself included), in display order. */
export function siblingsOf(items: Category[], category: Category): Category[] {
  return items.filter((c) => c.parentId === category.parentId).sort(compareCategories);
}

/** The sort order for a new category placed after its siblings. */
export function nextSortOrder(items: Category[], parentId: string | null): number {
  const siblings = items.filter((c) => c.parentId === parentId);
  return siblings.length ? Math.min(10_000, Math.max(...siblings.map((c) => c.sortOrder)) + 10) : 10;
}

export interface SortOrderChange {
  id: string;
  version: number;
  sortOrder: number;
}

/**
 * Moves a category one place up or down among its siblings. Returns the sort-order changes to save:
 * siblings are renumbered 10, 20, 30 … in the new order (so ties left by defaults are broken) and only
 * those whose number changes are listed. Empty when the category is already first / last.
 */
export function moveCategory(items: Category[], id: string, direction: 'up' | 'down'): SortOrderChange[] {
  const target = items.find((c) => c.id === id);
  if (!target) return [];
  const siblings = siblingsOf(items, target);
  const from = siblings.findIndex((c) => c.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= siblings.length) return [];
  const order = [...siblings];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order
    .map((c, i) => ({ id: c.id, version: c.version, sortOrder: (i + 1) * 10 }))
    .filter((change) => change.sortOrder !== items.find((c) => c.id === change.id)?.sortOrder);
}

/**
 * Choices for a category picker in tree order, sub-categories labelled "Parent › Child". Inactive ones are
 * left out unless `keepId` names one (the record's current choice).
 */
export function categoryOptions(
  items: Category[],
  keepId?: string | null,
): { value: string; label: string }[] {
  const usable = (c: Category) => c.active || c.id === keepId;
  return buildCategoryTree(items, usable).flatMap((node) => [
    ...(node.isContext ? [] : [{ value: node.category.id, label: node.category.name }]),
    ...node.children.map((c) => ({ value: c.id, label: `${node.category.name} › ${c.name}` })),
  ]);
}
