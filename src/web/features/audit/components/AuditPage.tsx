import '@mantine/dates/styles.css';
import { Fragment, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import {
  IconChevronDown,
  IconChevronRight,
  IconEyeCheck,
  IconHistory,
  IconLinkOff,
  IconShieldCheck,
} from '@tabler/icons-react';
import type { AuditEvent } from '../../../../contracts/audit.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useAllUsers } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { AUDIT_ENTITY_TYPES } from '../../../../contracts/audit.js';
import { useAuditEvents, useVerifyChain } from '../api.js';
import { startOfDayIn } from '../time-zone.js';
import { FieldDiff } from './FieldDiff.js';
import { LogTable } from './LogTable.js';

const ENTITY_TYPES = Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({ value, label }));
const ENTITY_LABEL = new Map<string, string>(Object.entries(AUDIT_ENTITY_TYPES));

function actionColour(action: string): string {
  if (/deactivated|revoked|signed_out/.test(action)) return 'red';
  if (/created|invited|accepted|reactivated/.test(action)) return 'teal';
  if (/password|signed_in/.test(action)) return 'grape';
  return 'blue';
}

/** "Alex Morgan <alex@example.com>" → the name, with the address beneath. */
function ActorLabel({ label }: { label: string }) {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(label);
  if (!m) return <Text size="sm">{label}</Text>;
  return (
    <>
      <Text size="sm">{m[1]}</Text>
      <Text size="xs" c="dimmed">
        {m[2]}
      </Text>
    </>
  );
}

