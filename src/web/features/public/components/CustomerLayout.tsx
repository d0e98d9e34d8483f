import { Suspense } from 'react';
import { Anchor, Box, Group, Image, Loader, Stack, Text } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { MAIN_ID, SkipLink } from '../../../components/SkipLink.js';
import { useCharter } from '../api.js';
import { brandColour, readableTextOn } from '../brand.js';

const NAV = [
  { to: '/feedback', label: 'Give feedback or complain' },
  { to: '/track', label: 'Track a case' },
  { to: '/charter', label: 'Service charter' },
] as const;

/** The customer's side: the organisation's name, logo and colour; every page links to the charter. */
export function CustomerLayout() {
  const charter = useCharter();
  const branding = charter.data?.branding;
  const background = brandColour(branding?.primaryColour);
  const color = readableTextOn(background);
  const name = branding?.name ?? 'Customer service';

  return (
    <Box mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <Box component="header" style={{ background, color }}>
        <Group justify="space-between" maw={960} mx="auto" px="md" py="sm" gap="sm">
          <Anchor
            component={Link}
            to="/charter"
            underline="never"
            style={{ color, display: 'flex', alignItems: 'center', gap: 10 }}
          >
            {branding?.logoUrl ? (
              <Image src={branding.logoUrl} alt="" h={40} w="auto" fit="contain" radius="sm" />
            ) : null}
            <Text component="span" fw={700} fz="lg">
              {name}
            </Text>
          </Anchor>
          <Group component="nav" aria-label="Customer service" gap="md" wrap="wrap">
            {NAV.map((item) => (
              <Anchor
                key={item.to}
                component={Link}
                to={item.to}
                className="customer-nav-link"
                style={{ color }}
                fw={600}
                underline="always"
              >
                {item.label}
              </Anchor>
            ))}
          </Group>
        </Group>
      </Box>
      <Box
        component="main"
        id={MAIN_ID}
        tabIndex={-1}
        w="100%"
        maw={760}
        mx="auto"
        px="md"
        py="xl"
        style={{ outline: 'none', flex: 1 }}
      >
        <Suspense
          fallback={
            <Group justify="center" py="xl">
              <Loader aria-label="Loading page" />
            </Group>
          }
        >
          <Outlet />
        </Suspense>
      </Box>
      <Box
        component="footer"
        py="lg"
        px="md"
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        <Stack gap={6} maw={960} mx="auto" align="center">
          <Group gap="lg" justify="center" wrap="wrap">
            <Anchor component={Link} to="/charter" size="sm" underline="always">
              Service charter: how we handle feedback
            </Anchor>
            <Anchor component={Link} to="/charter" hash="privacy" size="sm" underline="always">
              How we use your personal information
            </Anchor>
            <Anchor component={Link} to="/sign-in" size="sm" underline="always">
              Staff sign in
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed" ta="center">
            Giving feedback is free and you do not need an account.
          </Text>
        </Stack>
      </Box>
    </Box>
  );
}
