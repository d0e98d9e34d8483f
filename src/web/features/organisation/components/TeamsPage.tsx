import { useState } from 'react';
import { Button, Select, Table, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { IconPlus, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import type { Team } from '../../../../contracts/organisation.js';
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
import { useSaveTeam, useTeamList } from '../api.js';
import { TeamFormModal } from './TeamFormModal.js';
import { TeamMembersDrawer } from './TeamMembersDrawer.js';

export function TeamsPage() {
  const { can } = useCurrentUser();
  const canManage = can('org:manage');
  const { areaId } = useSearch({ from: '/app/teams' });
  const navigate = useNavigate({ from: '/teams' });
  const areas = useAllAreas();
  const { search, setSearch, q } = useDebouncedSearch();
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useTeamList({ q: q || undefined, areaId, active: activeParam(status) });
  const dialog = useEditDialog<Team>();
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const toggle = useActiveToggle<Team>({
    save: useSaveTeam(),
    noun: 'team',
    onStale: () => void list.refetch(),
  });

  const teams = list.data?.pages.flatMap((p) => p.items) ?? [];
  const selectedArea = areas.data?.find((a) => a.id === areaId);
  const hasActiveAreas = (areas.data ?? []).some((a) => a.active);

  const setArea = (value: string | null) => void navigate({ search: { areaId: value ?? undefined } });

  const addButton = canManage ? (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => dialog.open(null)}
      disabled={areas.isSuccess && !hasActiveAreas}
      title={areas.isSuccess && !hasActiveAreas ? 'Add a business area first' : undefined}
    >
      Add team
    </Button>
  ) : null;

  return (
    <ListPage
      title="Teams"
      description="The groups people work in, inside each business area. Open a team's member count to see who is in it."
      action={addButton}
      filters={
        <>
          <SearchInput label="Search teams" placeholder="Team name" value={search} onChange={setSearch} />
          <Select
            label="Area"
            placeholder="All areas"
            data={(areas.data ?? []).map((a) => ({
              value: a.id,
              label: a.active ? a.name : `${a.name} (inactive)`,
            }))}
            value={areaId ?? null}
            onChange={setArea}
            clearable
            searchable
            w={{ base: '100%', xs: 240 }}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={list}
      shown={teams.length}
      isFiltered={!!q || status !== 'active' || !!areaId}
      emptyIcon={<IconUsersGroup size={28} />}
      emptyTitle="No teams yet"
      emptyDescription={
        hasActiveAreas
          ? 'Teams are the groups people work in inside a business area, such as Reception or Phones. Add the first one.'
          : 'Teams belong to a business area. Add a business area first, then its teams.'
      }
      noMatchTitle={selectedArea ? `No teams in ${selectedArea.name} match` : 'No teams match'}
      noMatchDescription="Try a different search or area, or show inactive teams too."
      onClearFilters={() => {
        setSearch('');
        setStatus('all');
        setArea(null);
      }}
      noMatchAction={addButton}
      columns={
        <>
          <Table.Th>Team</Table.Th>
          <Table.Th visibleFrom="xs">Business area</Table.Th>
          <Table.Th>Members</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={teams.map((team) => (
        <Table.Tr key={team.id}>
          <Table.Td>
            <Text fw={600} size="sm">
              {team.name}
            </Text>
            {team.description ? (
              <Text size="xs" c="dimmed" lineClamp={2} maw={380}>
                {team.description}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td visibleFrom="xs">
            <Text size="sm">{team.areaName}</Text>
          </Table.Td>
          <Table.Td>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconUsers size={14} />}
              onClick={() => setMembersOf(team)}
              aria-label={`${team.memberCount} members of ${team.name}`}
            >
              {team.memberCount}
            </Button>
          </Table.Td>
          <Table.Td>
            <ActiveBadge active={team.active} />
          </Table.Td>
          <Table.Td ta="right">
            {canManage ? (
              <RowActions
                name={team.name}
                active={team.active}
                onEdit={() => dialog.open(team)}
                onToggleActive={() => toggle.requestToggle(team)}
              />
            ) : null}
          </Table.Td>
        </Table.Tr>
      ))}
    >
      <TeamFormModal
        opened={dialog.opened}
        team={dialog.editing}
        defaultAreaId={areaId}
        onClose={dialog.close}
      />
      <TeamMembersDrawer team={membersOf} onClose={() => setMembersOf(null)} />
      {toggle.confirmModal(
        'The team stays in the records. Its members keep their other teams. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
