import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '../lib/api.js';
import { applyServerErrors } from '../lib/forms.js';

interface ProblemAlertProps {
  error: unknown;
  /** For a stale version: load the record someone else saved (the server sent it as `current`). */
  onReload?: (current: unknown) => void;
}

/** A failure's title and sentence: the server's problem, or a local error's message. */
export function problemSummary(error: unknown): { title: string; detail: string } {
  if (isApiError(error)) return { title: error.problem.title, detail: error.problem.detail };
  return {
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : 'The change was not saved.',
  };
}

/** A failed save, in words a person can act on. */
export function ProblemAlert({ error, onReload }: ProblemAlertProps) {
  if (!error) return null;
  if (isApiError(error) && error.isStaleVersion) {
    return (
      <Alert color="orange" variant="light" title="Someone else changed this record" role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            It was saved by someone else after you opened it. Load their version, check it, then make your
            change again.
          </Text>
          {onReload ? (
            <Button
              size="xs"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              onClick={() => onReload(error.problem.current)}
            >
              Load the latest version
            </Button>
          ) : null}
        </Stack>
      </Alert>
    );
  }
  const { title, detail } = problemSummary(error);
  const extra = isApiError(error) ? (error.problem.errors ?? []) : [];
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={20} />} role="alert">
      <Text size="sm">{detail}</Text>
      {extra.length > 1 ? (
        <Group gap={4} mt={4}>
          <Text size="xs" c="dimmed">
            The fields marked below need attention.
          </Text>
        </Group>
      ) : null}
    </Alert>
  );
}

/**
 * Submit-error handling for a form: field errors go onto their fields; anything else (or a stale
 * version) shows in a ProblemAlert above the buttons.
 */
export function useFormProblem<T>(form: UseFormReturnType<T>) {
  const [problem, setProblem] = useState<unknown>(null);
  return {
    problem,
    clear: () => setProblem(null),
    handle: (error: unknown) => {
      const leftover = applyServerErrors(form, error);
      const onlyFields = isApiError(error) && error.fieldErrors.length > 0 && leftover.length === 0;
      setProblem(onlyFields ? null : error);
    },
  };
}
