import { Drawer, Group, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import type { Team } from '../../../../contracts/organisation.js';
import { UserStatusBadge } from '../../../components/UserStatusBadge.js';
import { CardsSkeleton, EmptyHint, ErrorState, LoadMore } from '../../../components/states.js';
import { useTeamMembers } from '../api.js';

/** Who is in a team (GET /api/v1/users?teamId=…). Membership is edited on each person. */
export function TeamMembersDrawer({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const members = useTeamMembers(team?.id ?? null);
  const people = members.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer opened={!!team} onClose={onClose} title={team ? `${team.name} — members` : 'Members'}>
      {team ? (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {team.areaName}. To add or remove someone, edit their teams on the People page.
          </Text>
          {members.isPending ? (
            <CardsSkeleton count={3} />
          ) : members.isError ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : people.length === 0 ? (
            <EmptyHint
              icon={<IconUsers size={28} />}
              title="No members yet"
              description="Add people to this team from the People page: open a person and choose their teams."
            />
          ) : (
            <>
              <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {people.map((person) => (
                  <Group
                    key={person.id}
                    component="li"
                    justify="space-between"
                    py="sm"
                    wrap="nowrap"
                    style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                  >
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {person.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {person.jobTitle || person.roleName} · {person.email}
                      </Text>
                    </Stack>
                    <UserStatusBadge status={person.status} />
                  </Group>
                ))}
              </Stack>
              <LoadMore
                shown={people.length}
                hasMore={!!members.hasNextPage}
                loading={members.isFetchingNextPage}
                onLoadMore={() => void members.fetchNextPage()}
              />
            </>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
