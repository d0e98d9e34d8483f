import { useEffect } from 'react';
import { Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Case } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { useFormProblem } from '../../../components/ProblemAlert.js';
import { errorMessage } from '../../../components/states.js';
import { useAssign, useAssignees } from '../api.js';
import { CaseProblem } from './CaseProblem.js';

/** Assign or reassign: only people who may work the case are offered; moving it needs a reason. */
export function AssignModal({ c, opened, onClose }: { c: Case; opened: boolean; onClose: () => void }) {
  const assign = useAssign(c.id);
  const assignees = useAssignees(c.id, opened);
  const reassigning = !!c.assignee;
  const form = useForm({
    mode: 'controlled',
    initialValues: { assigneeId: '', reason: '' },
    validate: {
      assigneeId: (v) => (v ? null : 'Choose who handles the case'),
      reason: (v) => (reassigning && !v.trim() ? 'Say why the case moves to someone else' : null),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues({ assigneeId: '', reason: '' });
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const data = [
    ...(reassigning ? [{ value: 'none', label: 'Nobody (unassign)' }] : []),
    ...(assignees.data ?? [])
      .filter((a) => a.id !== c.assignee?.id)
      .map((a) => ({
        value: a.id,
        label: `${a.name} — ${a.openCases === 1 ? '1 open case' : `${a.openCases} open cases`}`,
      })),
  ];

  const submit = form.onSubmit((v) => {
    problem.clear();
    assign.mutate(
      {
        version: c.version,
        assigneeId: v.assigneeId === 'none' ? null : v.assigneeId,
        reason: v.reason.trim(),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${c.reference} is assigned.` });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={onClose} title={reassigning ? 'Reassign case' : 'Assign case'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {reassigning ? <Text size="sm">Now with {c.assignee?.name}.</Text> : null}
          <Select
            label="Assign to"
            required
            searchable
            data={data}
            placeholder={assignees.isPending ? 'Loading people…' : undefined}
            error={assignees.isError ? errorMessage(assignees.error) : form.errors.assigneeId}
            nothingFoundMessage="Nobody else may handle this case"
            value={form.values.assigneeId || null}
            onChange={(x) => form.setFieldValue('assigneeId', x ?? '')}
          />
          <Textarea
            label="Reason"
            required={reassigning}
            description={reassigning ? 'Goes on the timeline' : 'Optional'}
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <Text size="xs" c="dimmed">
            The staff member a complaint is about is never offered.
          </Text>
          <CaseProblem error={problem.problem} caseId={c.id} onReloaded={onClose} />
          <FormActions
            onCancel={onClose}
            saving={assign.isPending}
            submitLabel={reassigning ? 'Reassign' : 'Assign'}
          />
        </Stack>
      </form>
    </Modal>
  );
}
