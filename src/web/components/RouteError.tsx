import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { errorMessage } from './states.js';

/** Thrown by a route guard when the person lacks the permission a page needs. */
export class ForbiddenError extends Error {
  constructor(public readonly permission: string) {
    super(`You need the “${permission}” permission to open this page.`);
    this.name = 'ForbiddenError';
  }
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}

/** What a page shows when it cannot be opened: no access, a new version deployed, or a failure. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const forbidden = error instanceof ForbiddenError;
  useDocumentTitle(forbidden ? 'No access · Verity' : 'Problem · Verity');
  if (forbidden) {
    return (
      <Stack gap="md" maw={640}>
        <Title order={1} fz={28}>
          You do not have access to this page
        </Title>
        <Alert color="yellow" variant="light" icon={<IconLock size={20} />} title="Permission needed">
          <Text size="sm">{error.message} Ask an administrator if you need it.</Text>
        </Alert>
        <Button component={Link} to="/" variant="default" w="fit-content">
          Go to the overview
        </Button>
      </Stack>
    );
  }
  const chunk = isChunkLoadError(error);
  return (
    <Stack gap="md" maw={640}>
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
    <Stack gap="md" maw={640} p="xl">
      <Title order={1} fz={28}>
        Page not found
      </Title>
      <Text c="dimmed">Nothing is at this address. It may have moved, or the link may be mistyped.</Text>
      <Button component={Link} to="/" variant="default" w="fit-content">
        Go to the overview
      </Button>
    </Stack>
  );
}
