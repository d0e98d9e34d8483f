import { useState } from 'react';
import { Badge, Button, Card, Group, Menu, ActionIcon, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import {
  IconBuildingStore,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { Area } from '../../../../contracts/organisation.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import {
  ActiveBadge,
  ActiveFilter,
  activeParam,
  SearchInput,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage, EmptyHint, ErrorState, LoadMore, TableSkeleton } from '../../../components/states.js';
import { isApiError } from '../../../lib/api.js';
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
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useAreaList({ q: q || undefined, active: activeParam(status) });
  const [editing, setEditing] = useState<Area | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [toggling, setToggling] = useState<Area | null>(null);
  const save = useSaveArea();

  const areas = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!q || status !== 'active';

  const openCreate = () => {
    setEditing(null);
    setFormOpen(true);
  };
  const openEdit = (area: Area) => {
    setEditing(area);
    setFormOpen(true);
  };

  const toggleActive = (area: Area) => {
    save.mutate(
      { id: area.id, body: { version: area.version, active: !area.active } },
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
          notifications.show({
            color: isApiError(error) && error.isStaleVersion ? 'orange' : 'red',
            title:
              isApiError(error) && error.isStaleVersion
                ? 'Someone else changed this business area'
                : 'Not saved',
            message:
              isApiError(error) && error.isStaleVersion
                ? 'The list now shows their version. Check it and try again.'
                : errorMessage(error),
          });
          void list.refetch();
        },
      },
    );
  };

  const addButton = canAdd ? (
    <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
      Add business area
    </Button>
  ) : null;

  let body;
  if (list.isPending) body = <TableSkeleton columns={5} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!areas.length && !filtered)
    body = (
      <EmptyHint
        icon={<IconBuildingStore size={28} />}
        title="No business areas yet"
        description="Business areas are the parts of your organisation that serve customers — for example front office, restaurant, online store or contact centre. Teams, staff and every measure belong to one."
        action={addButton}
      />
    );
  else if (!areas.length)
    body = (
      <EmptyHint
        icon={<IconBuildingStore size={28} />}
        title="No business areas match"
        description="Try a different search, or show inactive business areas too."
        action={
          <Button
            variant="default"
            onClick={() => {
              setSearch('');
              setStatus('all');
            }}
          >
            Clear filters
          </Button>
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
                  <Table.Th>Business area</Table.Th>
                  <Table.Th visibleFrom="xs">Code</Table.Th>
                  <Table.Th>Teams</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th visibleFrom="md">Updated</Table.Th>
                  {canManage ? (
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {areas.map((area) => (
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
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            visibleFrom="sm"
                            variant="subtle"
                            size="xs"
                            leftSection={<IconPencil size={14} />}
                            onClick={() => openEdit(area)}
                            aria-label={`Edit ${area.name}`}
                          >
                            Edit
                          </Button>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={`More actions for ${area.name}`}
                              >
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item
                                leftSection={<IconUsersGroup size={14} />}
                                onClick={() => void navigate({ to: '/teams', search: { areaId: area.id } })}
                              >
                                View its teams
                              </Menu.Item>
                              <Menu.Item
                                hiddenFrom="sm"
                                leftSection={<IconPencil size={14} />}
                                onClick={() => openEdit(area)}
                              >
                                Edit
                              </Menu.Item>
                              {area.active ? (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconPlayerPause size={14} />}
                                  onClick={() => setToggling(area)}
                                >
                                  Deactivate
                                </Menu.Item>
                              ) : (
                                <Menu.Item
                                  leftSection={<IconPlayerPlay size={14} />}
                                  onClick={() => toggleActive(area)}
                                >
                                  Reactivate
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        <LoadMore
          shown={areas.length}
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title="Business areas"
        description="The parts of your organisation that serve customers. Teams, staff and measures are grouped by business area."
        // When nothing exists yet the empty state carries the one primary action.
        actions={list.isSuccess && !areas.length && !filtered ? null : addButton}
      />
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
        <SearchInput
          label="Search business areas"
          placeholder="Name or code"
          value={search}
          onChange={setSearch}
        />
        <ActiveFilter value={status} onChange={setStatus} />
      </Group>
      {body}
      <AreaFormModal opened={formOpen} area={editing} onClose={() => setFormOpen(false)} />
      <ConfirmModal
        opened={!!toggling}
        title={toggling ? `Deactivate ${toggling.name}?` : 'Deactivate'}
        confirmLabel="Deactivate"
        loading={save.isPending}
        onClose={() => setToggling(null)}
        onConfirm={() => toggling && toggleActive(toggling)}
      >
        It stays in the records and reports, but no new teams can be added to it. You can reactivate it at any
        time.
      </ConfirmModal>
    </>
  );
}
