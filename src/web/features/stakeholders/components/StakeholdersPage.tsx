import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
} from '@tabler/icons-react';
import {
  STAKEHOLDER_KINDS,
  type Stakeholder,
  type StakeholderKind,
} from '../../../../contracts/stakeholders.js';
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
import { useSaveStakeholder, useStakeholderList } from '../api.js';
import { KIND_OPTIONS, StakeholderFormModal } from './StakeholderFormModal.js';

export function StakeholdersPage() {
  const { can } = useCurrentUser();
  const canManage = can('stakeholders:manage');
  const areas = useAllAreas(can('org:read'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [kind, setKind] = useState<StakeholderKind | null>(null);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const list = useStakeholderList({
    q: q || undefined,
    kind: kind ?? undefined,
    areaId: areaId ?? undefined,
    active: activeParam(status),
  });
  const [editing, setEditing] = useState<Stakeholder | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [toggling, setToggling] = useState<Stakeholder | null>(null);
  const save = useSaveStakeholder();

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!q || !!kind || !!areaId || status !== 'active';

  const toggleActive = (s: Stakeholder) => {
    save.mutate(
      { id: s.id, body: { version: s.version, active: !s.active } },
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
            title: stale ? 'Someone else changed this stakeholder' : 'Not saved',
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
    >
      Add stakeholder
    </Button>
  ) : null;

  let body;
  if (list.isPending) body = <TableSkeleton columns={5} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!rows.length && !filtered)
    body = (
      <EmptyHint
        icon={<IconAddressBook size={28} />}
        title="The register is empty"
        description="Record the people and groups you consult or inform about customer service: staff, managers, committees, customers, suppliers, external organisations."
        action={addButton}
      />
    );
  else if (!rows.length)
    body = (
      <EmptyHint
        icon={<IconAddressBook size={28} />}
        title="No stakeholders match"
        description="Try a different search, or clear the filters."
        action={
          <Button
            variant="default"
            onClick={() => {
              setSearch('');
              setKind(null);
              setAreaId(null);
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
                  <Table.Th>Stakeholder</Table.Th>
                  <Table.Th visibleFrom="sm">Kind</Table.Th>
                  <Table.Th visibleFrom="md">Business area</Table.Th>
                  <Table.Th visibleFrom="lg">Contact</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {canManage ? (
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
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
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            visibleFrom="sm"
                            variant="subtle"
                            size="xs"
                            leftSection={<IconPencil size={14} />}
                            aria-label={`Edit ${s.name}`}
                            onClick={() => {
                              setEditing(s);
                              setFormOpen(true);
                            }}
                          >
                            Edit
                          </Button>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={`More actions for ${s.name}`}
                              >
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item
                                hiddenFrom="sm"
                                leftSection={<IconPencil size={14} />}
                                onClick={() => {
                                  setEditing(s);
                                  setFormOpen(true);
                                }}
                              >
                                Edit
                              </Menu.Item>
                              {s.active ? (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconPlayerPause size={14} />}
                                  onClick={() => setToggling(s)}
                                >
                                  Deactivate
                                </Menu.Item>
                              ) : (
                                <Menu.Item
                                  leftSection={<IconPlayerPlay size={14} />}
                                  onClick={() => toggleActive(s)}
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
          shown={rows.length}
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title="Stakeholders"
        description="People and groups you consult or inform about customer service, whether or not they use Verity."
        // When nothing exists yet the empty state carries the one primary action.
        actions={list.isSuccess && !rows.length && !filtered ? null : addButton}
      />
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
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
      </Group>
      {body}
      <StakeholderFormModal opened={formOpen} stakeholder={editing} onClose={() => setFormOpen(false)} />
      <ConfirmModal
        opened={!!toggling}
        title={toggling ? `Deactivate ${toggling.name}?` : 'Deactivate'}
        confirmLabel="Deactivate"
        loading={save.isPending}
        onClose={() => setToggling(null)}
        onConfirm={() => toggling && toggleActive(toggling)}
      >
        They stay in the register’s history but are no longer offered for consultation. You can reactivate
        them at any time.
      </ConfirmModal>
    </>
  );
}
