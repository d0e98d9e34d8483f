import { Badge, Button, Group, Kbd, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClockPause, IconFlame, IconKeyboard } from '@tabler/icons-react';
import {
  CASE_STATUSES,
  PRIORITIES,
  type CaseStatus,
  type DeadlineState,
  type Priority,
} from '../../../../contracts/cases.js';
import type { Formatters } from '../../../lib/format.js';
import { DEADLINE_STATE_COLOUR, deadlineStateLabel } from '../clocks.js';
import type { Shortcut } from '../shortcuts.js';

const STATUS_COLOUR: Record<CaseStatus, string> = {
  received: 'blue',
  acknowledged: 'cyan',
  investigating: 'indigo',
  awaiting_customer: 'gray',
  resolution_proposed: 'violet',
  awaiting_approval: 'grape',
  responded: 'teal',
  closed: 'dark',
  reopened: 'orange',
  under_review: 'pink',
  referred_external: 'red',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge color={STATUS_COLOUR[status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
      {CASE_STATUSES[status]}
    </Badge>
  );
}

const PRIORITY_COLOUR: Record<Priority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge color={PRIORITY_COLOUR[priority]} variant="dot" tt="none" style={{ flexShrink: 0 }}>
      {PRIORITIES[priority]}
      <span className="visually-hidden"> priority</span>
    </Badge>
  );
}

export function EscalatedBadge() {
  return (
    <Badge color="red" variant="filled" tt="none" leftSection={<IconFlame size={12} aria-hidden />}>
      Escalated
    </Badge>
  );
}

/** The queue's deadline cell: state in words and colour, and the due time. */
export function DeadlineBadge({
  state,
  dueAt,
  fmt,
}: {
  state: DeadlineState;
  dueAt: string | null;
  fmt: Formatters;
}) {
  const icon =
    state === 'breached' ? (
      <IconAlertTriangle size={12} aria-hidden />
    ) : state === 'paused' ? (
      <IconClockPause size={12} aria-hidden />
    ) : null;
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={DEADLINE_STATE_COLOUR[state]} variant="light" tt="none" leftSection={icon}>
        {deadlineStateLabel(state)}
      </Badge>
      {dueAt && state !== 'none' ? (
        <Tooltip label={`Next deadline: ${fmt.dateTime(dueAt)}`}>
          <Text size="xs" c="dimmed">
            Due {fmt.dateTime(dueAt)}
          </Text>
        </Tooltip>
      ) : null}
    </Stack>
  );
}

/** The button that opens the "?" help (on wider screens; the key works everywhere). */
export function ShortcutsButton({ onClick }: { onClick: () => void }) {
  return (
    <Button
      variant="subtle"
      color="gray"
      leftSection={<IconKeyboard size={16} />}
      onClick={onClick}
      aria-keyshortcuts="?"
      visibleFrom="sm"
    >
      Shortcuts
    </Button>
  );
}

/** The "?" help: every shortcut of the page. */
export function ShortcutsHelp({
  opened,
  onClose,
  shortcuts,
}: {
  opened: boolean;
  onClose: () => void;
  shortcuts: Shortcut[];
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            <Table.Th>Does</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shortcuts.map((s) => (
            <Table.Tr key={s.keys}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {s.keys.split(' ').map((k, i) => (
                    <Kbd key={i}>{k}</Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={s.disabled ? 'dimmed' : undefined}>
                  {s.description}
                  {s.disabled ? ' (not available to you here)' : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Shortcuts do nothing while you type in a field.
      </Text>
    </Modal>
  );
}
