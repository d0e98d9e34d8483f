import { useState } from 'react';
import { Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { LIMITS } from '../../../../contracts/common.js';
import type { Case } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { useFormProblem } from '../../../components/ProblemAlert.js';
import type { Formatters } from '../../../lib/format.js';
import { useCorrectReceivedAt } from '../api.js';
import { isoToLocalInput, localInputToIso } from '../zoned-time.js';
import { CaseProblem } from './CaseProblem.js';

/**
 * Correct when the contact was received (supervisors and managers). The time is entered on the
 * organisation's wall clock, whatever the browser's zone; the reason goes on the timeline. Whether it is in
 * the future is the server's to say (its clock, which tests move, not the browser's): that answer comes
 * back as a field error on the time.
 * Mount it only while open: the version it corrects stays the one it opened on, so a change made meanwhile
 * is refused as stale rather than overwritten.
 */
export function ReceivedAtModal({ c, fmt, onClose }: { c: Case; fmt: Formatters; onClose: () => void }) {
  const correct = useCorrectReceivedAt(c.id);
  const [base] = useState(() => ({
    version: c.version,
    receivedAt: isoToLocalInput(c.receivedAt, fmt.timeZone),
  }));
  const form = useForm({
    mode: 'controlled',
    initialValues: { receivedAt: base.receivedAt, reason: '' },
    validate: {
      receivedAt: (v) => {
        const iso = localInputToIso(v, fmt.timeZone);
        if (!iso) return 'Enter the date and time the contact was received';
        if (v === base.receivedAt) return 'Choose a different time, or cancel';
        return null;
      },
      reason: (v) =>
        !v.trim()
          ? 'Say why the received time is corrected'
          : v.trim().length > LIMITS.shortText
            ? `Must be at most ${LIMITS.shortText} characters`
            : null,
    },
  });
  const problem = useFormProblem(form);

  const submit = form.onSubmit((v) => {
    problem.clear();
    correct.mutate(
      {
        version: base.version,
        receivedAt: localInputToIso(v.receivedAt, fmt.timeZone) ?? v.receivedAt,
        reason: v.reason.trim(),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `The received time of ${c.reference} is corrected.` });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title="Correct received time">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">Now recorded as received {fmt.dateTime(c.receivedAt)}.</Text>
          <TextInput
            type="datetime-local"
            label="Received at"
            description={`Date and time in ${fmt.timeZone}`}
            required
            {...form.getInputProps('receivedAt')}
          />
          <Textarea
            label="Reason"
            description="Goes on the timeline and the audit trail"
            required
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <CaseProblem error={problem.problem} caseId={c.id} onReloaded={onClose} />
          <FormActions onCancel={onClose} saving={correct.isPending} submitLabel="Correct received time" />
        </Stack>
      </form>
    </Modal>
  );
}
