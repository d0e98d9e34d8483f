import { useState } from 'react';
import { Anchor, Badge, Button, Select, Stack, Table, Text } from '@mantine/core';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import {
  STAKEHOLDER_KINDS,
  type Stakeholder,
  type StakeholderKind,
} from '../../../../contracts/stakeholders.js';
import {
  ActiveBadge,
  ActiveFilter,
  activeParam,
  SearchInput,
  useDebouncedSearch,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { ActionsHeader, ListPage, useEditDialog } from '../../../components/list-page.js';
import { RowActions, useActiveToggle } from '../../../components/row-actions.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useSaveStakeholder, useStakeholderList } from '../api.js';
import { KIND_OPTIONS, StakeholderFormModal } from './StakeholderFormModal.js';

export function StakeholdersPage() {
  const { can } = useCurrentUser();
  const canManage = can('stakeholders:manage');
  const areas = useAllAreas(can('org:read'));
  const { search, setSearch, q } = useDebouncedSearch();
  const [kind, setKind] = useState<StakeholderKind | null>(null);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useStakeholderList({
    q: q || undefined,
    kind: kind ?? undefined,
    areaId: areaId ?? undefined,
    active: activeParam(status),
  });
  const dialog = useEditDialog<Stakeholder>();
  const toggle = useActiveToggle<Stakeholder>({
    save: useSaveStakeholder(),
    noun: 'stakeholder',
    onStale: () => void list.refetch(),
  });

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add stakeholder
    </Button>
  ) : null;

  return (
    <ListPage
      title="Stakeholders"
      description="People and groups you consult or inform about customer service, whether or not they use Verity."
      action={addButton}
      filters={
        <>
          <SearchInput
            label="Search stakeholders"
            placeholder="Name or organisation"
            value={search}
            onChange={setSearch}
          />
          <Select
            label="Filter by kind"
            placeholder="Any kind"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(v) => setKind((v as StakeholderKind | null) ?? null)}
            clearable
            searchable
            w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 240 }}
          />
          {areas.data ? (
            <Select
              label="Filter by area"
              placeholder="Any area"
              data={areas.data.map((a) => ({ value: a.id, label: a.name }))}
              value={areaId}
              onChange={setAreaId}
              clearable
              searchable
              w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 200 }}
            />
          ) : null}
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={list}
      shown={rows.length}
      isFiltered={!!q || !!kind || !!areaId || status !== 'active'}
      emptyIcon={<IconAddressBook size={28} />}
      emptyTitle="The register is empty"
      emptyDescription="Record the people and groups you consult or inform about customer service: staff, managers, committees, customers, suppliers, external organisations."
      noMatchTitle="No stakeholders match"
      noMatchDescription="Try a different search, or clear the filters."
      onClearFilters={() => {
        setSearch('');
        setKind(null);
        setAreaId(null);
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Stakeholder</Table.Th>
          <Table.Th visibleFrom="sm">Kind</Table.Th>
          <Table.Th visibleFrom="md">Business area</Table.Th>
          <Table.Th visibleFrom="lg">Contact</Table.Th>
          <Table.Th>Status</Table.Th>
          {canManage ? <ActionsHeader /> : null}
        </>
      }
      rows={rows.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Td maw={300}>
            <Text size="sm" fw={600}>
              {s.name}
            </Text>
            {s.organisationName ? (
              <Text size="xs" c="dimmed">
                {s.organisationName}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {STAKEHOLDER_KINDS[s.kind]}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Badge variant="light" color="indigo" tt="none">
              {STAKEHOLDER_KINDS[s.kind]}
            </Badge>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Text size="sm" c={s.areaName ? undefined : 'dimmed'}>
              {s.areaName ?? 'Whole organisation'}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="lg">
            <Stack gap={0}>
              {s.email ? (
                <Anchor href={`mailto:${s.email}`} size="sm">
                  {s.email}
                </Anchor>
              ) : null}
              {s.phone ? (
                <Anchor href={`tel:${s.phone.replace(/\s/g, '')}`} size="sm">
                  {s.phone}
                </Anchor>
              ) : null}
              {!s.email && !s.phone ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : null}
            </Stack>
          </Table.Td>
          <Table.Td>
            <ActiveBadge active={s.active} />
          </Table.Td>
          {canManage ? (
            <Table.Td ta="right" w={1}>
              <RowActions
                name={s.name}
                active={s.active}
                onEdit={() => dialog.open(s)}
                onToggleActive={() => toggle.requestToggle(s)}
              />
            </Table.Td>
          ) : null}
        </Table.Tr>
      ))}
    >
      <StakeholderFormModal opened={dialog.opened} stakeholder={dialog.editing} onClose={dialog.close} />
      {toggle.confirmModal(
        'They stay in the register’s history but are no longer offered for consultation. You can reactivate them at any time.',
      )}
    </ListPage>
  );
}
