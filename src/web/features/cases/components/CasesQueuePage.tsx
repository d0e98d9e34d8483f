import { useMemo, useRef, useState } from 'react';
import { Anchor, Button, Checkbox, Group, Kbd, Stack, Table, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { IconInbox, IconMessagePlus } from '@tabler/icons-react';
import { CHANNELS, type CaseSummary } from '../../../../contracts/cases.js';
import { PagedTable } from '../../../components/list-page.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyHint, ErrorState, TableSkeleton } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useAllAreas, useAllTeams, useAllUsers } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useCaseQueue, useCategories } from '../api.js';
import { categoryLabel } from '../category-options.js';
import { useQueueEvents } from '../hooks/useCaseEvents.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { isFiltered, type QueueSearch } from '../queue-filters.js';
import type { Shortcut } from '../shortcuts.js';
import {
  DeadlineBadge,
  EscalatedBadge,
  PriorityBadge,
  ShortcutsButton,
  ShortcutsHelp,
  StatusBadge,
} from './badges.js';
import { BulkActions } from './BulkActions.js';
import { QueueFilters } from './QueueFilters.js';
import { SavedViews } from './SavedViews.js';

const route = getRouteApi('/app/cases');

/** The staff queue: filters in the URL, saved views, keyset pages, selection with bulk actions. */
export function CasesQueuePage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const { user, can } = useCurrentUser();
  const fmt = useFormat();
  const list = useCaseQueue(search);
  const areas = useAllAreas(can('org:read'));
  const teams = useAllTeams(can('org:read'));
  const users = useAllUsers(can('org:read'));
  const categories = useCategories();
  useQueueEvents();

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState(-1);
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const tableRef = useRef<HTMLDivElement | null>(null);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const references = useMemo(() => new Map(rows.map((r) => [r.id, r.reference])), [rows]);

  const setSearch = (next: QueueSearch) => {
    setSelected(new Set());
    setFocused(-1);
    void navigate({ to: '/cases', search: next, replace: true });
  };

  const focusRow = (index: number) => {
    if (!rows.length) return;
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setFocused(i);
    tableRef.current?.querySelector<HTMLAnchorElement>(`[data-row="${i}"] a`)?.focus();
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const shortcuts: Shortcut[] = [
    { keys: 'j', description: 'Next case', run: () => focusRow(focused + 1) },
    { keys: 'k', description: 'Previous case', run: () => focusRow(focused - 1) },
    {
      keys: 'Enter',
      description: 'Open the highlighted case',
      run: () => {
        const row = rows[focused];
        if (row) void navigate({ to: '/cases/$id', params: { id: row.id } });
      },
    },
    {
      keys: 'x',
      description: 'Select or unselect the highlighted case',
      run: () => {
        const row = rows[focused];
        if (row) toggle(row.id);
      },
    },
    { keys: '/', description: 'Search cases', run: () => searchRef.current?.focus() },
    {
      keys: 'n',
      description: 'Record a new contact',
      run: () => void navigate({ to: '/cases/new' }),
      disabled: !can('cases:create'),
    },
    { keys: '?', description: 'Show these shortcuts', run: () => setHelp(true) },
  ];
  useShortcuts(shortcuts);

  const newButton = can('cases:create') ? (
    <Button component={Link} to="/cases/new" leftSection={<IconMessagePlus size={16} />}>
      New contact
    </Button>
  ) : null;

  const filtered = isFiltered(search) || !!search.view;
  const canBulk = can('cases:assign') || can('cases:update');
  const allShownSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  let body;
  if (list.isPending) body = <TableSkeleton columns={6} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!rows.length && !filtered)
    body = (
      <EmptyHint
        icon={<IconInbox size={28} />}
        title="No cases yet"
        description="Complaints, compliments, suggestions and enquiries appear here as they arrive or as staff record them."
        action={newButton}
      />
    );
  else if (!rows.length)
    body = (
      <EmptyHint
        icon={<IconInbox size={28} />}
        title="No cases match"
        description="Try other filters, or clear them to see every case you can reach."
        action={
          <Button variant="default" onClick={() => setSearch(search.sort ? { sort: search.sort } : {})}>
            Clear filters
          </Button>
        }
      />
    );
  else
    body = (
      <PagedTable
        list={list}
        shown={rows.length}
        cardRef={tableRef}
        minWidth={320}
        highlightOnHover
        verticalSpacing="sm"
        columns={
          <>
            {canBulk ? (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all shown cases"
                  checked={allShownSelected}
                  indeterminate={!allShownSelected && rows.some((r) => selected.has(r.id))}
                  onChange={() => setSelected(allShownSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </Table.Th>
            ) : null}
            <Table.Th>Case</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th visibleFrom="xl">Customer</Table.Th>
            <Table.Th visibleFrom="md">Assignee</Table.Th>
            <Table.Th visibleFrom="lg">Area and category</Table.Th>
            <Table.Th>Deadline</Table.Th>
          </>
        }
      >
        {rows.map((c, i) => (
          <QueueRow
            key={c.id}
            c={c}
            index={i}
            focused={i === focused}
            selectable={canBulk}
            selected={selected.has(c.id)}
            onToggle={() => toggle(c.id)}
            onFocus={() => setFocused(i)}
            fmt={fmt}
          />
        ))}
      </PagedTable>
    );

  return (
    <>
      <PageHeader
        title="Cases"
        description="Complaints, compliments, suggestions and enquiries of your business areas, soonest deadline first."
        actions={
          <>
            <ShortcutsButton onClick={() => setHelp(true)} />
            {list.isSuccess && !rows.length && !filtered ? null : newButton}
          </>
        }
      />
      <SavedViews search={search} onOpen={setSearch} userId={user.id} canApprove={can('cases:approve')} />
      <QueueFilters
        search={search}
        onChange={setSearch}
        searchRef={searchRef}
        areas={areas.data ?? []}
        teams={teams.data ?? []}
        users={users.data ?? []}
        categories={categories.data ?? []}
      />
      <BulkActions
        selected={[...selected]}
        references={references}
        canAssign={can('cases:assign')}
        canClose={can('cases:update')}
        users={users.data ?? []}
        onClear={() => setSelected(new Set())}
        onDone={(failed) => setSelected(new Set(failed))}
      />
      {body}
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} shortcuts={shortcuts} />
      <Text size="xs" c="dimmed" mt="md" visibleFrom="sm">
        Press <Kbd size="xs">?</Kbd> for keyboard shortcuts.
      </Text>
    </>
  );
}

function QueueRow({
  c,
  index,
  focused,
  selectable,
  selected,
  onToggle,
  onFocus,
  fmt,
}: {
  c: CaseSummary;
  index: number;
  focused: boolean;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
  onFocus: () => void;
  fmt: ReturnType<typeof useFormat>;
}) {
  return (
    <Table.Tr
      data-row={index}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={
        focused ? { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: -2 } : undefined
      }
    >
      {selectable ? (
        <Table.Td>
          <Checkbox aria-label={`Select ${c.reference}`} checked={selected} onChange={onToggle} />
        </Table.Td>
      ) : null}
      <Table.Td maw={380} miw={240}>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Anchor
              renderRoot={(props) => <Link {...props} to="/cases/$id" params={{ id: c.id }} />}
              fw={600}
              size="sm"
              ff="monospace"
              onFocus={onFocus}
            >
              {c.reference}
            </Anchor>
            {c.escalated ? <EscalatedBadge /> : null}
          </Group>
          <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {c.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {CHANNELS[c.channel]} · received {fmt.dateTime(c.receivedAt)}
          </Text>
          <Text size="xs" c="dimmed" hiddenFrom="xl" truncate>
            {c.customerMasked ? 'Customer hidden' : c.customerName || 'Customer not given'}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge status={c.status} />
          <PriorityBadge priority={c.priority} />
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom="xl" maw={200}>
        <Text
          size="sm"
          c={c.customerMasked || !c.customerName ? 'dimmed' : undefined}
          fs={c.customerMasked ? 'italic' : undefined}
          truncate
        >
          {c.customerMasked ? 'Hidden' : c.customerName || 'Not given'}
        </Text>
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text size="sm" c={c.assignee ? undefined : 'dimmed'}>
          {c.assignee?.name ?? 'Unassigned'}
        </Text>
      </Table.Td>
      <Table.Td visibleFrom="lg" maw={220}>
        <Text size="sm">{c.area.name}</Text>
        {c.category ? (
          <Text size="xs" c="dimmed" truncate>
            {categoryLabel(c.category)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <DeadlineBadge state={c.deadlineState} dueAt={c.nextDueAt} fmt={fmt} />
      </Table.Td>
    </Table.Tr>
  );
}
