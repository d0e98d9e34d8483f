import { useEffect } from 'react';
import { Alert, Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useSearch } from '@tanstack/react-router';
import { problemSummary } from '../../../components/ProblemAlert.js';
import { useCharter, useConfirmSubmission } from '../api.js';
import { Acknowledgement } from './Acknowledgement.js';

/** The link from the "confirm your email" message: the feedback is sent now. */
export function ConfirmPage() {
  const { t } = useSearch({ from: '/customer/feedback/confirm' });
  const charter = useCharter();
  const confirm = useConfirmSubmission();
  useDocumentTitle(`Confirm your email · ${charter.data?.branding.name ?? 'Customer service'}`);
  const { mutate } = confirm;
  useEffect(() => {
    if (t) mutate(t);
  }, [t, mutate]);

  if (!t || confirm.isError) {
    const { title, detail } = t
      ? problemSummary(confirm.error)
      : {
          title: 'This link is not complete',
          detail: 'Open the link from the email again, or copy all of it.',
        };
    return (
      <Stack gap="lg">
        <Title order={1}>We could not send your feedback</Title>
        <Alert color="red" title={title} role="alert">
          {detail}
        </Alert>
        <Anchor component={Link} to="/feedback" underline="always">
          Fill in the form again
        </Anchor>
      </Stack>
    );
  }
  if (!confirm.data) {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>Sending your feedback…</Text>
      </Group>
    );
  }
  return <Acknowledgement result={confirm.data} charter={charter.data} />;
}
