import { useState } from 'react';
import { Avatar, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { IconDevices, IconLogout } from '@tabler/icons-react';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useSignOut } from '../api.js';
import { ApiTokensCard } from './ApiTokensCard.js';
import { ChangePasswordCard } from './ChangePasswordCard.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

export function AccountPage() {
  const { user, organisation } = useCurrentUser();
  const fmt = useFormat();
  const navigate = useNavigate();
  const signOut = useSignOut(false);
  const signOutEverywhere = useSignOut(true);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);

  const goToSignIn = () => void navigate({ to: '/sign-in' });

  return (
    <>
      <PageHeader title="Account" description="Your profile, password, API tokens and sessions." />
      <Stack gap="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="account-profile">
          <Title order={2} className="visually-hidden" id="account-profile">
            Profile
          </Title>
          <Group gap="lg" wrap="wrap" align="flex-start">
            <Avatar size={64} radius="xl" color="teal" aria-hidden>
              {initials(user.name)}
            </Avatar>
            <Stack gap={4} style={{ flex: '1 1 240px' }}>
              <Text fz="xl" fw={700}>
                {user.name}
              </Text>
              <Text c="dimmed">{user.email}</Text>
              <Group gap={6} mt={4}>
                <Badge size="lg">{user.roleName}</Badge>
                {user.allAreas ? (
                  <Badge size="lg" color="violet" tt="none">
                    All areas
                  </Badge>
                ) : null}
              </Group>
            </Stack>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="lg" style={{ flex: '1 1 360px' }}>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Authority limit
                </Text>
                <Text fw={600}>{fmt.money(user.authorityLimitCents)}</Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Business areas
                </Text>
                <Text fw={600}>{user.allAreas ? 'All' : user.areaIds.length}</Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Teams
                </Text>
                <Text fw={600}>{user.teamIds.length}</Text>
              </Stack>
            </SimpleGrid>
          </Group>
          {organisation ? (
            <Text size="xs" c="dimmed" mt="md">
              {organisation.name} · {organisation.timeZone} · {organisation.locale} · {organisation.currency}
            </Text>
          ) : null}
        </Card>

        <ChangePasswordCard />
        <ApiTokensCard />

        <Card withBorder padding="lg" component="section" aria-labelledby="account-sessions">
          <Title order={2} fz="lg" id="account-sessions">
            Sessions
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Sign out of this browser, or of every browser and device where you are signed in — for example
            after using a shared computer.
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconLogout size={16} />}
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, {
                  onSuccess: goToSignIn,
                  onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                })
              }
            >
              Sign out
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconDevices size={16} />}
              onClick={() => setConfirmEverywhere(true)}
            >
              Sign out everywhere
            </Button>
          </Group>
        </Card>
      </Stack>
      <ConfirmModal
        opened={confirmEverywhere}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        loading={signOutEverywhere.isPending}
        onClose={() => setConfirmEverywhere(false)}
        onConfirm={() =>
          signOutEverywhere.mutate(undefined, {
            onSuccess: (result) => {
              const ended = (result as { sessionsEnded?: number }).sessionsEnded ?? 0;
              notifications.show({
                color: 'teal',
                message: `Signed out of ${ended} session${ended === 1 ? '' : 's'}. Your API tokens still work.`,
              });
              goToSignIn();
            },
            onError: (e) => {
              setConfirmEverywhere(false);
              notifications.show({ color: 'red', message: errorMessage(e) });
            },
          })
        }
      >
        Every browser and device where you are signed in, including this one, will need to sign in again.
      </ConfirmModal>
    </>
  );
}
