import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { CASE_STATUSES } from '../../../../contracts/cases.js';
import { problemSummary } from '../../../components/ProblemAlert.js';
import { isApiError } from '../../../lib/api.js';
import { refreshCase } from '../api.js';

/** The statuses a 409 "invalid transition" names as allowed, in words. */
export function allowedFromProblem(error: unknown): string[] {
  if (!isApiError(error) || error.status !== 409) return [];
  const allowed = error.problem.allowed;
  if (!Array.isArray(allowed)) return [];
  return allowed
    .filter((s): s is string => typeof s === 'string')
    .map((s) => (CASE_STATUSES as Record<string, string>)[s] ?? s);
}

/**
 * A failed case action in words a person can act on. A stale version ("someone else changed this case")
 * offers to load their version; an invalid transition lists what is allowed now.
 */
export function CaseProblem({
  error,
  caseId,
  onReloaded,
}: {
  error: unknown;
  caseId: string;
  onReloaded?: () => void;
}) {
  const queryClient = useQueryClient();
  if (!error) return null;
  if (isApiError(error) && error.isStaleVersion) {
    return (
      <Alert color="orange" variant="light" title="Someone else changed this case" role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            It was changed after you opened it. Load the latest version, check it, then make your change
            again.
          </Text>
          <Button
            size="xs"
            color="orange"
            leftSection={<IconRefresh size={14} />}
            onClick={() => {
              refreshCase(queryClient, caseId, error.problem.current);
              onReloaded?.();
            }}
          >
            Reload the case
          </Button>
        </Stack>
      </Alert>
    );
  }
  const allowed = allowedFromProblem(error);
  const { title, detail } = problemSummary(error);
  const fields = isApiError(error) ? error.fieldErrors : [];
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={20} />} role="alert">
      <Stack gap={4}>
        <Text size="sm">{detail}</Text>
        {fields.map((f) => (
          <Text size="sm" key={f.path}>
            {f.path.replace(/^body\.?/, '') || 'Request'}: {f.message}
          </Text>
        ))}
        {allowed.length ? <Text size="sm">Allowed from here: {allowed.join(', ')}.</Text> : null}
      </Stack>
    </Alert>
  );
}
