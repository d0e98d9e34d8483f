import { useState } from 'react';
import { Badge, Button, Card, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconShieldLock, IconWorld } from '@tabler/icons-react';
import type { Role } from '../../../../contracts/identity.js';
import { isPermission, PERMISSIONS } from '../../../../contracts/permissions.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyHint, ErrorState, TableSkeleton } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useRoles } from '../../../lib/reference-data.js';
import { RoleDrawer } from './RoleDrawer.js';

export function RolesPage() {
  const fmt = useFormat();
  const roles = useRoles();
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);

  const addButton = (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => {
        setEditing(null);
        setOpen(true);
      }}
    >
      Add role
    </Button>
  );

  let body;
  if (roles.isPending) body = <TableSkeleton columns={5} />;
  else if (roles.isError) body = <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  else if (!roles.data.length)
    body = (
      <EmptyHint
        icon={<IconShieldLock size={28} />}
        title="No roles"
        description="Roles say what people may do and up to what amount."
        action={addButton}
      />
    );
  else
    body = (
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={860}>
          <Table highlightOnHover verticalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th ta="right">Authority limit</Table.Th>
                <Table.Th>Reach</Table.Th>
                <Table.Th ta="right">People</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td maw={280}>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {role.name}
                      </Text>
                      {role.isSystem ? (
                        <Badge size="xs" color="gray" variant="outline">
                          Built-in
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {role.description}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Group gap={4}>
                      {role.permissions.map((p) => (
                        <Tooltip
                          key={p}
                          label={isPermission(p) ? PERMISSIONS[p] : p}
                          withArrow
                          multiline
                          maw={260}
                        >
                          <Badge size="sm" variant="light" color="gray" tt="none" ff="monospace" tabIndex={0}>
                            {p}
                          </Badge>
                        </Tooltip>
                      ))}
                      {!role.permissions.length ? (
                        <Text size="xs" c="dimmed">
                          None
                        </Text>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.money(role.authorityLimitCents)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {role.allAreas ? (
                      <Badge color="violet" leftSection={<IconWorld size={12} />} tt="none">
                        All areas
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Own areas
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{role.userCount}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconPencil size={14} />}
                      aria-label={`Edit ${role.name}`}
                      onClick={() => {
                        setEditing(role);
                        setOpen(true);
                      }}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    );

  return (
    <>
      <PageHeader
        title="Roles"
        description="What each role may do, and the authority limit: the most a person may refund, credit or compensate without approval."
        actions={addButton}
      />
      {body}
      <RoleDrawer opened={open} role={editing} onClose={() => setOpen(false)} />
    </>
  );
}
