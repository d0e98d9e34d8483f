import { useEffect, useRef } from 'react';
import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { CaseKind } from '../../../../contracts/cases.js';
import type { Charter, SubmissionResult } from '../../../../contracts/public.js';

const KIND_WORDS: Record<CaseKind, string> = {
  complaint: 'complaint',
  compliment: 'compliment',
  suggestion: 'suggestion',
  enquiry: 'question',
};

/** What became of the files chosen on the form: added, refused (with why), or to be added later. */
export type FilesOutcome = { added: number } | { error: string } | { later: true } | null;

/** What the customer sees the moment their feedback is recorded: the reference and what happens next. */
export function Acknowledgement({
  result,
  charter,
  onAnother,
  files = null,
}: {
  result: SubmissionResult;
  charter: Charter | undefined;
  onAnother?: () => void;
  files?: FilesOutcome;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const usual = charter?.timeframes.find((t) => t.priority === charter.usualPriority);

  if (result.status === 'check_email') {
    return (
      <Stack gap="lg">
        <Title order={1} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          Check your email
        </Title>
        <Text>
          We have sent a link to your email address. Your {KIND_WORDS[result.kind]} is sent to us when you
          open that link, within 24 hours.
        </Text>
        <Text>If the email does not arrive in a few minutes, look in your junk or spam folder.</Text>
        {files ? (
          <Text>You can add your files on the track page once we have your {KIND_WORDS[result.kind]}.</Text>
        ) : null}
        <Anchor component={Link} to="/charter" underline="always">
          Read our service charter
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Title order={1} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        Thank you — we have received your {KIND_WORDS[result.kind]}
      </Title>
      <Card withBorder padding="lg" radius="md" bg="var(--mantine-color-teal-light)">
        <Stack gap={4} align="center">
          <Text>Your reference number is</Text>
          <Text
            fz={32}
            fw={800}
            className="mono"
            style={{ fontSize: 32, letterSpacing: 1 }}
            data-testid="reference"
          >
            {result.reference}
          </Text>
          <Text size="sm">Keep it: you need it to check progress or to contact us about this.</Text>
        </Stack>
      </Card>
      {files && 'added' in files ? (
        <Alert color="teal" title="Your files were added">
          {files.added === 1
            ? 'We added 1 file to your case.'
            : `We added ${files.added} files to your case.`}
        </Alert>
      ) : null}
      {files && 'error' in files ? (
        <Alert color="orange" title="Your files were not added" role="alert">
          {files.error} Your {KIND_WORDS[result.kind]} was received; you can add files on the track page.
        </Alert>
      ) : null}
      <Stack gap="xs">
        <Title order={2}>What happens next</Title>
        <List type="ordered" spacing="xs">
          <List.Item>We have emailed you a confirmation with your reference number.</List.Item>
          <List.Item>
            {usual
              ? `A member of our team will look at it and contact you within ${usual.acknowledgement}. We aim to give you a first response within ${usual.firstResponse} and to resolve it within ${usual.resolution}.`
              : 'A member of our team will look at it and contact you soon.'}
          </List.Item>
          <List.Item>You can check progress, add information or reply to us at any time.</List.Item>
        </List>
      </Stack>
      <Group>
        {result.trackingToken ? (
          <Button
            size="md"
            renderRoot={(props) => (
              <Link {...props} to="/track" search={{ t: result.trackingToken ?? undefined }} />
            )}
          >
            Track your case
          </Button>
        ) : null}
        {onAnother ? (
          <Button variant="outline" size="md" onClick={onAnother}>
            Send more feedback
          </Button>
        ) : null}
      </Group>
      <Anchor component={Link} to="/charter" underline="always">
        Read our service charter
      </Anchor>
    </Stack>
  );
}
