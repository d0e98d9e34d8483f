import { useRef, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { IconArrowLeft, IconClockEdit, IconPencil, IconUserShare } from '@tabler/icons-react';
import {
  CASE_KINDS,
  CHANNELS,
  EXTERNAL_BODIES,
  NEED_TYPES,
  OUTCOMES,
  ROOT_CAUSES,
  SEVERITIES,
  type Case,
  type CaseStatus,
} from '../../../../contracts/cases.js';
import { ErrorState } from '../../../components/states.js';
import { isApiError } from '../../../lib/api.js';
import { useFormat, type Formatters } from '../../../lib/format.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useCase } from '../api.js';
import { categoryLabel } from '../category-options.js';
import { useCaseEvents } from '../hooks/useCaseEvents.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import type { Shortcut } from '../shortcuts.js';
import { AssignModal } from './AssignModal.js';
import { EscalatedBadge, PriorityBadge, ShortcutsButton, ShortcutsHelp, StatusBadge } from './badges.js';
import { CaseClocks } from './CaseClocks.js';
import { CaseTimeline } from './CaseTimeline.js';
import { CustomerPanel } from './CustomerPanel.js';
import { EditCaseModal } from './EditCaseModal.js';
import { HandlingGuide } from './HandlingGuide.js';
import { ReceivedAtModal } from './ReceivedAtModal.js';
import { ResolutionPanel } from './ResolutionPanel.js';
import { ResponsePanel } from './ResponsePanel.js';
import { transitionLabel, TransitionModal } from './TransitionModal.js';

const route = getRouteApi('/app/cases/$id');

function BackLink() {
  return (
    <Anchor
      component={Link}
      to="/cases"
      size="sm"
      mb="sm"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} aria-hidden /> Back to the queue
    </Anchor>
  );
}

/** One case: what happened, who it is with, its deadlines, resolution, response and timeline. */
/**
 * Cards other features add to the side column (files, …). The route composes them, because web features do
 * not import each other.
 */
export type CaseSideCards = (c: Case) => ReactNode;

