import { useState } from 'react';
import { ActionIcon, Box, Button, Group, Menu, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowDown, IconArrowUp, IconCategory, IconPlus, IconSubtask } from '@tabler/icons-react';
import type { Category } from '../../../../contracts/cases.js';
import {
  ActiveBadge,
  ActiveFilter,
  matchesActive,
  SearchInput,
  useDebouncedSearch,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { ActionsHeader, ListPage } from '../../../components/list-page.js';
import { RowActions, useActiveToggle } from '../../../components/row-actions.js';
import { errorMessage } from '../../../components/states.js';
import { api } from '../../../lib/api.js';
import { asListQuery, useCategories, useSaveCategory } from '../api.js';
import { buildCategoryTree, moveCategory, siblingsOf } from '../categories.js';
import { CategoryFormModal } from './CategoryFormModal.js';

/** Saves the new sort orders one by one (each with its version). */
function useMoveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { id: string; version: number; sortOrder: number }[]) => {
      for (const c of changes)
        await api<Category>(`/api/v1/categories/${c.id}`, {
          method: 'PATCH',
          body: { version: c.version, sortOrder: c.sortOrder },
        });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['categories'] }),
  });
}

export function CategoriesPage() {
  const query = useCategories();
  const { search, setSearch, q } = useDebouncedSearch();
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const [dialog, setDialog] = useState<{
    opened: boolean;
    category: Category | null;
    parentId: string | null;
  }>({
    opened: false,
    category: null,
    parentId: null,
  });
  const toggle = useActiveToggle<Category>({
    save: useSaveCategory(),
    noun: 'category',
    onStale: () => void query.refetch(),
  });
  const move = useMoveCategory();

  const items = query.data ?? [];
  const needle = q.toLowerCase();
  const tree = buildCategoryTree(
    items,
    (c) =>
      matchesActive(status, c.active) &&
      (!needle || c.name.toLowerCase().includes(needle) || c.description.toLowerCase().includes(needle)),
  );
  const isFiltered = !!q || status !== 'active';

  const open = (category: Category | null, parentId: string | null = null) =>
    setDialog({ opened: true, category, parentId });

  const reorder = (category: Category, direction: 'up' | 'down') => {
    const changes = moveCategory(items, category.id, direction);
    if (!changes.length || move.isPending) return;
    move.mutate(changes, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `${category.name} moved ${direction}.` });
        // Keep the keyboard on the moved row: the same arrow, or the other one once it reaches the end.
        requestAnimationFrame(() => {
          const button = (d: string) =>
            document.querySelector<HTMLButtonElement>(
              `button[aria-label="${CSS.escape(`Move ${category.name} ${d}`)}"]`,
            );
          const same = button(direction);
          (same && !same.disabled ? same : button(direction === 'up' ? 'down' : 'up'))?.focus();
        });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Not moved', message: errorMessage(e) }),
    });
  };

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)}>
      Add category
    </Button>
  );

  const row = (c: Category, parent: Category | null, isContext = false) => {
    const siblings = siblingsOf(items, c);
    const index = siblings.findIndex((s) => s.id === c.id);
    const isFirst = index === 0;
    const isLast = index === siblings.length - 1;
    const childCount = parent ? 0 : items.filter((i) => i.parentId === c.id).length;
    return (
      <Table.Tr key={c.id} style={isContext ? { opacity: 0.75 } : undefined}>
        <Table.Td>
          <Group gap={8} wrap="nowrap" pl={parent ? 28 : 0}>
            {parent ? <IconSubtask size={16} aria-hidden color="var(--mantine-color-dimmed)" /> : null}
            <Box style={{ minWidth: 0 }}>
              <Text size="sm" fw={parent ? 500 : 700}>
                {parent ? <span className="visually-hidden">Sub-category of {parent.name}: </span> : null}
                {c.name}
              </Text>
              {c.description ? (
                <Text size="xs" c="dimmed" lineClamp={2} maw={480}>
                  {c.description}
                </Text>
              ) : null}
            </Box>
          </Group>
        </Table.Td>
        <Table.Td visibleFrom="sm">
          <Text size="sm" c="dimmed">
            {parent ? '' : `${childCount} ${childCount === 1 ? 'sub-category' : 'sub-categories'}`}
          </Text>
        </Table.Td>
        <Table.Td visibleFrom="sm">
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${c.name} up`}
              disabled={isFirst}
              onClick={() => reorder(c, 'up')}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${c.name} down`}
              disabled={isLast}
              onClick={() => reorder(c, 'down')}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
          </Group>
        </Table.Td>
        <Table.Td>
          <ActiveBadge active={c.active} />
        </Table.Td>
        <Table.Td ta="right" w={1}>
          <RowActions
            name={c.name}
            active={c.active}
            onEdit={() => open(c)}
            onToggleActive={() => toggle.requestToggle(c)}
            menuItems={
              <>
                {parent ? null : (
                  <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => open(null, c.id)}>
                    Add sub-category
                  </Menu.Item>
                )}
                <Menu.Item
                  hiddenFrom="sm"
                  leftSection={<IconArrowUp size={14} />}
                  disabled={isFirst}
                  onClick={() => reorder(c, 'up')}
                >
                  Move up
                </Menu.Item>
                <Menu.Item
                  hiddenFrom="sm"
                  leftSection={<IconArrowDown size={14} />}
                  disabled={isLast}
                  onClick={() => reorder(c, 'down')}
                >
                  Move down
                </Menu.Item>
              </>
            }
          />
        </Table.Td>
      </Table.Tr>
    );
  };

  return (
    <ListPage
      title="Case categories"
      description="What cases are about, in two levels: a category and its sub-categories. Staff choose one when they record a case; reports and trends group by them. Deactivated categories stay on past cases."
      action={addButton}
      filters={
        <>
          <SearchInput
            label="Search categories"
            placeholder="Name or description"
            value={search}
            onChange={setSearch}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={asListQuery(query)}
      shown={tree.reduce((n, node) => n + 1 + node.children.length, 0)}
      isFiltered={isFiltered}
      emptyIcon={<IconCategory size={28} />}
      emptyTitle="No categories yet"
      emptyDescription="Categories say what a case is about — for example billing, staff conduct or product quality — so you can see where problems cluster."
      noMatchTitle="No categories match"
      noMatchDescription="Try a different search, or show inactive categories too."
      onClearFilters={() => {
        setSearch('');
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Category</Table.Th>
          <Table.Th visibleFrom="sm">Contains</Table.Th>
          <Table.Th visibleFrom="sm">Order</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={tree.flatMap((node) => [
        row(node.category, null, node.isContext),
        ...node.children.map((child) => row(child, node.category)),
      ])}
    >
      <CategoryFormModal
        opened={dialog.opened}
        category={dialog.category}
        parentId={dialog.parentId}
        categories={items}
        onClose={() => setDialog((d) => ({ ...d, opened: false }))}
      />
      {toggle.confirmModal(
        'It stays on the cases that already use it, but staff can no longer choose it for new cases. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
