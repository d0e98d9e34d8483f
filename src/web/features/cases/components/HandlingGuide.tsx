import { Card, Checkbox, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconListCheck } from '@tabler/icons-react';
import { HANDLING_STEPS, type Case, type HandlingStep } from '../../../../contracts/cases.js';
import { errorMessage } from '../../../components/states.js';
import type { Formatters } from '../../../lib/format.js';
import { useRecordStep } from '../api.js';

/** Attend, listen, acknowledge, apologise, resolve, thank: each ticked step is recorded with who and when. */
export function HandlingGuide({ c, fmt }: { c: Case; fmt: Formatters }) {
  const record = useRecordStep(c.id);
  const done = new Map(c.handlingSteps.map((s) => [s.step, s]));
  const canRecord = c.allowed.update;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="guide-title">
      <Group gap={6} mb="sm">
        <IconListCheck size={18} aria-hidden />
        <Title order={2} size="h5" id="guide-title">
          Handling guide
        </Title>
      </Group>
      <Stack gap="xs">
        {(Object.keys(HANDLING_STEPS) as HandlingStep[]).map((step) => {
          const entry = done.get(step);
          if (entry) {
            return (
              <Group key={step} gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon size={20} radius="sm" color="teal" variant="filled" aria-hidden>
                  <IconCheck size={14} />
                </ThemeIcon>
                <div>
                  <Text size="sm">
                    {HANDLING_STEPS[step]}
                    <span className="visually-hidden"> (done)</span>
                  </Text>
                  <Text size="xs" c="dimmed">
                    Done {fmt.dateTime(entry.doneAt)} by {entry.by}
                  </Text>
                </div>
              </Group>
            );
          }
          return (
            <Checkbox
              key={step}
              label={HANDLING_STEPS[step]}
              checked={false}
              disabled={!canRecord || record.isPending}
              onChange={() =>
                record.mutate(
                  { step },
                  {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: `“${HANDLING_STEPS[step]}” recorded.` }),
                    onError: (e) =>
                      notifications.show({ color: 'red', title: 'Not recorded', message: errorMessage(e) }),
                  },
                )
              }
            />
          );
        })}
        {!canRecord ? (
          <Text size="xs" c="dimmed">
            You cannot record steps on this case.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
