import { useEffect } from 'react';
import { Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  CASE_STATUSES,
  EXTERNAL_BODIES,
  OUTCOMES,
  ROOT_CAUSES,
  type Case,
  type CaseStatus,
} from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { useFormProblem } from '../../../components/ProblemAlert.js';
import { useTransition, type TransitionInput } from '../api.js';
import { CaseProblem } from './CaseProblem.js';
import { labelOptions } from '../form-options.js';

/** The button that moves a case to a status, in verbs. */
export const TRANSITION_LABELS: Partial<Record<CaseStatus, string>> = {
  acknowledged: 'Acknowledge',
  investigating: 'Investigate',
  awaiting_customer: 'Wait for customer',
  closed: 'Close case',
  reopened: 'Reopen',
  under_review: 'Review (dispute)',
  referred_external: 'Refer to external body',
};

export function transitionLabel(to: CaseStatus): string {
  return TRANSITION_LABELS[to] ?? `Move to ${CASE_STATUSES[to]}`;
}

const INITIAL = { reason: '', outcome: '', rootCause: '', externalBody: '', externalReference: '' };

/** Asks for what a status change needs: outcome and root cause to close, the body and reference to refer. */
export function TransitionModal({ c, to, onClose }: { c: Case; to: CaseStatus | null; onClose: () => void }) {
  const transition = useTransition(c.id);
  const closing = to === 'closed';
  const referring = to === 'referred_external';
  const form = useForm({
    mode: 'controlled',
    initialValues: INITIAL,
    validate: {
      outcome: (v) => (closing && !v ? 'Choose the outcome' : null),
      rootCause: (v) => (closing && !v ? 'Choose the root cause, for later analysis' : null),
      externalBody: (v) => (referring && !v ? 'Choose the external body' : null),
      externalReference: (v) => (referring && !v.trim() ? 'Enter their reference' : null),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!to) return;
    form.setValues(INITIAL);
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [to]);

  const submit = form.onSubmit((v) => {
    if (!to) return;
    problem.clear();
    const body: TransitionInput = { version: c.version, to, reason: v.reason.trim() };
    if (closing) {
      body.outcome = v.outcome as TransitionInput['outcome'];
      body.rootCause = v.rootCause as TransitionInput['rootCause'];
    }
    if (referring) {
      body.externalBody = v.externalBody as TransitionInput['externalBody'];
      body.externalReference = v.externalReference.trim();
    }
    transition.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `${c.reference} is now “${CASE_STATUSES[to]}”.` });
        onClose();
      },
      onError: (e) => problem.handle(e),
    });
  });

  return (
    <Modal opened={!!to} onClose={onClose} title={to ? `${transitionLabel(to)}: ${c.reference}` : ''}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            From “{CASE_STATUSES[c.status]}” to “{to ? CASE_STATUSES[to] : ''}”.
          </Text>
          {closing ? (
            <>
              <Select
                label="Outcome"
                required
                data={labelOptions(OUTCOMES)}
                {...form.getInputProps('outcome')}
                value={form.values.outcome || null}
                onChange={(x) => form.setFieldValue('outcome', x ?? '')}
              />
              <Select
                label="Root cause"
                required
                data={labelOptions(ROOT_CAUSES)}
                {...form.getInputProps('rootCause')}
                value={form.values.rootCause || null}
                onChange={(x) => form.setFieldValue('rootCause', x ?? '')}
              />
            </>
          ) : null}
          {referring ? (
            <>
              <Select
                label="External body"
                required
                data={labelOptions(EXTERNAL_BODIES)}
                {...form.getInputProps('externalBody')}
                value={form.values.externalBody || null}
                onChange={(x) => form.setFieldValue('externalBody', x ?? '')}
              />
              <TextInput label="External reference" required {...form.getInputProps('externalReference')} />
            </>
          ) : null}
          <Textarea
            label="Reason"
            description={closing ? 'For “not upheld”, the reasons the customer will read' : undefined}
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <CaseProblem error={problem.problem} caseId={c.id} onReloaded={onClose} />
          <FormActions
            onCancel={onClose}
            saving={transition.isPending}
            submitLabel={to ? transitionLabel(to) : 'Save'}
          />
        </Stack>
      </form>
    </Modal>
  );
}
