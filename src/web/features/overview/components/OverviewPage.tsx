import type { ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import {
  IconAddressBook,
  IconBuildingStore,
  IconCheck,
  IconCoin,
  IconMailForward,
  IconPlus,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { PERMISSIONS, isPermission } from '../../../../contracts/permissions.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useAllAreas, useAllTeams } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useActivePeopleCount, useInvitedPeopleCount, useStakeholderCount, type Count } from '../api.js';

function StatCard({
  label,
  value,
  icon,
  hint,
}: {
  label: string;
  value: ReactNode;
  icon: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed" fw={500}>
            {label}
          </Text>
          <Text fz={30} fw={700} lh={1.2}>
            {value}
          </Text>
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
        <ThemeIcon variant="light" size={44} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function countText(c: Count | undefined, loading: boolean): ReactNode {
  if (loading || !c) return <Skeleton height={30} width={48} mt={4} />;
  return `${c.count}${c.more ? '+' : ''}`;
}

export function OverviewPage() {
  const { user, organisation, can } = useCurrentUser();
  const fmt = useFormat();
  const canReadOrg = can('org:read');
  const areas = useAllAreas(canReadOrg);
  const teams = useAllTeams(canReadOrg);
  const active = useActivePeopleCount(canReadOrg);
  const invited = useInvitedPeopleCount(canReadOrg && can('users:manage'));
  const stakeholders = useStakeholderCount(can('stakeholders:read'));

  const activeAreas = areas.data?.filter((a) => a.active) ?? [];
  const activeTeams = teams.data?.filter((t) => t.active) ?? [];
  const myAreas = user.allAreas ? activeAreas : activeAreas.filter((a) => user.areaIds.includes(a.id));
  const myTeams = (teams.data ?? []).filter((t) => user.teamIds.includes(t.id));
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  const myPermissions = user.permissions.filter(isPermission);

  return (
    <>
      <PageHeader
        title="Overview"
        description={`Welcome, ${firstName}. Here is ${organisation?.name ?? 'your organisation'} at a glance.`}
      />
      <Stack gap="lg">
        {canReadOrg && areas.isError ? (
          <ErrorState error={areas.error} onRetry={() => void areas.refetch()} />
        ) : null}

        {canReadOrg && areas.data && areas.data.length === 0 && can('org:manage') ? (
          <Card withBorder padding="lg" bg="var(--mantine-primary-color-light)">
            <Group justify="space-between" wrap="wrap" gap="md">
              <Stack gap={2}>
                <Title order={2} fz="lg">
                  Start with your business areas
                </Title>
                <Text size="sm" c="dimmed" maw={560}>
                  Business areas (for example front office, restaurant, online store) are how Verity groups
                  teams, staff and everything measured later. Add one, then its teams, then invite people.
                </Text>
              </Stack>
              <Button component={Link} to="/areas" leftSection={<IconPlus size={16} />}>
                Add business area
              </Button>
            </Group>
          </Card>
        ) : null}

        {canReadOrg || can('stakeholders:read') ? (
          <section aria-labelledby="overview-counts">
            <Title order={2} fz="lg" mb="sm" id="overview-counts">
              Your organisation in numbers
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
              {canReadOrg ? (
                <>
                  <StatCard
                    label="Business areas"
                    value={areas.isPending ? countText(undefined, true) : activeAreas.length}
                    icon={<IconBuildingStore size={24} />}
                    hint={
                      areas.data && areas.data.length > activeAreas.length
                        ? `${areas.data.length - activeAreas.length} inactive`
                        : 'active'
                    }
                  />
                  <StatCard
                    label="Teams"
                    value={teams.isPending ? countText(undefined, true) : activeTeams.length}
                    icon={<IconUsersGroup size={24} />}
                    hint="active"
                  />
                  <StatCard
                    label="People"
                    value={countText(active.data, active.isPending)}
                    icon={<IconUsers size={24} />}
                    hint={
                      invited.data && invited.data.count > 0 ? (
                        <Group gap={4} component="span">
                          <IconMailForward size={12} aria-hidden />
                          {`${invited.data.count}${invited.data.more ? '+' : ''} invited, not yet joined`}
                        </Group>
                      ) : (
                        'active'
                      )
                    }
                  />
                </>
              ) : null}
              {can('stakeholders:read') ? (
                <StatCard
                  label="Stakeholders"
                  value={countText(stakeholders.data, stakeholders.isPending)}
                  icon={<IconAddressBook size={24} />}
                  hint="in the register"
                />
              ) : null}
            </SimpleGrid>
          </section>
        ) : null}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Card withBorder padding="lg" component="section" aria-labelledby="overview-you">
            <Title order={2} fz="lg" id="overview-you" mb="md">
              Your role
            </Title>
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Role
                </Text>
                <Badge size="lg" variant="light">
                  {user.roleName}
                </Badge>
              </Group>
              <Group justify="space-between" wrap="nowrap">
                <Group gap={6}>
                  <IconCoin size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    Authority limit
                  </Text>
                </Group>
                <Text fw={600}>{fmt.money(user.authorityLimitCents)}</Text>
              </Group>
              <Text size="xs" c="dimmed">
                {user.authorityLimitCents > 0
                  ? `You may decide refunds, credits and compensation up to ${fmt.money(user.authorityLimitCents)} on your own; above that needs approval.`
                  : 'Refunds, credits and compensation you propose need approval from someone with an authority limit.'}
              </Text>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Reach
                </Text>
                <Text size="sm" fw={500}>
                  {user.allAreas
                    ? 'All business areas'
                    : `${user.areaIds.length} business area${user.areaIds.length === 1 ? '' : 's'}`}
                </Text>
              </Group>
            </Stack>
            {myPermissions.length ? (
              <>
                <Text size="sm" fw={600} mt="lg" mb="xs">
                  What you can do
                </Text>
                <List
                  size="sm"
                  spacing={4}
                  icon={
                    <ThemeIcon size={18} radius="xl" variant="light" aria-hidden>
                      <IconCheck size={12} />
                    </ThemeIcon>
                  }
                >
                  {myPermissions.map((p) => (
                    <List.Item key={p}>{PERMISSIONS[p]}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </Card>

          <Stack gap="md">
            {canReadOrg ? (
              <Card withBorder padding="lg" component="section" aria-labelledby="overview-areas">
                <Title order={2} fz="lg" id="overview-areas" mb="md">
                  Your business areas
                </Title>
                {areas.isPending ? (
                  <Stack gap="xs">
                    <Skeleton height={18} />
                    <Skeleton height={18} />
                  </Stack>
                ) : myAreas.length ? (
                  <Stack gap="xs">
                    {myAreas.map((a) => (
                      <Group key={a.id} justify="space-between" wrap="nowrap">
                        <Group gap="xs" wrap="nowrap">
                          <Badge variant="outline" size="sm" ff="monospace">
                            {a.code}
                          </Badge>
                          <Text size="sm">{a.name}</Text>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {a.teamCount} team{a.teamCount === 1 ? '' : 's'}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {user.allAreas
                      ? 'No business areas yet.'
                      : 'You are not in any business area yet. An administrator can add you to one.'}
                  </Text>
                )}
              </Card>
            ) : null}
            <Card withBorder padding="lg" component="section" aria-labelledby="overview-teams">
              <Title order={2} fz="lg" id="overview-teams" mb="md">
                Your teams
              </Title>
              {canReadOrg && teams.isPending ? (
                <Skeleton height={18} />
              ) : myTeams.length ? (
                <Group gap="xs">
                  {myTeams.map((t) => (
                    <Badge key={t.id} variant="light" size="lg" tt="none">
                      {t.name} · {t.areaName}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {user.teamIds.length
                    ? `You are a member of ${user.teamIds.length} team${user.teamIds.length === 1 ? '' : 's'}.`
                    : 'You are not a member of any team.'}
                </Text>
              )}
            </Card>
            {organisation ? (
              <Card withBorder padding="lg" component="section" aria-labelledby="overview-org">
                <Title order={2} fz="lg" id="overview-org" mb="md">
                  {organisation.name}
                </Title>
                <SimpleGrid cols={3} spacing="xs">
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      Time zone
                    </Text>
                    <Text size="sm">{organisation.timeZone}</Text>
                  </Stack>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      Locale
                    </Text>
                    <Text size="sm">{organisation.locale}</Text>
                  </Stack>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      Currency
                    </Text>
                    <Text size="sm">{organisation.currency}</Text>
                  </Stack>
                </SimpleGrid>
                {can('settings:manage') ? (
                  <Anchor component={Link} to="/settings" size="sm" mt="sm" display="inline-block">
                    Edit organisation details
                  </Anchor>
                ) : null}
              </Card>
            ) : null}
          </Stack>
        </SimpleGrid>
      </Stack>
    </>
  );
}