export function CasePage({ sideCards }: { sideCards?: CaseSideCards } = {}) {
  const { id } = route.useParams();
  const query = useCase(id);
  const { user } = useCurrentUser();
  useCaseEvents(id, user.id);
  const notFound = isApiError(query.error) && query.error.status === 404;
  useDocumentTitle(`${query.data?.reference ?? (notFound ? 'Case not found' : 'Case')} · Verity`);

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading the case">
        <BackLink />
        <Skeleton height={36} width="40%" />
        <Skeleton height={20} width="60%" />
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Skeleton height={320} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Skeleton height={320} />
          </Grid.Col>
        </Grid>
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="md" maw={640}>
        <BackLink />
        <Title order={1} fz={28}>
          {notFound ? 'Case not found' : 'This case could not be loaded'}
        </Title>
        {notFound ? (
          <Alert color="yellow" variant="light">
            There is no such case, or it belongs to a business area you do not work in.
          </Alert>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  }
  return <CaseView c={query.data} sideCards={sideCards} />;
}

function CaseView({ c, sideCards }: { c: Case; sideCards?: CaseSideCards }) {
  const fmt = useFormat();
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const [transitionTo, setTransitionTo] = useState<CaseStatus | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [editing, setEditing] = useState(false);
  const [correctingReceived, setCorrectingReceived] = useState(false);
  const [help, setHelp] = useState(false);
  const [composer, setComposer] = useState('note');
  const noteRef = useRef<HTMLTextAreaElement | null>(null);

  const shortcuts: Shortcut[] = [
    {
      keys: 'n',
      description: 'Add a note',
      run: () => {
        setComposer('note');
        window.setTimeout(() => {
          noteRef.current?.scrollIntoView({ block: 'center' });
          noteRef.current?.focus();
        }, 0);
      },
      disabled: !c.allowed.update,
    },
    {
      keys: 'a',
      description: 'Assign or reassign',
      run: () => setAssigning(true),
      disabled: !c.allowed.assign,
    },
    { keys: 'e', description: 'Edit the case', run: () => setEditing(true), disabled: !c.allowed.update },
    { keys: 'g q', description: 'Back to the queue', run: () => void navigate({ to: '/cases' }) },
    { keys: '?', description: 'Show these shortcuts', run: () => setHelp(true) },
  ];
  useShortcuts(shortcuts);

  return (
    <>
      <BackLink />
      <Stack gap={6} mb="md">
        <Group gap="sm" wrap="wrap" align="center">
          <Title order={1} fz={{ base: 24, sm: 28 }} lh={1.2} ff="monospace">
            {c.reference}
          </Title>
          <StatusBadge status={c.status} />
          <PriorityBadge priority={c.priority} />
          <Badge variant="light" color="gray" tt="none">
            {CASE_KINDS[c.kind]}
          </Badge>
          {c.escalated ? <EscalatedBadge /> : null}
        </Group>
        <Text size="lg" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {c.subject}
        </Text>
        <Text size="sm" c="dimmed">
          {CHANNELS[c.channel]} · received {fmt.dateTime(c.receivedAt)} · {c.area.name}
          {c.assignee ? ` · with ${c.assignee.name}` : ' · unassigned'}
        </Text>
      </Stack>

      <Group gap="sm" mb="lg" wrap="wrap" role="toolbar" aria-label="Case actions">
        {c.allowed.transitions.map((to) => (
          <Button
            key={to}
            variant={to === 'closed' ? 'default' : 'light'}
            color={to === 'referred_external' || to === 'under_review' ? 'orange' : undefined}
            onClick={() => setTransitionTo(to)}
          >
            {transitionLabel(to)}
          </Button>
        ))}
        {c.allowed.assign ? (
          <Button
            variant="default"
            leftSection={<IconUserShare size={16} />}
            onClick={() => setAssigning(true)}
            aria-keyshortcuts="a"
          >
            {c.assignee ? 'Reassign' : 'Assign'}
          </Button>
        ) : null}
        {c.allowed.update ? (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => setEditing(true)}
            aria-keyshortcuts="e"
          >
            Edit
          </Button>
        ) : null}
        <ShortcutsButton onClick={() => setHelp(true)} />
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <CaseDetails c={c} />
            <ResolutionPanel c={c} fmt={fmt} />
            <ResponsePanel c={c} fmt={fmt} />
            <CaseTimeline
              c={c}
              fmt={fmt}
              noteRef={noteRef}
              composer={composer}
              onComposerChange={setComposer}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <CaseClocks clocks={c.clocks} fmt={fmt} />
            <CaseFacts
              c={c}
              fmt={fmt}
              onCorrectReceived={can('cases:assign') ? () => setCorrectingReceived(true) : undefined}
            />
            <CustomerPanel c={c} />
            {sideCards?.(c)}
            <HandlingGuide c={c} fmt={fmt} />
          </Stack>
        </Grid.Col>
      </Grid>

      <TransitionModal c={c} to={transitionTo} onClose={() => setTransitionTo(null)} />
      <AssignModal c={c} opened={assigning} onClose={() => setAssigning(false)} />
      {editing ? <EditCaseModal c={c} opened onClose={() => setEditing(false)} /> : null}
      {correctingReceived ? (
        <ReceivedAtModal c={c} fmt={fmt} onClose={() => setCorrectingReceived(false)} />
      ) : null}
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} shortcuts={shortcuts} />
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.4} mb={2}>
        {title}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function CaseDetails({ c }: { c: Case }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="details-title">
      <Title order={2} size="h5" id="details-title" mb="sm">
        What happened
      </Title>
      <Stack gap="md">
        <Block title="Description">{c.description}</Block>
        <Block title="Outcome the customer wants">
          {c.desiredOutcome || (
            <Text span c="dimmed">
              Not stated
            </Text>
          )}
        </Block>
        {c.concernsUser || c.concernsProduct ? (
          <Block title="It concerns">
            {[c.concernsUser?.name, c.concernsProduct].filter(Boolean).join(' · ')}
          </Block>
        ) : null}
        {c.outcome ? (
          <Block title="Outcome">
            {OUTCOMES[c.outcome]}
            {c.rootCause ? ` · root cause: ${ROOT_CAUSES[c.rootCause]}` : ''}
            {c.outcomeReason ? `\n${c.outcomeReason}` : ''}
          </Block>
        ) : null}
        {c.externalBody ? (
          <Block title="Referred to">
            {EXTERNAL_BODIES[c.externalBody]}
            {c.externalReference ? ` (reference ${c.externalReference})` : ''}
          </Block>
        ) : null}
      </Stack>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
}

function CaseFacts({
  c,
  fmt,
  onCorrectReceived,
}: {
  c: Case;
  fmt: Formatters;
  /** Only for people who may correct it (cases:assign). */
  onCorrectReceived?: () => void;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="facts-title">
      <Title order={2} size="h5" id="facts-title" mb="sm">
        Details
      </Title>
      <Stack gap={6}>
        <Fact label="Business area" value={c.area.name} />
        <Fact label="Team" value={c.team?.name ?? '—'} />
        <Fact label="Assignee" value={c.assignee?.name ?? 'Unassigned'} />
        <Fact label="Category" value={categoryLabel(c.category) || '—'} />
        <Fact label="Need type" value={c.needType ? NEED_TYPES[c.needType] : '—'} />
        <Fact label="Severity" value={SEVERITIES[c.severity]} />
        <Fact label="Channel" value={CHANNELS[c.channel]} />
        <Fact label="Received" value={fmt.dateTime(c.receivedAt)} />
        {onCorrectReceived ? (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="compact-xs"
              leftSection={<IconClockEdit size={14} aria-hidden />}
              onClick={onCorrectReceived}
            >
              Correct received time
            </Button>
          </Group>
        ) : null}
        {c.acknowledgedAt ? <Fact label="Acknowledged" value={fmt.dateTime(c.acknowledgedAt)} /> : null}
        {c.closedAt ? <Fact label="Closed" value={fmt.dateTime(c.closedAt)} /> : null}
        {c.createdBy ? <Fact label="Recorded by" value={c.createdBy.name} /> : null}
        {c.resolvedAtFirstContact ? <Fact label="Resolved at first contact" value="Yes" /> : null}
        {c.reopenCount ? <Fact label="Reopened" value={`${c.reopenCount}×`} /> : null}
        {c.disputeCount ? <Fact label="Disputed" value={`${c.disputeCount}×`} /> : null}
      </Stack>
    </Card>
  );
}
