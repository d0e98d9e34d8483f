import { Alert, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { ColorSchemeToggle } from './ColorSchemeToggle.js';
import { Logo } from './Logo.js';
import { MAIN_ID, SkipLink } from './SkipLink.js';
import { errorMessage } from './states.js';

/** The page for someone who lacks the permission (or the reach across all areas) it needs. */
export function Forbidden({ permission, allAreas }: { permission?: string; allAreas?: boolean }) {
  useDocumentTitle('No access · Verity');
  return (
    <Stack gap="md" maw={640}>
      <Title order={1} fz={28}>
        You do not have access to this page
      </Title>
      <Alert color="yellow" variant="light" icon={<IconLock size={20} />} title="Permission needed">
        <Text size="sm">
          {allAreas && !permission
            ? 'This page covers every business area, so it needs access to all of them.'
            : `You need the “${permission}” permission to open this page.`}{' '}
          Ask an administrator if you need it.
        </Text>
      </Alert>
      <Button component={Link} to="/" variant="default" w="fit-content">
        Back to the start page
      </Button>
    </Stack>
  );
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}

/** What a page shows when it cannot be opened: a new version deployed, or a failure. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  useDocumentTitle('Problem · Verity');
  const chunk = isChunkLoadError(error);
  return (
    <Stack gap="md" maw={640} p={{ base: 'md', sm: 0 }}>
      <Title order={1} fz={28}>
        This page could not be opened
      </Title>
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={20} />}
        title="Something went wrong"
        role="alert"
      >
        <Text size="sm">
          {chunk ? 'A newer version of Verity is available. Reload the page to use it.' : errorMessage(error)}
        </Text>
      </Alert>
      <Button w="fit-content" onClick={() => (chunk ? window.location.reload() : reset())}>
        {chunk ? 'Reload' : 'Try again'}
      </Button>
    </Stack>
  );
}

export function NotFound() {
  useDocumentTitle('Page not found · Verity');
  return (
    <Box mih="100dvh" className="public-backdrop">
      <SkipLink />
      <Box component="header" px="lg" py="md">
        <Group justify="space-between">
          <Logo />
          <ColorSchemeToggle />
        </Group>
      </Box>
      <Stack component="main" id={MAIN_ID} tabIndex={-1} gap="md" maw={640} mx="auto" px="md" pt="xl">
        <Title order={1} fz={28}>
          Page not found
        </Title>
        <Text c="dimmed">Nothing is at this address. It may have moved, or the link may be mistyped.</Text>
        <Button component={Link} to="/" variant="default" w="fit-content">
          Back to the start page
        </Button>
      </Stack>
    </Box>
  );
}
