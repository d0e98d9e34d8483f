import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { IconCheck, IconPointFilled } from '@tabler/icons-react';
import type { CaseKind, CustomerCaseView, CustomerStage } from '../../../../contracts/cases.js';
import { problemSummary } from '../../../components/ProblemAlert.js';
import { isApiError } from '../../../lib/api.js';
import { fieldForPath, sentence } from '../../../lib/forms.js';
import {
  useAddTrackFiles,
  useCharter,
  useTrackDecision,
  useTrackedCase,
  useTrackFiles,
  useTrackLookup,
  useTrackReply,
} from '../api.js';
import { checkFiles, FilePicker } from './FilePicker.js';
import { ErrorSummary, fieldId, type SummaryItem } from './ErrorSummary.js';
import { Paragraphs } from './Paragraphs.js';

const KIND_WORDS: Record<CaseKind, string> = {
  complaint: 'complaint',
  compliment: 'compliment',
  suggestion: 'suggestion',
  enquiry: 'question',
};

/** The steps a customer sees, in their words. */
const STEPS: { stage: CustomerStage; label: string; hint: string }[] = [
  { stage: 'received', label: 'Received', hint: 'We have received it.' },
  { stage: 'in_progress', label: 'Being looked at', hint: 'Someone is looking into it.' },
  { stage: 'responded', label: 'Response sent', hint: 'We have sent you our response.' },
  { stage: 'closed', label: 'Closed', hint: 'We have finished dealing with it.' },
];
const NOW_WORDS: Record<CustomerStage, string> = {
  received: 'We have received it and will look at it soon.',
  in_progress: 'We are looking into it.',
  waiting_for_you: 'We are waiting for information from you. Please reply below.',
  responded: 'We have sent you our response. Tell us below whether you accept it.',
  closed: 'It is closed.',
  under_review: 'You asked for a review. Someone who was not involved is reviewing our response.',
  referred: 'It has been referred to an external body.',
};
const STEP_OF: Record<CustomerStage, number> = {
  received: 0,
  in_progress: 1,
  waiting_for_you: 1,
  under_review: 1,
  referred: 1,
  responded: 2,
  closed: 3,
};

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
const day = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(iso),
  );

export function TrackPage() {
  const { t } = useSearch({ from: '/customer/track' });
  return t ? <TrackedCase token={t} /> : <TrackLookup />;
}

function TrackLookup() {
  const charter = useCharter();
  useDocumentTitle(`Track a case · ${charter.data?.branding.name ?? 'Customer service'}`);
  const lookup = useTrackLookup();
  const navigate = useNavigate();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Each time the summary is shown, focus moves to it so it is read out and its links come next.
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reference: '', email: '' },
    validate: {
      reference: (v) => (v.trim() ? null : 'Enter your reference number, like VR-26-7KQ4-MX'),
      email: (v) =>
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'Enter the email address you gave us',
    },
  });
  const show = (errors: Record<string, unknown>) => {
    setSummary(
      ['reference', 'email']
        .filter((f) => errors[f])
        .map((f) => ({ id: fieldId(f), message: String(errors[f]) })),
    );
    setShown((n) => n + 1);
  };
  const submit = form.onSubmit(
    (values) => {
      setSummary([]);
      lookup.mutate(values, {
        onSuccess: ({ trackingToken }) => void navigate({ to: '/track', search: { t: trackingToken } }),
        onError: (error) => {
          if (isApiError(error) && error.fieldErrors.length) {
            const errors: Record<string, string> = {};
            for (const e of error.fieldErrors) {
              const f = fieldForPath(values, e.path);
              if (f) errors[f] ??= sentence(e.message);
            }
            form.setErrors(errors);
            show(errors);
          }
        },
      });
    },
    (errors) => show(errors),
  );
  const notFound = lookup.isError && !(isApiError(lookup.error) && lookup.error.fieldErrors.length);

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={1}>Track a case</Title>
        <Text>
          Enter the reference number we gave you and the email address you used. You can also open the link in
          any email we sent you.
        </Text>
      </Stack>
      <ErrorSummary ref={summaryRef} items={summary} />
      <form onSubmit={submit} noValidate aria-label="Find your case">
        <Stack gap="md" maw={440}>
          <TextInput
            id="reference"
            label="Reference number"
            description="For example: VR-26-7KQ4-MX"
            required
            autoComplete="off"
            maxLength={40}
            {...form.getInputProps('reference')}
          />
          <TextInput
            id="email"
            label="Your email address"
            type="email"
            required
            autoComplete="email"
            maxLength={254}
            {...form.getInputProps('email')}
          />
          {notFound ? (
            <Alert color="red" title={problemSummary(lookup.error).title} role="alert">
              {problemSummary(lookup.error).detail}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" size="md" loading={lookup.isPending}>
              Find my case
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm">
        Lost your reference?{' '}
        <Anchor component={Link} to="/feedback" underline="always">
          Contact us through the feedback form
        </Anchor>{' '}
        and say so.
      </Text>
    </Stack>
  );
}

