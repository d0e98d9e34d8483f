import { Suspense, type ReactNode } from 'react';
import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Divider,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import {
  IconAddressBook,
  IconArrowsSplit,
  IconBuildingStore,
  IconCalendarTime,
  IconCategory,
  IconChevronDown,
  IconEyeCheck,
  IconFileImport,
  IconHistory,
  IconHourglass,
  IconInbox,
  IconLayoutDashboard,
  IconLogout,
  IconMessagePlus,
  IconSettings,
  IconShieldLock,
  IconTemplate,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  IconWorldWww,
} from '@tabler/icons-react';
import type { Permission } from '../../contracts/permissions.js';
import { api } from '../lib/api.js';
import { forgetSession, useCurrentUser } from '../lib/session.js';
import { ColorSchemeToggle } from './ColorSchemeToggle.js';
import { Logo } from './Logo.js';
import { SkipLink, MAIN_ID } from './SkipLink.js';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** Pages spanning the whole organisation also need access to every business area. */
  allAreas?: boolean;
  /** Sub-pages that have their own navigation item (so only one item is current). */
  except?: string[];
}

const iconProps = { size: 18, stroke: 1.6 } as const;

const NAV_GROUPS: { label: string | null; items: NavItem[] }[] = [
  { label: null, items: [{ to: '/', label: 'Overview', icon: <IconLayoutDashboard {...iconProps} /> }] },
  {
    label: 'Cases',
    items: [
      {
        to: '/cases',
        label: 'Case queue',
        icon: <IconInbox {...iconProps} />,
        permission: 'cases:read',
        except: ['/cases/new', '/cases/import'],
      },
      {
        to: '/cases/new',
        label: 'New contact',
        icon: <IconMessagePlus {...iconProps} />,
        permission: 'cases:create',
      },
      {
        to: '/cases/import',
        label: 'Import history',
        icon: <IconFileImport {...iconProps} />,
        permission: 'cases:import',
      },
    ],
  },
  {
    label: 'Organisation',
    items: [
      {
        to: '/areas',
        label: 'Business areas',
        icon: <IconBuildingStore {...iconProps} />,
        permission: 'org:read',
      },
      { to: '/teams', label: 'Teams', icon: <IconUsersGroup {...iconProps} />, permission: 'org:read' },
      { to: '/people', label: 'People', icon: <IconUsers {...iconProps} />, permission: 'org:read' },
      { to: '/roles', label: 'Roles', icon: <IconShieldLock {...iconProps} />, permission: 'roles:manage' },
      {
        to: '/stakeholders',
        label: 'Stakeholders',
        icon: <IconAddressBook {...iconProps} />,
        permission: 'stakeholders:read',
      },
      {
        to: '/settings',
        label: 'Settings',
        icon: <IconSettings {...iconProps} />,
        permission: 'settings:manage',
      },
      {
        to: '/public-pages',
        label: 'Public pages',
        icon: <IconWorldWww {...iconProps} />,
        permission: 'settings:manage',
      },
    ],
  },
  {
    label: 'Case settings',
    items: [
      {
        to: '/case-settings/categories',
        label: 'Categories',
        icon: <IconCategory {...iconProps} />,
        permission: 'cases:configure',
      },
      {
        to: '/case-settings/templates',
        label: 'Response templates',
        icon: <IconTemplate {...iconProps} />,
        permission: 'cases:configure',
      },
      {
        to: '/case-settings/assignment-rules',
        label: 'Assignment rules',
        icon: <IconArrowsSplit {...iconProps} />,
        permission: 'cases:configure',
      },
      {
        to: '/case-settings/calendars',
        label: 'Business calendars',
        icon: <IconCalendarTime {...iconProps} />,
        permission: 'cases:configure',
      },
      {
        to: '/case-settings/deadlines',
        label: 'Deadline policies',
        icon: <IconHourglass {...iconProps} />,
        permission: 'cases:configure',
      },
    ],
  },
  {
    label: 'Assurance',
    items: [
      {
        to: '/audit',
        label: 'Audit trail',
        icon: <IconHistory {...iconProps} />,
        permission: 'audit:read',
        allAreas: true,
        except: ['/audit/personal-access'],
      },
      {
        to: '/audit/personal-access',
        label: 'Personal details access',
        icon: <IconEyeCheck {...iconProps} />,
        permission: 'audit:read',
        allAreas: true,
      },
    ],
  },
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

function isActive(pathname: string, to: string, except: string[] = []): boolean {
  if (except.some((e) => pathname === e || pathname.startsWith(`${e}/`))) return false;
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame: header, navigation limited to what the person may do, and the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { user, organisation, can } = useCurrentUser();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = useMutation({
    mutationFn: () => api('/api/v1/auth/sign-out', { method: 'POST' }),
    onSettled: async () => {
      forgetSession(queryClient);
      await navigate({ to: '/sign-in' });
    },
    onError: () => notifications.show({ color: 'red', message: 'Signed out of this browser.' }),
  });

  const groups = NAV_GROUPS.map((g) => ({
    ...g,
    items: g.items.filter((i) => (!i.permission || can(i.permission)) && (!i.allAreas || user.allAreas)),
  })).filter((g) => g.items.length > 0);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <UnstyledButton component={Link} to="/" aria-label="Verity home" onClick={close}>
              <Logo />
            </UnstyledButton>
            {organisation ? (
              <>
                <Divider orientation="vertical" visibleFrom="sm" />
                <Text size="sm" c="dimmed" truncate visibleFrom="sm" maw={320}>
                  {organisation.name}
                </Text>
              </>
            ) : null}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <Menu position="bottom-end" width={240} withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`Account menu for ${user.name}`} px={4} py={4}>
                  <Group gap={8} wrap="nowrap">
                    <Avatar color="teal" radius="xl" size={34}>
                      {initials(user.name)}
                    </Avatar>
                    <Box visibleFrom="md" style={{ lineHeight: 1.2 }}>
                      <Text size="sm" fw={600} truncate maw={160}>
                        {user.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate maw={160}>
                        {user.roleName}
                      </Text>
                    </Box>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.email}</Menu.Label>
                <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
                  Your account
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea} p="sm">
          <Stack gap="md">
            {groups.map((group) => (
              <Box key={group.label ?? 'top'}>
                {group.label ? (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={6} lts={0.5}>
                    {group.label}
                  </Text>
                ) : null}
                <Stack gap={2}>
                  {group.items.map((item) => (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      leftSection={item.icon}
                      // The router marks a link to /cases active on /cases/new too; `except` decides here.
                      activeOptions={{ exact: !!item.except }}
                      active={isActive(pathname, item.to, item.except)}
                      aria-current={isActive(pathname, item.to, item.except) ? 'page' : undefined}
                      onClick={close}
                      variant="light"
                      style={{ borderRadius: 'var(--mantine-radius-md)' }}
                    />
                  ))}
                </Stack>
              </Box>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section p="sm" style={{ borderTop: '1px solid var(--app-shell-border-color)' }}>
          <NavLink
            component={Link}
            to="/account"
            label="Account"
            leftSection={<IconUserCircle {...iconProps} />}
            active={isActive(pathname, '/account')}
            aria-current={isActive(pathname, '/account') ? 'page' : undefined}
            onClick={close}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1200} mx="auto">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

export function PageLoader() {
  return (
    <Group justify="center" py={80}>
      <Loader aria-label="Loading page" />
    </Group>
  );
}
