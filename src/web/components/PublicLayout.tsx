import { Suspense } from 'react';
import { Anchor, Box, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { ColorSchemeToggle } from './ColorSchemeToggle.js';
import { Logo } from './Logo.js';
import { MAIN_ID, SkipLink } from './SkipLink.js';

/** Pages before sign-in: a calm centred card. */
export function PublicLayout({ wide = false }: { wide?: boolean }) {
  return (
    <Box mih="100dvh" className="public-backdrop">
      <SkipLink />
      <Box component="header" px="lg" py="md">
        <Group justify="space-between">
          <Logo />
          <ColorSchemeToggle />
        </Group>
      </Box>
      <Center component="main" id={MAIN_ID} tabIndex={-1} px="md" pb="xl" style={{ outline: 'none' }}>
        <Stack w="100%" maw={wide ? 760 : 440} gap="md">
          <Card withBorder shadow="sm" radius="lg" padding="xl">
            <Suspense
              fallback={
                <Group justify="center" py="xl">
                  <Loader aria-label="Loading page" />
                </Group>
              }
            >
              <Outlet />
            </Suspense>
          </Card>
          <Group gap="md" justify="center">
            <Anchor component={Link} to="/charter" size="sm" underline="always">
              Service charter
            </Anchor>
            <Anchor component={Link} to="/feedback" size="sm" underline="always">
              Give feedback or complain
            </Anchor>
          </Group>
          <Text size="xs" c="dimmed" ta="center">
            Verity — customer service quality management
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}

export function WidePublicLayout() {
  return <PublicLayout wide />;
}
