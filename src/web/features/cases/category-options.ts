import type { Category } from '../../../contracts/cases.js';

/** Categories are two levels: a top level (parentId null) and its children. */

const byOrder = (a: Category, b: Category) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);

export function topCategories(categories: Category[], keepId?: string | null): Category[] {
  return categories.filter((c) => !c.parentId && (c.active || c.id === keepId)).sort(byOrder);
}

export function childCategories(categories: Category[], parentId: string | null, keepId?: string | null) {
  if (!parentId) return [];
  return categories.filter((c) => c.parentId === parentId && (c.active || c.id === keepId)).sort(byOrder);
}

/** One grouped option list (a group per top level; the top level itself is its first item). */
export function categoryOptions(categories: Category[], keepId?: string | null) {
  return topCategories(categories, keepId).map((top) => ({
    group: top.name,
    items: [
      { value: top.id, label: `${top.name} (general)` },
      ...childCategories(categories, top.id, keepId).map((c) => ({ value: c.id, label: c.name })),
    ],
  }));
}

/** A chosen category → the two selects' values (top level, sub-category). */
export function splitCategory(
  categories: Category[],
  id: string | null,
): { top: string | null; sub: string | null } {
  if (!id) return { top: null, sub: null };
  const found = categories.find((c) => c.id === id);
  if (!found) return { top: null, sub: null };
  return found.parentId ? { top: found.parentId, sub: found.id } : { top: found.id, sub: null };
}

/** "Billing › Overcharged", or the top level alone. */
export function categoryLabel(category: { name: string; parentName: string | null } | null): string {
  if (!category) return '';
  return category.parentName ? `${category.parentName} › ${category.name}` : category.name;
}
