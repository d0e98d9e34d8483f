import { describe, expect, it } from 'vitest';
import { createShortcutMatcher, type Shortcut } from './shortcuts.js';
import { categoryLabel, categoryOptions, splitCategory } from './category-options.js';
import type { Category } from '../../../contracts/cases.js';

const noop = () => {};
const list: Shortcut[] = [
  { keys: 'n', description: 'note', run: noop },
  { keys: 'g q', description: 'queue', run: noop },
  { keys: 'a', description: 'assign', run: noop, disabled: true },
];

describe('createShortcutMatcher', () => {
  it('matches single keys and skips disabled ones', () => {
    const m = createShortcutMatcher(() => list);
    expect(m.press('n', 0)?.description).toBe('note');
    expect(m.press('a', 10)).toBeNull();
  });

  it('matches a two-key sequence only when the second key follows soon', () => {
    const m = createShortcutMatcher(() => list, 1000);
    expect(m.press('g', 0)).toBeNull();
    expect(m.press('q', 500)?.description).toBe('queue');
    expect(m.press('g', 2000)).toBeNull();
    expect(m.press('q', 4000)).toBeNull();
  });

  it('an unrelated key between the two cancels the sequence', () => {
    const m = createShortcutMatcher(() => list, 1000);
    m.press('g', 0);
    expect(m.press('z', 10)).toBeNull();
    expect(m.press('q', 20)).toBeNull();
  });
});

function cat(id: string, name: string, parentId: string | null, over: Partial<Category> = {}): Category {
  return { id, name, parentId, description: '', active: true, sortOrder: 0, version: 1, ...over };
}

describe('category options', () => {
  const cats = [
    cat('b', 'Billing', null, { sortOrder: 2 }),
    cat('s', 'Service', null, { sortOrder: 1 }),
    cat('b1', 'Overcharged', 'b'),
    cat('b2', 'Old', 'b', { active: false }),
  ];

  it('groups children under their top level, top levels in their order, inactive ones hidden', () => {
    expect(categoryOptions(cats)).toEqual([
      { group: 'Service', items: [{ value: 's', label: 'Service (general)' }] },
      {
        group: 'Billing',
        items: [
          { value: 'b', label: 'Billing (general)' },
          { value: 'b1', label: 'Overcharged' },
        ],
      },
    ]);
  });

  it('keeps an inactive category that is already chosen', () => {
    expect(categoryOptions(cats, 'b2')[1]?.items.map((i) => i.value)).toContain('b2');
  });

  it('splits a chosen category into the two selects and labels it', () => {
    expect(splitCategory(cats, 'b1')).toEqual({ top: 'b', sub: 'b1' });
    expect(splitCategory(cats, 's')).toEqual({ top: 's', sub: null });
    expect(splitCategory(cats, 'gone')).toEqual({ top: null, sub: null });
    expect(categoryLabel({ name: 'Overcharged', parentName: 'Billing' })).toBe('Billing › Overcharged');
  });
});
