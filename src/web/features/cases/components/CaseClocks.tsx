import { Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { DEADLINE_KINDS, type CaseClock } from '../../../../contracts/cases.js';
import type { Formatters } from '../../../lib/format.js';
import { clockPercentUsed, clockRemainingText, clockTone, TONE_COLOUR, TONE_LABEL } from '../clocks.js';
import { useNow } from '../hooks/useNow.js';

const ORDER = ['acknowledgement', 'first_response', 'resolution'] as const;

function targetText(clock: CaseClock): string {
  const { kind, value } = clock.target;
  if (kind === 'calendarDays')
    return value === 1 ? 'Target: 1 calendar day' : `Target: ${value} calendar days`;
  const h = Math.floor(value / 60);
  const m = value % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `Target: ${parts || '0 min'} of working time`;
}

/** The case's deadline clocks, ticking every 30 seconds between server updates. */
export function CaseClocks({ clocks, fmt }: { clocks: CaseClock[]; fmt: Formatters }) {
  const now = useNow(30_000);
  const sorted = [...clocks].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="clocks-title">
      <Group gap={6} mb="sm">
        <IconClock size={18} aria-hidden />
        <Title order={2} size="h5" id="clocks-title">
          Deadlines
        </Title>
      </Group>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No deadline policy applies to this case.
        </Text>
      ) : (
        <Stack gap="md">
          {sorted.map((c) => {
            const tone = clockTone(c, now);
            return (
              <Stack key={c.kind} gap={4} data-testid={`clock-${c.kind}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {DEADLINE_KINDS[c.kind]}
                  </Text>
                  <Badge color={TONE_COLOUR[tone]} variant="light" tt="none">
                    {TONE_LABEL[tone]}
                  </Badge>
                </Group>
                {c.state === 'running' || c.state === 'breached' || c.state === 'paused' ? (
                  <Progress
                    value={clockPercentUsed(c, now)}
                    color={TONE_COLOUR[tone]}
                    size="sm"
                    aria-label={`${DEADLINE_KINDS[c.kind]}: time used`}
                  />
                ) : null}
                {tone === 'met' ? null : <Text size="sm">{clockRemainingText(c, now)}</Text>}
                <Text size="xs" c="dimmed">
                  {c.state === 'met' && c.fulfilledAt
                    ? `Met ${fmt.dateTime(c.fulfilledAt)}${c.dueAt ? ` (due ${fmt.dateTime(c.dueAt)})` : ''}`
                    : c.dueAt
                      ? `Due ${fmt.dateTime(c.dueAt)}`
                      : targetText(c)}
                </Text>
                {c.state !== 'met' && c.dueAt ? (
                  <Text size="xs" c="dimmed">
                    {targetText(c)}
                  </Text>
                ) : null}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
