import { useState } from 'react';
import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { IconArrowsSplit, IconPlus } from '@tabler/icons-react';
import type { AssignmentRule } from '../../../../contracts/cases.js';
import {
  ActiveBadge,
  ActiveFilter,
  matchesActive,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { ActionsHeader, ListPage, useEditDialog } from '../../../components/list-page.js';
import { RowActions, useActiveToggle } from '../../../components/row-actions.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { asListQuery, useAssignmentRules, useSaveAssignmentRule } from '../api.js';
import { AssignmentRuleFormModal, STRATEGIES } from './AssignmentRuleFormModal.js';

type RuleRow = AssignmentRule & { name: string };

function ruleName(r: AssignmentRule): string {
  return `${r.areaName}${r.categoryName ? ` › ${r.categoryName}` : ''} rule`;
}

export function AssignmentRulesPage() {
  const query = useAssignmentRules();
  const areas = useAllAreas();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const dialog = useEditDialog<AssignmentRule>();
  const save = useSaveAssignmentRule();
  const toggle = useActiveToggle<RuleRow>({
    // The toggle's messages name the record; a rule is named by what it covers.
    save: {
      isPending: save.isPending,
      mutate: (vars, options) =>
        save.mutate(vars, {
          onSuccess: (saved) => options.onSuccess({ ...saved, name: ruleName(saved) }),
          onError: options.onError,
        }),
    },
    noun: 'rule',
    onStale: () => void query.refetch(),
  });

  const rows = (query.data ?? [])
    .filter((r) => matchesActive(status, r.active) && (!areaId || r.areaId === areaId))
    .sort(
      (a, b) =>
        a.areaName.localeCompare(b.areaName) ||
        (a.categoryName ?? '').localeCompare(b.categoryName ?? '') ||
        a.teamName.localeCompare(b.teamName),
    )
    .map((r) => ({ ...r, name: ruleName(r) }));

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add rule
    </Button>
  );

  return (
    <ListPage
      title="Assignment rules"
      description="Who new cases go to. A rule sends a business area's cases — or only those in one category — to a team, and picks the member in turn or by the lightest load. The person a complaint is about is never chosen."
      action={addButton}
      filters={
        <>
          <Select
            label="Filter by area"
            placeholder="Any area"
            data={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={areaId}
            onChange={setAreaId}
            clearable
            searchable
            w={{ base: '100%', xs: 240 }}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={asListQuery(query)}
      shown={rows.length}
      isFiltered={!!areaId || status !== 'active'}
      emptyIcon={<IconArrowsSplit size={28} />}
      emptyTitle="No assignment rules yet"
      emptyDescription="Without rules, new cases wait unassigned in the queue until someone picks them up or a supervisor assigns them."
      noMatchTitle="No rules match"
      noMatchDescription="Try another business area, or show inactive rules too."
      onClearFilters={() => {
        setAreaId(null);
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Business area</Table.Th>
          <Table.Th>Category</Table.Th>
          <Table.Th visibleFrom="xs">Team</Table.Th>
          <Table.Th visibleFrom="sm">Strategy</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={rows.map((r) => (
        <Table.Tr key={r.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {r.areaName}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={r.categoryName ? undefined : 'dimmed'}>
              {r.categoryName ?? 'Any category'}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="xs">
            <Text size="sm">{r.teamName}</Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Badge variant="light" color="indigo" tt="none">
              {STRATEGIES[r.strategy].label}
            </Badge>
          </Table.Td>
          <Table.Td>
            <ActiveBadge active={r.active} />
          </Table.Td>
          <Table.Td ta="right" w={1}>
            <RowActions
              name={r.name}
              active={r.active}
              onEdit={() => dialog.open(r)}
              onToggleActive={() => toggle.requestToggle(r)}
            />
          </Table.Td>
        </Table.Tr>
      ))}
    >
      <AssignmentRuleFormModal opened={dialog.opened} rule={dialog.editing} onClose={dialog.close} />
      {toggle.confirmModal(
        'New cases it covers are no longer assigned automatically. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
