import { useState, type ReactNode, type RefObject } from 'react';
import {
  Button,
  Card,
  Group,
  Select,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowRight,
  IconCheck,
  IconClock,
  IconEdit,
  IconEye,
  IconMail,
  IconMailOpened,
  IconMessageCircle,
  IconNote,
  IconPaperclip,
  IconPoint,
  IconScale,
  IconUser,
} from '@tabler/icons-react';
import {
  CHANNELS,
  customerMessageSchema,
  type Case,
  type TimelineEntry,
} from '../../../../contracts/cases.js';
import { ErrorState } from '../../../components/states.js';
import type { Formatters } from '../../../lib/format.js';
import {
  useAddNote,
  useRecordCustomerMessage,
  useSendMessage,
  useTimeline,
  type CustomerMessageInput,
} from '../api.js';
import { timelineDetails, timelineTypeLabel } from '../timeline.js';
import { CaseProblem } from './CaseProblem.js';

function iconOf(type: string) {
  const size = 14;
  switch (type) {
    case 'note':
      return <IconNote size={size} />;
    case 'message_out':
      return <IconMail size={size} />;
    case 'message_in':
      return <IconMailOpened size={size} />;
    case 'status':
    case 'referred':
      return <IconArrowRight size={size} />;
    case 'assigned':
      return <IconUser size={size} />;
    case 'handling_step':
    case 'approved':
    case 'customer_accepted':
      return <IconCheck size={size} />;
    case 'resolution_proposed':
    case 'approval_requested':
    case 'rejected':
      return <IconScale size={size} />;
    case 'deadline':
    case 'escalated':
      return <IconClock size={size} />;
    case 'attachment':
      return <IconPaperclip size={size} />;
    case 'correction':
      return <IconEdit size={size} />;
    case 'personal_access':
      return <IconEye size={size} />;
    default:
      return <IconPoint size={size} />;
  }
}

function colourOf(type: string): string {
  if (type === 'note') return 'yellow';
  if (type.startsWith('message')) return 'blue';
  if (type === 'escalated' || type === 'rejected' || type === 'customer_rejected') return 'red';
  if (type === 'deadline') return 'orange';
  if (type === 'approved' || type === 'customer_accepted' || type === 'handling_step') return 'teal';
  return 'gray';
}

function Entry({ entry, fmt }: { entry: TimelineEntry; fmt: Formatters }) {
  const details = timelineDetails(entry, fmt.money, fmt.dateTime);
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {timelineTypeLabel(entry.type)}
        </Text>
        <Text size="xs" c="dimmed">
          {entry.actor ? `${entry.actor.name} · ` : ''}
          <time dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>
        </Text>
      </Group>
      {entry.body ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {entry.body}
        </Text>
      ) : null}
      {details.map((line, i) => (
        <Text key={i} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** Everything that happened on the case, oldest first, with the note and message composers below. */
export function CaseTimeline({
  c,
  fmt,
  noteRef,
  composer,
  onComposerChange,
}: {
  c: Case;
  fmt: Formatters;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  composer: string;
  onComposerChange: (tab: string) => void;
}) {
  const timeline = useTimeline(c.id);
  const [newestFirst, setNewestFirst] = useState(false);
  const items = timeline.data ?? [];
  const ordered = newestFirst ? [...items].reverse() : items;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h5" id="timeline-title">
          Timeline
        </Title>
        <Button variant="subtle" size="compact-xs" onClick={() => setNewestFirst((v) => !v)}>
          {newestFirst ? 'Show oldest first' : 'Show newest first'}
        </Button>
      </Group>
      {timeline.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the timeline">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={40} />
          ))}
        </Stack>
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened on this case yet.
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2}>
          {ordered.map((e) => (
            <Timeline.Item
              key={e.id}
              bullet={
                <ThemeIcon size={24} radius="xl" color={colourOf(e.type)} variant="light">
                  {iconOf(e.type)}
                </ThemeIcon>
              }
            >
              <Entry entry={e} fmt={fmt} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {c.allowed.update ? (
        <Tabs value={composer} onChange={(v) => onComposerChange(v ?? 'note')} mt="lg" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="note" leftSection={<IconNote size={14} />}>
              Internal note
            </Tabs.Tab>
            <Tabs.Tab value="message" leftSection={<IconMail size={14} />}>
              Message to customer
            </Tabs.Tab>
            <Tabs.Tab value="customer" leftSection={<IconMessageCircle size={14} />}>
              Customer’s message
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="note" pt="sm">
            <NoteComposer c={c} noteRef={noteRef} />
          </Tabs.Panel>
          <Tabs.Panel value="message" pt="sm">
            <MessageComposer c={c} />
          </Tabs.Panel>
          <Tabs.Panel value="customer" pt="sm">
            <CustomerMessageComposer c={c} />
          </Tabs.Panel>
        </Tabs>
      ) : null}
    </Card>
  );
}

/** A composer's text, its "write it first" check and the problem the server answered. */
function useComposer(emptyError: string) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  /** Checks there is text, then hands it (trimmed) to `send`. */
  const submitWith = (send: (text: string) => void) => (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!body.trim()) {
      setError(emptyError);
      return;
    }
    setError(null);
    send(body.trim());
  };
  return {
    setBody,
    problem,
    setProblem,
    submitWith,
    /** Spread on the text area. */
    bodyProps: {
      value: body,
      error,
      onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.currentTarget.value),
    },
  };
}

