import { useState } from 'react';
import { Badge, Button, Select, Stack, Table, Text } from '@mantine/core';
import { IconHourglass, IconPlus } from '@tabler/icons-react';
import {
  PRIORITIES,
  PRIORITY_ORDER,
  type DeadlinePolicy,
  type Priority,
} from '../../../../contracts/cases.js';
import {
  ActiveBadge,
  ActiveFilter,
  matchesActive,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { ActionsHeader, ListPage, useEditDialog } from '../../../components/list-page.js';
import { RowActions, useActiveToggle } from '../../../components/row-actions.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { asListQuery, useDeadlinePolicies, useSaveDeadlinePolicy } from '../api.js';
import { formatMinutes, type Target } from '../durations.js';
import { DeadlinePolicyFormModal } from './DeadlinePolicyFormModal.js';

type PolicyRow = DeadlinePolicy & { name: string };

const ALL_AREAS = 'all';

const PRIORITY_COLOURS: Record<Priority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  urgent: 'red',
};

function policyName(p: DeadlinePolicy): string {
  return `${p.areaName ?? 'All areas'} ${PRIORITIES[p.priority].toLowerCase()} priority${p.categoryName ? ` (${p.categoryName})` : ''} policy`;
}

/** A target in a table cell: the amount, and what it is measured in underneath. */
function TargetCell({ target }: { target: Target }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
        {target.kind === 'calendarDays'
          ? `${target.value} ${target.value === 1 ? 'day' : 'days'}`
          : formatMinutes(target.value)}
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {target.kind === 'calendarDays' ? 'calendar' : 'working time'}
      </Text>
    </Stack>
  );
}

export function DeadlinePoliciesPage() {
  const query = useDeadlinePolicies();
  const areas = useAllAreas();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const dialog = useEditDialog<DeadlinePolicy>();
  const save = useSaveDeadlinePolicy();
  const toggle = useActiveToggle<PolicyRow>({
    save: {
      isPending: save.isPending,
      mutate: (vars, options) =>
        save.mutate(vars, {
          onSuccess: (saved) => options.onSuccess({ ...saved, name: policyName(saved) }),
          onError: options.onError,
        }),
    },
    noun: 'policy',
    onStale: () => void query.refetch(),
  });

  const rows: PolicyRow[] = (query.data ?? [])
    .filter(
      (p) =>
        matchesActive(status, p.active) &&
        (!areaId || (areaId === ALL_AREAS ? p.areaId === null : p.areaId === areaId)),
    )
    .sort(
      (a, b) =>
        // "All areas" first, then areas by name; within each, priorities from low to urgent.
        Number(a.areaId !== null) - Number(b.areaId !== null) ||
        (a.areaName ?? '').localeCompare(b.areaName ?? '') ||
        PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority) ||
        (a.categoryName ?? '').localeCompare(b.categoryName ?? ''),
    )
    .map((p) => ({ ...p, name: policyName(p) }));

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add policy
    </Button>
  );

  return (
    <ListPage
      title="Deadline policies"
      description="Service level targets for acknowledging, first responding to and resolving cases, by business area and priority (and, if needed, category). Working hours follow the area's business calendar; calendar days count every day. The most specific policy applies: area and category, then area, then all areas."
      action={addButton}
      filters={
        <>
          <Select
            label="Filter by area"
            placeholder="Any area"
            data={[
              { value: ALL_AREAS, label: 'All areas (the default policies)' },
              ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
            ]}
            value={areaId}
            onChange={setAreaId}
            clearable
            searchable
            w={{ base: '100%', xs: 280 }}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={asListQuery(query)}
      shown={rows.length}
      isFiltered={!!areaId || status !== 'active'}
      emptyIcon={<IconHourglass size={28} />}
      emptyTitle="No deadline policies yet"
      emptyDescription="Without a policy, cases have no deadlines: no clocks, no warnings, no escalation. Start with one policy per priority for all areas."
      noMatchTitle="No policies match"
      noMatchDescription="Try another business area, or show inactive policies too."
      onClearFilters={() => {
        setAreaId(null);
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Applies to</Table.Th>
          <Table.Th>Priority</Table.Th>
          <Table.Th visibleFrom="md">Acknowledgement</Table.Th>
          <Table.Th visibleFrom="md">First response</Table.Th>
          <Table.Th>Resolution</Table.Th>
          <Table.Th visibleFrom="sm">Warning at</Table.Th>
          <Table.Th visibleFrom="xs">Status</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={rows.map((p) => (
        <Table.Tr key={p.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {p.areaName ?? 'All areas'}
            </Text>
            <Text size="xs" c="dimmed">
              {p.categoryName ?? 'Any category'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color={PRIORITY_COLOURS[p.priority]} tt="none">
              {PRIORITIES[p.priority]}
            </Badge>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <TargetCell target={p.acknowledgement} />
          </Table.Td>
          <Table.Td visibleFrom="md">
            <TargetCell target={p.firstResponse} />
          </Table.Td>
          <Table.Td>
            <TargetCell target={p.resolution} />
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{p.warningPercent}%</Text>
          </Table.Td>
          <Table.Td visibleFrom="xs">
            <ActiveBadge active={p.active} />
          </Table.Td>
          <Table.Td ta="right" w={1}>
            <RowActions
              name={p.name}
              active={p.active}
              onEdit={() => dialog.open(p)}
              onToggleActive={() => toggle.requestToggle(p)}
            />
          </Table.Td>
        </Table.Tr>
      ))}
    >
      <DeadlinePolicyFormModal opened={dialog.opened} policy={dialog.editing} onClose={dialog.close} />
      {toggle.confirmModal(
        'Cases already running keep their deadlines. New cases it covers fall back to a less specific policy, or get no deadlines. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