function Progress({ view }: { view: CustomerCaseView }) {
  const current = STEP_OF[view.stage];
  return (
    <List
      spacing="sm"
      center
      aria-label="Progress"
      icon={null}
      styles={{ itemWrapper: { alignItems: 'center' } }}
    >
      {STEPS.map((step, i) => {
        const done = i < current || (i === current && view.stage === 'closed');
        const isCurrent = i === current;
        return (
          <List.Item
            key={step.stage}
            aria-current={isCurrent ? 'step' : undefined}
            icon={
              <ThemeIcon
                size={26}
                radius="xl"
                color={done || isCurrent ? 'teal' : 'gray'}
                variant={done ? 'filled' : 'light'}
                aria-hidden
              >
                {done ? <IconCheck size={16} /> : <IconPointFilled size={16} />}
              </ThemeIcon>
            }
          >
            <Text fw={isCurrent ? 700 : 400}>
              {step.label}
              {isCurrent ? <span className="visually-hidden"> (current step)</span> : null}
              {i > current ? <span className="visually-hidden"> (not yet)</span> : null}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

function TrackedCase({ token }: { token: string }) {
  const charter = useCharter();
  const tracked = useTrackedCase(token);
  const orgName = charter.data?.branding.name ?? 'Us';
  const view = tracked.data;
  useDocumentTitle(
    `${view ? `Case ${view.reference}` : 'Your case'} · ${charter.data?.branding.name ?? 'Customer service'}`,
  );

  if (tracked.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading your case">
        <Skeleton h={36} w="70%" />
        <Skeleton h={120} />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (tracked.isError) {
    const { title, detail } = problemSummary(tracked.error);
    const gone = isApiError(tracked.error) && tracked.error.status === 404;
    return (
      <Stack gap="lg">
        <Title order={1}>{gone ? 'We could not open this case' : 'Something went wrong'}</Title>
        <Alert color="red" title={title} role="alert">
          {detail}
        </Alert>
        <Group>
          {gone ? (
            <Button renderRoot={(props) => <Link {...props} to="/track" search={{ t: undefined }} />}>
              Find your case with its reference
            </Button>
          ) : (
            <Button onClick={() => void tracked.refetch()}>Try again</Button>
          )}
        </Group>
      </Stack>
    );
  }
  const v = tracked.data;
  return (
    <Stack gap="xl">
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Your {KIND_WORDS[v.kind]} · reference <span className="mono">{v.reference}</span>
        </Text>
        <Title order={1}>{v.subject}</Title>
        <Text size="sm" c="dimmed">
          Received {when(v.receivedAt)} · {v.area.name}
        </Text>
      </Stack>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="where-now">
        <Stack gap="md">
          <Title order={2} id="where-now" fz="h3">
            Where it is now
          </Title>
          <Text fw={600} role="status">
            {NOW_WORDS[v.stage]}
          </Text>
          {v.expectedBy && v.stage !== 'closed' ? (
            <Text>
              You can expect to hear from us by <strong>{day(v.expectedBy)}</strong>.
            </Text>
          ) : null}
          <Progress view={v} />
        </Stack>
      </Card>

      {v.response ? (
        <Stack gap="xs" component="section" aria-labelledby="our-response">
          <Title order={2} id="our-response">
            Our response
          </Title>
          <Text size="sm" c="dimmed">
            Sent {when(v.response.at)}
          </Text>
          <Card withBorder padding="md">
            <Paragraphs text={v.response.body} />
          </Card>
        </Stack>
      ) : null}

      {v.canDecide ? <Decision token={token} /> : null}
      {v.customerAccepted === true ? (
        <Alert color="teal" title="You accepted our response">
          Thank you for letting us know.
        </Alert>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby="messages">
        <Title order={2} id="messages">
          Messages
        </Title>
        {v.messages.length === 0 ? (
          <Text c="dimmed">No messages yet. When we write to you, the message also appears here.</Text>
        ) : (
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {v.messages.map((m, i) => (
              <Card
                key={i}
                component="li"
                withBorder
                padding="md"
                style={{
                  borderLeft: `4px solid var(--mantine-color-${m.from === 'staff' ? 'teal' : 'gray'}-6)`,
                }}
              >
                <Group gap="xs" mb={4}>
                  <Badge color={m.from === 'staff' ? 'teal' : 'gray'} variant="light">
                    {m.from === 'staff' ? `From ${orgName}` : 'From you'}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {when(m.at)}
                  </Text>
                </Group>
                <Paragraphs text={m.body} size="sm" />
              </Card>
            ))}
          </Stack>
        )}
      </Stack>

      {v.canReply ? <Reply token={token} waiting={v.stage === 'waiting_for_you'} /> : null}

      <Files token={token} canAdd={v.canReply} />

      <Text size="sm">
        Not happy with how we are handling it? Read{' '}
        <Anchor component={Link} to="/charter" hash="escalation" underline="always">
          what you can do in our service charter
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

function Reply({ token, waiting }: { token: string; waiting: boolean }) {
  const reply = useTrackReply(token);
  const [sent, setSent] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { body: '' },
    validate: { body: (v) => (v.trim() ? null : 'Write your message before sending it') },
  });
  const submit = form.onSubmit((values) => {
    setSent(false);
    reply.mutate(values.body, {
      onSuccess: () => {
        form.reset();
        setSent(true);
      },
    });
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="reply-title">
      <Title order={2} id="reply-title">
        {waiting ? 'Reply to us' : 'Add information or reply'}
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="reply-title">
        <Stack gap="sm">
          <Textarea
            id="reply-body"
            label="Your message"
            description="Anything you add is seen by the people handling your case."
            autosize
            minRows={4}
            maxLength={10_000}
            required
            {...form.getInputProps('body')}
          />
          <div aria-live="polite">
            {sent ? (
              <Alert color="teal" title="Sent">
                Your message was added to your case.
              </Alert>
            ) : null}
          </div>
          {reply.isError ? (
            <Alert color="red" title={problemSummary(reply.error).title} role="alert">
              {problemSummary(reply.error).detail}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={reply.isPending}>
              Send message
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Decision({ token }: { token: string }) {
  const decide = useTrackDecision(token);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (reasonError) reasonRef.current?.focus();
  }, [reasonError]);
  const send = (accept: boolean) => {
    if (!accept && !reason.trim()) {
      setReasonError('Tell us why you do not accept our response, so the review can look at it');
      return;
    }
    setReasonError(null);
    decide.mutate({ accept, reason: reason.trim() });
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="decide-title">
      <Stack gap="sm">
        <Title order={2} id="decide-title" fz="h3">
          Do you accept our response?
        </Title>
        <Text size="sm">
          If you do not accept it, a senior person who was not involved will review your case. You can still
          go to an external body afterwards.
        </Text>
        <Textarea
          ref={reasonRef}
          id="decision-reason"
          label="Your comments (needed if you ask for a review)"
          autosize
          minRows={3}
          maxLength={10_000}
          value={reason}
          error={reasonError}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {decide.isError ? (
          <Alert color="red" title={problemSummary(decide.error).title} role="alert">
            {problemSummary(decide.error).detail}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={() => send(true)} loading={decide.isPending && decide.variables?.accept === true}>
            Yes, I accept it
          </Button>
          <Button
            variant="outline"
            color="red"
            onClick={() => send(false)}
            loading={decide.isPending && decide.variables?.accept === false}
          >
            No, I want a review
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function Files({ token, canAdd }: { token: string; canAdd: boolean }) {
  const list = useTrackFiles(token);
  const add = useAddTrackFiles(token);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const [picker, setPicker] = useState(0);
  const send = () => {
    const problem = files.length ? checkFiles(files) : 'Choose at least one file';
    setError(problem);
    setAdded(0);
    if (problem) return;
    add.mutate(files, {
      onSuccess: () => {
        setAdded(files.length);
        setFiles([]);
        // A new input element: the browser keeps no stale choice.
        setPicker((n) => n + 1);
      },
    });
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="files-title">
      <Title order={2} id="files-title">
        Your files
      </Title>
      {list.isPending ? (
        <Skeleton h={40} aria-label="Loading your files" />
      ) : list.isError ? (
        <Alert color="red" title="Your files could not be loaded" role="alert">
          {problemSummary(list.error).detail}
        </Alert>
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">You have not added any files.</Text>
      ) : (
        <List spacing={4}>
          {list.data.items.map((f) => (
            <List.Item key={f.id}>
              <Anchor href={f.downloadUrl} underline="always" download={f.name}>
                {f.name}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                ({size(f.sizeBytes)}, added {when(f.createdAt)})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {canAdd ? (
        <Stack gap="sm">
          <FilePicker
            key={picker}
            id="track-files"
            label="Add photos or documents"
            files={files}
            error={error}
            onChange={(chosen) => {
              setFiles(chosen);
              setError(chosen.length ? checkFiles(chosen) : null);
            }}
          />
          <div aria-live="polite">
            {added ? (
              <Alert color="teal" title="Added">
                {added === 1
                  ? 'Your file was added to your case.'
                  : `Your ${added} files were added to your case.`}
              </Alert>
            ) : null}
          </div>
          {add.isError ? (
            <Alert color="red" title={problemSummary(add.error).title} role="alert">
              {problemSummary(add.error).detail}
            </Alert>
          ) : null}
          <Group>
            <Button variant="outline" onClick={send} loading={add.isPending}>
              Add files
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
