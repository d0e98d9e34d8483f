import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Menu, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate, useSearch } from '@tanstack/react-router';
import {
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { Team } from '../../../../contracts/organisation.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import {
  ActiveBadge,
  ActiveFilter,
  activeParam,
  SearchInput,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyHint, ErrorState, errorMessage, LoadMore, TableSkeleton } from '../../../components/states.js';
import { isApiError } from '../../../lib/api.js';
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
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useTeamList({ q: q || undefined, areaId, active: activeParam(status) });
  const [editing, setEditing] = useState<Team | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const [toggling, setToggling] = useState<Team | null>(null);
  const save = useSaveTeam();

  const teams = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!q || status !== 'active' || !!areaId;
  const selectedArea = areas.data?.find((a) => a.id === areaId);
  const hasActiveAreas = (areas.data ?? []).some((a) => a.active);

  const setArea = (value: string | null) => void navigate({ search: { areaId: value ?? undefined } });

  const toggleActive = (team: Team) => {
    save.mutate(
      { id: team.id, body: { version: team.version, active: !team.active } },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: saved.active ? `${saved.name} is active again.` : `${saved.name} is deactivated.`,
          });
          setToggling(null);
        },
        onError: (error) => {
          setToggling(null);
          const stale = isApiError(error) && error.isStaleVersion;
          notifications.show({
            color: stale ? 'orange' : 'red',
            title: stale ? 'Someone else changed this team' : 'Not saved',
            message: stale
              ? 'The list now shows their version. Check it and try again.'
              : errorMessage(error),
          });
          void list.refetch();
        },
      },
    );
  };

  const addButton = canManage ? (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => {
        setEditing(null);
        setFormOpen(true);
      }}
      disabled={areas.isSuccess && !hasActiveAreas}
      title={areas.isSuccess && !hasActiveAreas ? 'Add a business area first' : undefined}
    >
      Add team
    </Button>
  ) : null;

  let body;
  if (list.isPending) body = <TableSkeleton columns={5} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!teams.length && !filtered)
    body = (
      <EmptyHint
        icon={<IconUsersGroup size={28} />}
        title="No teams yet"
        description={
          hasActiveAreas
            ? 'Teams are the groups people work in inside a business area, such as Reception or Phones. Add the first one.'
            : 'Teams belong to a business area. Add a business area first, then its teams.'
        }
        action={addButton}
      />
    );
  else if (!teams.length)
    body = (
      <EmptyHint
        icon={<IconUsersGroup size={28} />}
        title={selectedArea ? `No teams in ${selectedArea.name} match` : 'No teams match'}
        description="Try a different search or area, or show inactive teams too."
        action={
          <Group gap="sm" justify="center">
            <Button
              variant="default"
              onClick={() => {
                setSearch('');
                setStatus('all');
                setArea(null);
              }}
            >
              Clear filters
            </Button>
            {addButton}
          </Group>
        }
      />
    );
  else
    body = (
      <>
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={300}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Team</Table.Th>
                  <Table.Th visibleFrom="xs">Business area</Table.Th>
                  <Table.Th>Members</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teams.map((team) => (
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
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            visibleFrom="sm"
                            variant="subtle"
                            size="xs"
                            leftSection={<IconPencil size={14} />}
                            onClick={() => {
                              setEditing(team);
                              setFormOpen(true);
                            }}
                            aria-label={`Edit ${team.name}`}
                          >
                            Edit
                          </Button>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={`More actions for ${team.name}`}
                              >
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item
                                hiddenFrom="sm"
                                leftSection={<IconPencil size={14} />}
                                onClick={() => {
                                  setEditing(team);
                                  setFormOpen(true);
                                }}
                              >
                                Edit
                              </Menu.Item>
                              {team.active ? (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconPlayerPause size={14} />}
                                  onClick={() => setToggling(team)}
                                >
                                  Deactivate
                                </Menu.Item>
                              ) : (
                                <Menu.Item
                                  leftSection={<IconPlayerPlay size={14} />}
                                  onClick={() => toggleActive(team)}
                                >
                                  Reactivate
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        <LoadMore
          shown={teams.length}
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title="Teams"
        description="The groups people work in, inside each business area. Open a team's member count to see who is in it."
        // When nothing exists yet the empty state carries the one primary action.
        actions={list.isSuccess && !teams.length && !filtered ? null : addButton}
      />
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
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
      </Group>
      {body}
      <TeamFormModal
        opened={formOpen}
        team={editing}
        defaultAreaId={areaId}
        onClose={() => setFormOpen(false)}
      />
      <TeamMembersDrawer team={membersOf} onClose={() => setMembersOf(null)} />
      <ConfirmModal
        opened={!!toggling}
        title={toggling ? `Deactivate ${toggling.name}?` : 'Deactivate'}
        confirmLabel="Deactivate"
        loading={save.isPending}
        onClose={() => setToggling(null)}
        onConfirm={() => toggling && toggleActive(toggling)}
      >
        The team stays in the records. Its members keep their other teams. You can reactivate it at any time.
      </ConfirmModal>
    </>
  );
}