/** The problem (if any) and the submit button under a composer. */
function ComposerFooter({
  c,
  problem,
  loading,
  disabled,
  children,
}: {
  c: Case;
  problem: unknown;
  loading: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <CaseProblem error={problem} caseId={c.id} />
      <Group justify="flex-end">
        <Button type="submit" loading={loading} disabled={disabled}>
          {children}
        </Button>
      </Group>
    </>
  );
}

function NoteComposer({ c, noteRef }: { c: Case; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const add = useAddNote(c.id);
  const composer = useComposer('Write the note first');
  const submit = composer.submitWith((body) =>
    add.mutate(
      { body },
      {
        onSuccess: () => {
          composer.setBody('');
          notifications.show({ color: 'teal', message: 'Note added.' });
        },
        onError: composer.setProblem,
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          ref={noteRef}
          label="Note"
          description="Only staff see internal notes"
          autosize
          minRows={3}
          {...composer.bodyProps}
        />
        <ComposerFooter c={c} problem={composer.problem} loading={add.isPending}>
          Add note
        </ComposerFooter>
      </Stack>
    </form>
  );
}

function MessageComposer({ c }: { c: Case }) {
  const send = useSendMessage(c.id);
  const [subject, setSubject] = useState('');
  const composer = useComposer('Write the message first');
  const noEmail = !c.customer.masked && !c.customer.email;
  const submit = composer.submitWith((body) =>
    send.mutate(
      { version: c.version, subject: subject.trim() || undefined, body },
      {
        onSuccess: () => {
          composer.setBody('');
          setSubject('');
          notifications.show({ color: 'teal', message: 'Message queued for sending to the customer.' });
        },
        onError: composer.setProblem,
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {noEmail ? (
          <Text size="sm" c="dimmed">
            The customer has no email address on the case. Add one with Edit, or contact them another way and
            record it as a note.
          </Text>
        ) : null}
        <TextInput
          label="Message subject"
          placeholder={`About your case ${c.reference}`}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          disabled={noEmail}
        />
        <Textarea
          label="Message"
          description="Sent by email; a copy goes on the timeline"
          autosize
          minRows={3}
          {...composer.bodyProps}
          disabled={noEmail}
        />
        <ComposerFooter c={c} problem={composer.problem} loading={send.isPending} disabled={noEmail}>
          Send message
        </ComposerFooter>
      </Stack>
    </form>
  );
}

type ReceivedBy = CustomerMessageInput['channel'];
const RECEIVED_BY = customerMessageSchema.shape.channel.options.map((value) => ({
  value,
  label: CHANNELS[value],
}));

/** What the customer said by phone, at the counter, in a letter…: recorded by staff, not sent anywhere. */
function CustomerMessageComposer({ c }: { c: Case }) {
  const record = useRecordCustomerMessage(c.id);
  const [channel, setChannel] = useState<ReceivedBy>('phone');
  const composer = useComposer('Write what the customer said first');
  const awaiting = c.status === 'awaiting_customer';
  const submit = composer.submitWith((body) =>
    record.mutate(
      { channel, body },
      {
        onSuccess: () => {
          composer.setBody('');
          notifications.show({
            color: 'teal',
            message: awaiting
              ? 'The customer’s message is recorded. The case is back in investigation.'
              : 'The customer’s message is recorded.',
          });
        },
        onError: composer.setProblem,
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {awaiting ? (
          <Text size="sm" c="dimmed">
            The case is waiting for the customer: recording their message moves it back to investigation and
            restarts its deadline clocks.
          </Text>
        ) : null}
        <Select
          label="Received by"
          data={RECEIVED_BY}
          value={channel}
          allowDeselect={false}
          onChange={(v) => v && setChannel(v as ReceivedBy)}
          maw={280}
        />
        <Textarea
          label="What the customer said"
          description="Goes on the timeline; nothing is sent to the customer"
          autosize
          minRows={3}
          {...composer.bodyProps}
        />
        <ComposerFooter c={c} problem={composer.problem} loading={record.isPending}>
          Record message
        </ComposerFooter>
      </Stack>
    </form>
  );
}
