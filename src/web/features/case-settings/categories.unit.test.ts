import { describe, expect, it } from 'vitest';
import type { Category } from '../../../contracts/cases.js';
import { buildCategoryTree, categoryOptions, moveCategory, nextSortOrder } from './categories.js';

function cat(id: string, parentId: string | null, sortOrder = 0, active = true): Category {
  return { id, parentId, name: id, description: '', active, sortOrder, version: 1 };
}

const items = [
  cat('service', null, 20),
  cat('billing', null, 10),
  cat('refunds', 'billing', 0),
  cat('charges', 'billing', 0),
  cat('old', 'billing', 5, false),
  cat('staff', 'service', 0, false),
  cat('retired', null, 30, false),
  cat('orphan', 'gone', 0),
];

describe('category tree', () => {
  it('orders by sort order then name, children under parents', () => {
    const tree = buildCategoryTree(items);
    expect(tree.map((n) => n.category.id)).toEqual(['orphan', 'billing', 'service', 'retired']);
    expect(tree[1]!.children.map((c) => c.id)).toEqual(['charges', 'refunds', 'old']);
  });

  it('keeps a parent as context when only its children match', () => {
    const tree = buildCategoryTree(items, (c) => !c.active);
    expect(tree.map((n) => [n.category.id, n.isContext, n.children.map((c) => c.id)])).toEqual([
      ['billing', true, ['old']],
      ['service', true, ['staff']],
      ['retired', false, []],
    ]);
  });

  it('places new categories after their siblings', () => {
    expect(nextSortOrder(items, 'billing')).toBe(15);
    expect(nextSortOrder(items, null)).toBe(40);
    expect(nextSortOrder(items, 'service-none')).toBe(10);
  });

  it('moves a category and renumbers its siblings, breaking ties', () => {
    // billing's children in order: charges(0), refunds(0), old(5).
    expect(moveCategory(items, 'refunds', 'up')).toEqual([
      { id: 'refunds', version: 1, sortOrder: 10 },
      { id: 'charges', version: 1, sortOrder: 20 },
      { id: 'old', version: 1, sortOrder: 30 },
    ]);
    // Only changed numbers are saved.
    expect(moveCategory(items, 'service', 'down')).toEqual([
      { id: 'retired', version: 1, sortOrder: 20 },
      { id: 'service', version: 1, sortOrder: 30 },
    ]);
    expect(moveCategory(items, 'charges', 'up')).toEqual([]);
    expect(moveCategory(items, 'old', 'down')).toEqual([]);
    expect(moveCategory(items, 'missing', 'up')).toEqual([]);
  });

  it('offers active categories in tree order, keeping the current choice', () => {
    expect(categoryOptions(items).map((o) => o.label)).toEqual([
      'orphan',
      'billing',
      'billing › charges',
      'billing › refunds',
      'service',
    ]);
    expect(categoryOptions(items, 'old').map((o) => o.value)).toContain('old');
  });
});
