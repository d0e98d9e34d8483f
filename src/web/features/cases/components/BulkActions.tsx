import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconUserShare, IconX, IconLock } from '@tabler/icons-react';
import { OUTCOMES, ROOT_CAUSES } from '../../../../contracts/cases.js';
import type { User } from '../../../../contracts/identity.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useBulkAction, type BulkInput, type BulkResult } from '../api.js';

const OUTCOME_OPTIONS = Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }));
const ROOT_CAUSE_OPTIONS = Object.entries(ROOT_CAUSES).map(([value, label]) => ({ value, label }));

/** The bar over the table while cases are selected: assign or close them all, then see each result. */
export function BulkActions({
  selected,
  references,
  canAssign,
  canClose,
  users,
  onClear,
  onDone,
}: {
  selected: string[];
  references: Map<string, string>;
  canAssign: boolean;
  canClose: boolean;
  users: User[];
  onClear: () => void;
  onDone: (failedIds: string[]) => void;
}) {
  const [dialog, setDialog] = useState<'assign' | 'close' | null>(null);
  const [results, setResults] = useState<{ action: string; result: BulkResult } | null>(null);
  const bulk = useBulkAction();

  const run = (action: BulkInput['action'], label: string, onError: (e: unknown) => void) =>
    bulk.mutate(
      { ids: selected, action },
      {
        onSuccess: (result) => {
          setDialog(null);
          setResults({ action: label, result });
          onDone(result.results.filter((r) => !r.ok).map((r) => r.id));
        },
        onError,
      },
    );

  if (!selected.length && !results) return null;
  return (
    <>
      {selected.length ? (
        <Card withBorder padding="xs" mb="sm" bg="var(--mantine-primary-color-light)">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" fw={600} aria-live="polite">
              {selected.length === 1 ? '1 case selected' : `${selected.length} cases selected`}
            </Text>
            <Group gap="xs">
              {canAssign ? (
                <Button
                  size="xs"
                  leftSection={<IconUserShare size={14} />}
                  onClick={() => setDialog('assign')}
                >
                  Assign selected
                </Button>
              ) : null}
              {canClose ? (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconLock size={14} />}
                  onClick={() => setDialog('close')}
                >
                  Close selected
                </Button>
              ) : null}
              <Button size="xs" variant="subtle" color="gray" onClick={onClear}>
                Clear selection
              </Button>
            </Group>
          </Group>
        </Card>
      ) : null}
      <BulkAssignModal
        opened={dialog === 'assign'}
        count={selected.length}
        users={users}
        saving={bulk.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(action, onError) => run(action, 'Assign', onError)}
      />
      <BulkCloseModal
        opened={dialog === 'close'}
        count={selected.length}
        saving={bulk.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(action, onError) => run(action, 'Close', onError)}
      />
      <BulkResultsModal results={results} references={references} onClose={() => setResults(null)} />
    </>
  );
}

type Submit = (action: BulkInput['action'], onError: (e: unknown) => void) => void;

function BulkAssignModal({
  opened,
  count,
  users,
  saving,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  count: number;
  users: User[];
  saving: boolean;
  onClose: () => void;
  onSubmit: Submit;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { assigneeId: '', reason: '' },
    validate: {
      assigneeId: (v) => (v ? null : 'Choose who takes these cases'),
      reason: (v) => (v.trim() ? null : 'Say why these cases move (it goes on each timeline)'),
    },
  });
  const problem = useFormProblem(form);
  const submit = form.onSubmit((v) => {
    problem.clear();
    onSubmit(
      { type: 'assign', assigneeId: v.assigneeId === 'none' ? null : v.assigneeId, reason: v.reason.trim() },
      problem.handle,
    );
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`Assign ${count === 1 ? '1 case' : `${count} cases`}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Assign to"
            required
            searchable
            data={[
              { value: 'none', label: 'Nobody (unassigned)' },
              ...users.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.name })),
            ]}
            {...form.getInputProps('assigneeId')}
            value={form.values.assigneeId || null}
            onChange={(v) => form.setFieldValue('assigneeId', v ?? '')}
          />
          <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
          <Text size="xs" c="dimmed">
            Each case is checked on its own: the person must work the case’s area and must not be the person
            it is about. You will see which cases moved.
          </Text>
          <ProblemAlert error={problem.problem} />
          <FormActions onCancel={onClose} saving={saving} submitLabel="Assign" />
        </Stack>
      </form>
    </Modal>
  );
}

function BulkCloseModal({
  opened,
  count,
  saving,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  count: number;
  saving: boolean;
  onClose: () => void;
  onSubmit: Submit;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { outcome: '', rootCause: '', reason: '' },
    validate: { outcome: (v) => (v ? null : 'Choose the outcome') },
  });
  const problem = useFormProblem(form);
  const submit = form.onSubmit((v) => {
    problem.clear();
    onSubmit(
      {
        type: 'close',
        outcome: v.outcome as keyof typeof OUTCOMES,
        rootCause: (v.rootCause || undefined) as keyof typeof ROOT_CAUSES | undefined,
        reason: v.reason.trim(),
      },
      problem.handle,
    );
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`Close ${count === 1 ? '1 case' : `${count} cases`}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Outcome"
            required
            data={OUTCOME_OPTIONS}
            {...form.getInputProps('outcome')}
            value={form.values.outcome || null}
            onChange={(v) => form.setFieldValue('outcome', v ?? '')}
          />
          <Select
            label="Root cause"
            clearable
            data={ROOT_CAUSE_OPTIONS}
            {...form.getInputProps('rootCause')}
            value={form.values.rootCause || null}
            onChange={(v) => form.setFieldValue('rootCause', v ?? '')}
          />
          <Textarea label="Reason" autosize minRows={2} {...form.getInputProps('reason')} />
          <Text size="xs" c="dimmed">
            Cases that cannot be closed from their current status are left as they are and listed afterwards.
          </Text>
          <ProblemAlert error={problem.problem} />
          <FormActions onCancel={onClose} saving={saving} submitLabel="Close cases" />
        </Stack>
      </form>
    </Modal>
  );
}

function BulkResultsModal({
  results,
  references,
  onClose,
}: {
  results: { action: string; result: BulkResult } | null;
  references: Map<string, string>;
  onClose: () => void;
}) {
  const items = results?.result.results ?? [];
  const done = items.filter((r) => r.ok).length;
  const failed = items.length - done;
  return (
    <Modal opened={!!results} onClose={onClose} title={`${results?.action ?? 'Bulk'} results`} size="lg">
      <Stack gap="md">
        <Alert color={failed ? 'orange' : 'teal'} variant="light" role="status">
          {done} done{failed ? `, ${failed} not changed` : ''}.
        </Alert>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Case</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.reference ?? references.get(r.id) ?? r.id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.ok ? (
                    <Badge color="teal" variant="light" tt="none" leftSection={<IconCheck size={12} />}>
                      Done
                    </Badge>
                  ) : (
                    <Stack gap={2}>
                      <Badge color="red" variant="light" tt="none" leftSection={<IconX size={12} />}>
                        Not changed
                      </Badge>
                      <Text size="xs">{r.error ?? `Refused (${r.status})`}</Text>
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
