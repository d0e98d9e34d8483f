import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus, IconScale, IconTrash, IconX } from '@tabler/icons-react';
import {
  MONEY_ACTIONS,
  RESOLUTION_ACTIONS,
  type Case,
  type Resolution,
  type ResolutionActionType,
} from '../../../../contracts/cases.js';
import { useFormProblem } from '../../../components/ProblemAlert.js';
import { currencySymbol, type Formatters } from '../../../lib/format.js';
import { useApprovers, useDecideResolution, useProposeResolution } from '../api.js';
import { parseDollarsToCents } from '../money.js';
import { CaseProblem } from './CaseProblem.js';

const ACTION_OPTIONS = Object.entries(RESOLUTION_ACTIONS).map(([value, label]) => ({ value, label }));

const RESOLUTION_STATUS: Record<Resolution['status'], { label: string; colour: string }> = {
  approved: { label: 'Approved', colour: 'teal' },
  pending_approval: { label: 'Waiting for approval', colour: 'grape' },
  rejected: { label: 'Rejected', colour: 'red' },
  superseded: { label: 'Superseded', colour: 'gray' },
};

const isMoney = (type: string) => MONEY_ACTIONS.includes(type as ResolutionActionType);

/** The proposed resolution, the authority it needs, the approval state and the composer. */
export function ResolutionPanel({ c, fmt }: { c: Case; fmt: Formatters }) {
  const [composing, setComposing] = useState(false);
  const r = c.resolution;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="resolution-title">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap={6}>
          <IconScale size={18} aria-hidden />
          <Title order={2} size="h5" id="resolution-title">
            Resolution and approval
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Your authority limit: <strong>{fmt.money(c.authorityLimitCents)}</strong>
        </Text>
      </Group>
      <Stack gap="md">
        {r ? <ResolutionSummary c={c} r={r} fmt={fmt} /> : null}
        {!r && !composing ? (
          <Text size="sm" c="dimmed">
            No resolution proposed yet.
          </Text>
        ) : null}
        {c.allowed.propose && !composing ? (
          <Button
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={16} />}
            onClick={() => setComposing(true)}
          >
            {r ? 'Propose a new resolution' : 'Propose resolution'}
          </Button>
        ) : null}
        {composing ? <ResolutionComposer c={c} fmt={fmt} onDone={() => setComposing(false)} /> : null}
      </Stack>
    </Card>
  );
}

function ResolutionSummary({ c, r, fmt }: { c: Case; r: Resolution; fmt: Formatters }) {
  const status = RESOLUTION_STATUS[r.status];
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Badge color={status.colour} variant="light" tt="none">
          {status.label}
        </Badge>
        <Badge color={r.withinAuthority ? 'teal' : 'orange'} variant="light" tt="none">
          {r.withinAuthority ? 'Within the proposer’s authority' : 'Above the proposer’s authority'}
        </Badge>
      </Group>
      <Table withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Action</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th visibleFrom="sm">Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.actions.map((a, i) => (
            <Table.Tr key={i}>
              <Table.Td>{RESOLUTION_ACTIONS[a.type]}</Table.Td>
              <Table.Td ta="right">{a.amountCents ? fmt.money(a.amountCents) : '—'}</Table.Td>
              <Table.Td visibleFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                {a.note}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td ta="right" fw={700}>
              {fmt.money(r.totalCents)}
            </Table.Td>
            <Table.Td visibleFrom="sm" />
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {r.summary}
      </Text>
      <Text size="xs" c="dimmed">
        Proposed by {r.proposedBy.name}, {fmt.dateTime(r.proposedAt)}.
        {r.approver && r.status === 'pending_approval' ? ` Waiting for ${r.approver.name}.` : ''}
        {r.decidedBy && r.decidedAt
          ? ` ${r.status === 'rejected' ? 'Rejected' : 'Approved'} by ${r.decidedBy.name}, ${fmt.dateTime(r.decidedAt)}.`
          : ''}
      </Text>
      {r.decisionReason ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <strong>Reason:</strong> {r.decisionReason}
        </Text>
      ) : null}
      {r.status === 'pending_approval' && c.allowed.approve ? <ApprovalDecision c={c} /> : null}
      {r.status === 'pending_approval' && !c.allowed.approve ? (
        <Text size="sm" c="dimmed">
          The response cannot be sent until the resolution is approved.
        </Text>
      ) : null}
    </Stack>
  );
}

function ApprovalDecision({ c }: { c: Case }) {
  const decide = useDecideResolution(c.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const send = (approve: boolean) => {
    setProblem(null);
    if (!approve && !reason.trim()) {
      setError('Say why the resolution is rejected');
      return;
    }
    setError(null);
    decide.mutate(
      { version: c.version, approve, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: approve ? 'teal' : 'orange',
            message: approve ? 'Resolution approved.' : 'Resolution rejected.',
          });
          setReason('');
        },
        onError: setProblem,
      },
    );
  };
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-grape-light)">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          This resolution is waiting for your approval.
        </Text>
        <Textarea
          label="Decision reason"
          description="Required to reject; goes on the timeline"
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <CaseProblem error={problem} caseId={c.id} />
        <Group gap="sm">
          <Button
            color="teal"
            leftSection={<IconCheck size={16} />}
            loading={decide.isPending}
            onClick={() => send(true)}
          >
            Approve resolution
          </Button>
          <Button
            color="red"
            variant="light"
            leftSection={<IconX size={16} />}
            disabled={decide.isPending}
            onClick={() => send(false)}
          >
            Reject resolution
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

