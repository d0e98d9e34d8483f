import { useState } from 'react';
import { Avatar, Badge, Box, Button, Group, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconPencil, IconUserPlus, IconUsers, IconWorld } from '@tabler/icons-react';
import type { User } from '../../../../contracts/identity.js';
import { SearchInput, useDebouncedSearch } from '../../../components/filters.js';
import { ActionsHeader, ListPage } from '../../../components/list-page.js';
import { useFormat } from '../../../lib/format.js';
import { useAllAreas, useAllTeams, useRoles } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useUserList, type UserFilters } from '../api.js';
import { InviteModal } from './InviteModal.js';
import { PersonDrawer } from './PersonDrawer.js';
import { UserStatusBadge } from '../../../components/UserStatusBadge.js';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invited' },
  { value: 'deactivated', label: 'Deactivated' },
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

export function PeoplePage() {
  const { can } = useCurrentUser();
  const fmt = useFormat();
  const canManage = can('users:manage');
  const roles = useRoles();
  const areas = useAllAreas();
  const teams = useAllTeams();
  const { search, setSearch, q } = useDebouncedSearch();
  const [status, setStatus] = useState<UserFilters['status'] | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [areaId, setAreaId] = useState<string | null>(null);
  const list = useUserList({
    q: q || undefined,
    status: status ?? undefined,
    roleId: roleId ?? undefined,
    areaId: areaId ?? undefined,
  });
  const [inviting, setInviting] = useState(false);
  const [selected, setSelected] = useState<User | null>(null);

  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  const areaName = new Map((areas.data ?? []).map((a) => [a.id, a.name]));
  const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));

  const inviteButton = canManage ? (
    <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
      Invite person
    </Button>
  ) : null;

  return (
    <ListPage
      title="People"
      description="Staff of your business areas: their roles, areas and teams. Invite new people by email."
      action={inviteButton}
      filters={
        <>
          <SearchInput
            label="Search people"
            placeholder="Name, email or job title"
            value={search}
            onChange={setSearch}
          />
          <Select
            label="Filter by status"
            placeholder="Any status"
            data={STATUS_OPTIONS}
            value={status ?? null}
            onChange={(v) => setStatus((v as UserFilters['status']) ?? null)}
            clearable
            w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 170 }}
          />
          <Select
            label="Filter by role"
            placeholder="Any role"
            data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={roleId}
            onChange={setRoleId}
            clearable
            w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 230 }}
          />
          <Select
            label="Filter by area"
            placeholder="Any area"
            data={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={areaId}
            onChange={setAreaId}
            clearable
            searchable
            w={{ base: 'calc(50% - var(--mantine-spacing-md) / 2)', xs: 200 }}
          />
        </>
      }
      list={list}
      shown={people.length}
      isFiltered={!!q || !!status || !!roleId || !!areaId}
      emptyIcon={<IconUsers size={28} />}
      emptyTitle="Nobody here yet"
      emptyDescription="Invite the people who handle customer service: officers, team leaders and managers. They get an email to choose a password."
      noMatchTitle="Nobody matches"
      noMatchDescription="Try a different search, or clear the filters."
      onClearFilters={() => {
        setSearch('');
        setStatus(null);
        setRoleId(null);
        setAreaId(null);
      }}
      columns={
        <>
          <Table.Th>Person</Table.Th>
          <Table.Th visibleFrom="sm">Role</Table.Th>
          <Table.Th visibleFrom="md">Business areas and teams</Table.Th>
          <Table.Th visibleFrom="xs">Status</Table.Th>
          <Table.Th visibleFrom="lg">Last sign-in</Table.Th>
          <ActionsHeader visibleFrom="sm" />
        </>
      }
      rows={people.map((person) => (
        <Table.Tr key={person.id}>
          <Table.Td>
            <UnstyledButton onClick={() => setSelected(person)} aria-label={`Open ${person.name}`}>
              <Group gap="sm" wrap="nowrap">
                <Avatar size={36} radius="xl" color="teal" aria-hidden>
                  {initials(person.name)}
                </Avatar>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {person.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {person.email}
                  </Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {person.roleName}
                  </Text>
                  <Box hiddenFrom="xs" mt={4}>
                    <UserStatusBadge status={person.status} />
                  </Box>
                </Stack>
              </Group>
            </UnstyledButton>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{person.roleName}</Text>
            {person.jobTitle && person.jobTitle !== person.roleName ? (
              <Text size="xs" c="dimmed">
                {person.jobTitle}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Group gap={4} maw={320}>
              {person.allAreas ? (
                <Badge color="violet" variant="light" leftSection={<IconWorld size={12} />} tt="none">
                  All areas
                </Badge>
              ) : null}
              {(person.allAreas ? [] : person.areaIds).map((id) => (
                <Badge key={id} variant="default">
                  {areaName.get(id) ?? '…'}
                </Badge>
              ))}
            </Group>
            {person.teamIds.length ? (
              <Text size="xs" c="dimmed" mt={4} lineClamp={2} maw={320}>
                {person.teamIds.map((id) => teamName.get(id) ?? '…').join(', ')}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td visibleFrom="xs">
            <UserStatusBadge status={person.status} />
          </Table.Td>
          <Table.Td visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
            <Text size="sm" c="dimmed">
              {person.lastSignInAt ? fmt.dateTime(person.lastSignInAt) : 'Never'}
            </Text>
          </Table.Td>
          <Table.Td ta="right" visibleFrom="sm">
            <Button
              variant="subtle"
              size="xs"
              leftSection={canManage ? <IconPencil size={14} /> : undefined}
              onClick={() => setSelected(person)}
              aria-label={`${canManage ? 'Edit' : 'View'} ${person.name}`}
            >
              {canManage ? 'Edit' : 'View'}
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    >
      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
      <PersonDrawer person={selected} onClose={() => setSelected(null)} />
    </ListPage>
  );
}
