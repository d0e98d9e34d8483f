import { useState } from 'react';
import { Badge, Button, Menu, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { IconBuildingStore, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import type { Area } from '../../../../contracts/organisation.js';
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
import { useFormat } from '../../../lib/format.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useAreaList, useSaveArea } from '../api.js';
import { AreaFormModal } from './AreaFormModal.js';

export function AreasPage() {
  const navigate = useNavigate();
  const { can, user } = useCurrentUser();
  const fmt = useFormat();
  const canManage = can('org:manage');
  const canAdd = canManage && user.allAreas;
  const { search, setSearch, q } = useDebouncedSearch();
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useAreaList({ q: q || undefined, active: activeParam(status) });
  const dialog = useEditDialog<Area>();
  const toggle = useActiveToggle<Area>({
    save: useSaveArea(),
    noun: 'business area',
    onStale: () => void list.refetch(),
  });

  const areas = list.data?.pages.flatMap((p) => p.items) ?? [];

  const addButton = canAdd ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add business area
    </Button>
  ) : null;

  return (
    <ListPage
      title="Business areas"
      description="The parts of your organisation that serve customers. Teams, staff and measures are grouped by business area."
      action={addButton}
      filters={
        <>
          <SearchInput
            label="Search business areas"
            placeholder="Name or code"
            value={search}
            onChange={setSearch}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={list}
      shown={areas.length}
      isFiltered={!!q || status !== 'active'}
      emptyIcon={<IconBuildingStore size={28} />}
      emptyTitle="No business areas yet"
      emptyDescription="Business areas are the parts of your organisation that serve customers — for example front office, restaurant, online store or contact centre. Teams, staff and every measure belong to one."
      noMatchTitle="No business areas match"
      noMatchDescription="Try a different search, or show inactive business areas too."
      onClearFilters={() => {
        setSearch('');
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Business area</Table.Th>
          <Table.Th visibleFrom="xs">Code</Table.Th>
          <Table.Th>Teams</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th visibleFrom="md">Updated</Table.Th>
          {canManage ? <ActionsHeader /> : null}
        </>
      }
      rows={areas.map((area) => (
        <Table.Tr key={area.id}>
          <Table.Td>
            <Text fw={600} size="sm">
              {area.name}
            </Text>
            {area.description ? (
              <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                {area.description}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td visibleFrom="xs">
            <Badge variant="outline" color="gray" ff="monospace">
              {area.code}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {area.teamCount} {area.teamCount === 1 ? 'team' : 'teams'}
            </Text>
          </Table.Td>
          <Table.Td>
            <ActiveBadge active={area.active} />
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Text size="sm" c="dimmed">
              {fmt.date(area.updatedAt)}
            </Text>
          </Table.Td>
          {canManage ? (
            <Table.Td ta="right" w={1}>
              <RowActions
                name={area.name}
                active={area.active}
                onEdit={() => dialog.open(area)}
                onToggleActive={() => toggle.requestToggle(area)}
                menuItems={
                  <Menu.Item
                    leftSection={<IconUsersGroup size={14} />}
                    onClick={() => void navigate({ to: '/teams', search: { areaId: area.id } })}
                  >
                    View its teams
                  </Menu.Item>
                }
              />
            </Table.Td>
          ) : null}
        </Table.Tr>
      ))}
    >
      <AreaFormModal opened={dialog.opened} area={dialog.editing} onClose={dialog.close} />
      {toggle.confirmModal(
        'It stays in the records and reports, but no new teams can be added to it. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