interface ActionRow {
  type: string;
  amount: string;
  note: string;
}

function ResolutionComposer({ c, fmt, onDone }: { c: Case; fmt: Formatters; onDone: () => void }) {
  const propose = useProposeResolution(c.id);
  // Composed against this version: a change by someone else meanwhile makes the proposal stale.
  const [baseVersion] = useState(c.version);
  const symbol = currencySymbol(fmt.locale, fmt.currency);
  const form = useForm<{ actions: ActionRow[]; summary: string; approverId: string }>({
    mode: 'controlled',
    initialValues: { actions: [{ type: 'refund', amount: '', note: '' }], summary: '', approverId: '' },
    validate: {
      actions: {
        type: (v) => (v ? null : 'Choose an action'),
        amount: (v, values, path) => {
          const i = Number(path.split('.')[1]);
          if (!isMoney(values.actions[i]?.type ?? '')) return null;
          const parsed = parseDollarsToCents(v);
          return parsed.ok ? null : parsed.message;
        },
      },
      summary: (v) => (v.trim() ? null : 'Summarise the resolution for the customer'),
    },
  });
  const problem = useFormProblem(form);
  const total = form.values.actions.reduce((sum, a) => {
    if (!isMoney(a.type)) return sum;
    const parsed = parseDollarsToCents(a.amount);
    return parsed.ok ? sum + parsed.cents : sum;
  }, 0);
  const needsApproval = total > c.authorityLimitCents;
  const approvers = useApprovers(c.id, needsApproval);
  const approverOptions = (approvers.data ?? [])
    .filter((a) => a.limitCents >= total)
    .map((a) => ({ value: a.id, label: `${a.name} (limit ${fmt.money(a.limitCents)})` }));

  const submit = form.onSubmit((v) => {
    problem.clear();
    propose.mutate(
      {
        version: baseVersion,
        actions: v.actions.map((a) => {
          const parsed = isMoney(a.type) ? parseDollarsToCents(a.amount) : null;
          return {
            type: a.type as ResolutionActionType,
            amountCents: parsed?.ok ? parsed.cents : 0,
            note: a.note.trim(),
          };
        }),
        summary: v.summary.trim(),
        approverId: needsApproval && v.approverId ? v.approverId : undefined,
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: needsApproval ? 'Resolution sent for approval.' : 'Resolution proposed.',
          });
          onDone();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Propose a resolution">
      <Stack gap="sm">
        {form.values.actions.map((a, i) => (
          <Card key={i} withBorder padding="sm" pos="relative">
            <Group align="flex-start" gap="sm" wrap="wrap" pr={form.values.actions.length > 1 ? 36 : 0}>
              <Select
                label={`Action ${i + 1}`}
                data={ACTION_OPTIONS}
                allowDeselect={false}
                w={{ base: '100%', xs: 240 }}
                {...form.getInputProps(`actions.${i}.type`)}
              />
              {isMoney(a.type) ? (
                <TextInput
                  label={`Amount for action ${i + 1}`}
                  leftSection={<Text size="sm">{symbol}</Text>}
                  inputMode="decimal"
                  placeholder="0.00"
                  w={{ base: '100%', xs: 160 }}
                  {...form.getInputProps(`actions.${i}.amount`)}
                />
              ) : null}
              <TextInput
                label={`Note for action ${i + 1}`}
                style={{ flex: '1 1 200px' }}
                {...form.getInputProps(`actions.${i}.note`)}
              />
              {form.values.actions.length > 1 ? (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  pos="absolute"
                  top={8}
                  right={8}
                  aria-label={`Remove action ${i + 1}`}
                  onClick={() => form.removeListItem('actions', i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          </Card>
        ))}
        {form.values.actions.length < 10 ? (
          <Button
            variant="subtle"
            size="compact-sm"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('actions', { type: 'apology', amount: '', note: '' })}
          >
            Add action
          </Button>
        ) : null}
        <Text size="sm" fw={600} aria-live="polite">
          Total: {fmt.money(total)}
        </Text>
        {needsApproval ? (
          <Alert color="orange" variant="light" title="Needs approval">
            <Stack gap="xs">
              <Text size="sm">
                Needs approval — above your {fmt.money(c.authorityLimitCents)} limit. The response cannot be
                sent until someone whose limit covers {fmt.money(total)} approves it.
              </Text>
              <Select
                label="Approver"
                placeholder="Let Verity choose"
                clearable
                data={approverOptions}
                nothingFoundMessage="Nobody’s limit covers this amount"
                value={form.values.approverId || null}
                onChange={(x) => form.setFieldValue('approverId', x ?? '')}
              />
            </Stack>
          </Alert>
        ) : null}
        <Textarea
          label="Resolution summary"
          description="What you will do, in words the customer will read"
          required
          autosize
          minRows={3}
          {...form.getInputProps('summary')}
        />
        <CaseProblem error={problem.problem} caseId={c.id} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={propose.isPending}>
            {needsApproval ? 'Request approval' : 'Propose resolution'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
