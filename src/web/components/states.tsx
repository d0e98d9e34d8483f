import type { ReactNode } from 'react';
import { Alert, Button, Card, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isApiError } from '../lib/api.js';

/** Placeholder rows while a table loads, shaped like the table that will replace them. */
export function TableSkeleton({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <Card withBorder padding="md" radius="md" aria-busy="true" aria-label="Loading">
      <Stack gap="sm">
        <Group gap="md" wrap="nowrap">
          {Array.from({ length: columns }, (_, i) => (
            <Skeleton key={i} height={12} width={`${100 / columns}%`} radius="sm" />
          ))}
        </Group>
        {Array.from({ length: rows }, (_, r) => (
          <Group key={r} gap="md" wrap="nowrap">
            {Array.from({ length: columns }, (_, i) => (
              <Skeleton key={i} height={20} width={`${100 / columns}%`} radius="sm" />
            ))}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function CardsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} height={88} radius="md" />
      ))}
    </Stack>
  );
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** A failed load: what went wrong and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={20} />} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
          >
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Nothing to show yet: a helpful sentence and the primary action. */
export function EmptyHint({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="xl">
      <EmptyState icon={icon} variant="light" title={title} description={description}>
        {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
      </EmptyState>
    </Card>
  );
}

/** Keyset pagination: the next page is fetched on request, never guessed. */
export function LoadMore({
  hasMore,
  loading,
  onLoadMore,
  shown,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  shown: number;
}) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shown === 1 ? 'Showing 1 record' : `Showing ${shown} records`}
        {hasMore ? '' : shown ? ' — that is all' : ''}
      </Text>
      {hasMore ? (
        <Button variant="default" onClick={onLoadMore} loading={loading}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}