export function AuditPage() {
  const fmt = useFormat();
  const { can } = useCurrentUser();
  const users = useAllUsers(can('org:read'));
  const [entityType, setEntityType] = useState<string | null>(null);
  const [actionInput, setActionInput] = useState('');
  const [action] = useDebouncedValue(actionInput.trim(), 300);
  const [actorId, setActorId] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState<string | null>(null);
  const [toDay, setToDay] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const verify = useVerifyChain();

  const events = useAuditEvents({
    entityType: entityType ?? undefined,
    action: action || undefined,
    actorId: actorId ?? undefined,
    from: fromDay ? startOfDayIn(fromDay, fmt.timeZone) : undefined,
    // "To 5 March" includes the whole of 5 March.
    to: toDay ? startOfDayIn(toDay, fmt.timeZone, 1) : undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!entityType || !!action || !!actorId || !!fromDay || !!toDay;

  const toggle = (seq: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  const clear = () => {
    setEntityType(null);
    setActionInput('');
    setActorId(null);
    setFromDay(null);
    setToDay(null);
  };

  const body = (
    <LogTable
      list={events}
      shown={rows.length}
      skeletonColumns={5}
      filtered={filtered}
      onClearFilters={clear}
      emptyIcon={<IconHistory size={28} />}
      emptyTitle="No events yet"
      emptyDescription="Every change to the organisation, people, roles and stakeholders is recorded here as it happens."
      noMatchTitle="No events match"
      noMatchDescription="Widen the dates or clear the filters."
      columns={
        <>
          <Table.Th w={44}>
            <span className="visually-hidden">Details</span>
          </Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th visibleFrom="sm">Record</Table.Th>
          <Table.Th visibleFrom="md">By</Table.Th>
          <Table.Th ta="right" visibleFrom="sm">
            #
          </Table.Th>
        </>
      }
    >
      {rows.map((e: AuditEvent) => {
        const open = expanded.has(e.seq);
        const detailId = `audit-event-${e.seq}`;
        return (
          <Fragment key={e.seq}>
            <Table.Tr
              onClick={() => toggle(e.seq)}
              style={{ cursor: 'pointer' }}
              bg={open ? 'var(--mantine-color-default-hover)' : undefined}
            >
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-expanded={open}
                  aria-controls={open ? detailId : undefined}
                  aria-label={`${open ? 'Hide' : 'Show'} details of event ${e.seq}`}
                  onClick={(ev) => {
                    ev.stopPropagation();
                    toggle(e.seq);
                  }}
                >
                  {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                </ActionIcon>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{fmt.dateTime(e.at)}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={actionColour(e.action)} variant="light" tt="none" ff="monospace">
                  {e.action}
                </Badge>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {ENTITY_LABEL.get(e.entityType) ?? e.entityType} · {e.actorLabel.replace(/\s*<[^>]+>$/, '')}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{ENTITY_LABEL.get(e.entityType) ?? e.entityType}</Text>
                <Tooltip label={e.entityId}>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {e.entityId.slice(0, 8)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td visibleFrom="md">
                <ActorLabel label={e.actorLabel} />
              </Table.Td>
              <Table.Td ta="right" visibleFrom="sm">
                <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {e.seq}
                </Text>
              </Table.Td>
            </Table.Tr>
            {open ? (
              <Table.Tr id={detailId}>
                <Table.Td colSpan={6} p="md" bg="var(--mantine-color-default-hover)">
                  <Stack gap="sm">
                    <FieldDiff before={e.before} after={e.after} />
                    <Group gap="lg" wrap="wrap">
                      <Text size="xs" c="dimmed">
                        Record id <span className="mono">{e.entityId}</span>
                      </Text>
                      {e.requestId ? (
                        <Text size="xs" c="dimmed">
                          Request <span className="mono">{e.requestId}</span>
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed">
                        {e.hash ? (
                          <>
                            Hash <span className="mono">{e.hash.slice(0, 16)}…</span>
                          </>
                        ) : (
                          'Being linked into the chain'
                        )}
                      </Text>
                    </Group>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Fragment>
        );
      })}
    </LogTable>
  );

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={`Every change, newest first, in an append-only hash chain. Times are in ${fmt.timeZone}.`}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconEyeCheck size={16} />}
              renderRoot={(props) => <Link {...props} to="/audit/personal-access" />}
            >
              Who viewed personal details
            </Button>
            <Button
              variant="light"
              leftSection={<IconShieldCheck size={16} />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              Verify chain
            </Button>
          </>
        }
      />
      <Stack gap="md">
        {verify.data ? (
          verify.data.ok ? (
            <Alert
              color="teal"
              variant="light"
              icon={<IconShieldCheck size={20} />}
              title="The chain is intact"
              withCloseButton
              onClose={() => verify.reset()}
              role="status"
            >
              All {fmt.number(verify.data.checked)} events were checked. None has been altered, removed or
              reordered.
            </Alert>
          ) : (
            <Alert
              color="red"
              variant="light"
              icon={<IconLinkOff size={20} />}
              title="The chain is broken"
              withCloseButton
              onClose={() => verify.reset()}
              role="alert"
            >
              {verify.data.firstBroken
                ? `The first broken link is event #${verify.data.firstBroken.seq}: ${verify.data.firstBroken.reason}.`
                : 'An event does not match the chain.'}{' '}
              {fmt.number(verify.data.checked)} events were checked. Events from that point may have been
              altered outside Verity.
            </Alert>
          )
        ) : null}
        {verify.isError ? <ErrorState title="The chain could not be checked" error={verify.error} /> : null}

        <Card withBorder padding="md">
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
            <Select
              label="Record type"
              placeholder="Any type"
              data={ENTITY_TYPES}
              value={entityType}
              onChange={setEntityType}
              clearable
            />
            <TextInput
              label="Action starts with"
              placeholder="e.g. user. or area.created"
              value={actionInput}
              onChange={(ev) => setActionInput(ev.currentTarget.value)}
            />
            {users.data ? (
              <Select
                label="Done by"
                placeholder="Anyone"
                data={users.data.map((u) => ({ value: u.id, label: u.name }))}
                value={actorId}
                onChange={setActorId}
                clearable
                searchable
              />
            ) : (
              <Select label="Done by" placeholder="Anyone" data={[]} disabled />
            )}
            <DatePickerInput
              label="From"
              placeholder="Any date"
              value={fromDay}
              onChange={setFromDay}
              clearable
              maxDate={toDay ?? undefined}
              valueFormat="D MMM YYYY"
            />
            <DatePickerInput
              label="To"
              placeholder="Any date"
              value={toDay}
              onChange={setToDay}
              clearable
              minDate={fromDay ?? undefined}
              valueFormat="D MMM YYYY"
            />
          </SimpleGrid>
        </Card>
        {body}
      </Stack>
    </>
  );
}
