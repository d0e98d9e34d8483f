import { Alert, Anchor, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import type { Charter, Timeframe } from '../../../../contracts/public.js';
import { problemSummary } from '../../../components/ProblemAlert.js';
import { useCharter } from '../api.js';
import { Paragraphs } from './Paragraphs.js';

const PRIORITY_WORDS: Record<Timeframe['priority'], string> = {
  urgent: 'Urgent matters',
  high: 'Serious matters',
  medium: 'Most matters',
  low: 'Simple requests',
};

function Timeframes({ charter }: { charter: Charter }) {
  const usual = charter.timeframes.find((t) => t.priority === charter.usualPriority);
  if (!charter.timeframes.length) {
    return <Text>We reply as soon as we can. Ask us for the time frame that applies to you.</Text>;
  }
  return (
    <Stack gap="sm">
      {usual ? (
        <Text>
          For most matters, <strong>we acknowledge it within {usual.acknowledgement}</strong>, give you a
          first response within {usual.firstResponse}, and aim to resolve it within {usual.resolution}.
          Working hours are our business hours; public holidays do not count.
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>Our time frames, from when we receive your feedback</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Kind of matter</Table.Th>
              <Table.Th scope="col">We acknowledge it within</Table.Th>
              <Table.Th scope="col">First response within</Table.Th>
              <Table.Th scope="col">We aim to resolve it within</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...charter.timeframes].reverse().map((t) => (
              <Table.Tr key={t.priority}>
                <Table.Th scope="row">{PRIORITY_WORDS[t.priority]}</Table.Th>
                <Table.Td>{t.acknowledgement}</Table.Td>
                <Table.Td>{t.firstResponse}</Table.Td>
                <Table.Td>{t.resolution}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function CharterPage() {
  const charter = useCharter();
  const name = charter.data?.branding.name ?? 'Customer service';
  useDocumentTitle(`Service charter · ${name}`);

  if (charter.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading the service charter">
        <Skeleton h={36} w="60%" />
        <Skeleton h={80} />
        <Skeleton h={160} />
      </Stack>
    );
  }
  if (charter.isError) {
    const { title, detail } = problemSummary(charter.error);
    return (
      <Alert color="red" title={title} role="alert">
        <Stack gap="xs">
          <Text size="sm">{detail}</Text>
          <Group>
            <Button size="xs" variant="light" color="red" onClick={() => void charter.refetch()}>
              Try again
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  const c = charter.data;
  const s = c.sections;
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>Our service charter</Title>
        <Paragraphs text={s.intro} />
        <Group>
          <Button component={Link} to="/feedback" size="md">
            Give feedback or make a complaint
          </Button>
          <Button component={Link} to="/track" size="md" variant="outline">
            Track a case
          </Button>
        </Group>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="how-to">
        <Title order={2} id="how-to">
          How to give feedback or complain
        </Title>
        <Paragraphs text={s.howTo} />
        {s.contact ? <Paragraphs text={s.contact} /> : null}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="next">
        <Title order={2} id="next">
          What happens next
        </Title>
        <Paragraphs text={s.whatHappensNext} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="time-frames">
        <Title order={2} id="time-frames">
          How long it takes
        </Title>
        <Timeframes charter={c} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="privacy" id="privacy-section">
        <Title order={2} id="privacy">
          How we use your personal information
        </Title>
        <Paragraphs text={s.privacy} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="escalation">
        <Title order={2} id="escalation">
          If you are not happy with our response
        </Title>
        <Paragraphs text={s.escalation} />
        {s.externalBodyName ? (
          <Text>
            The independent body you can go to is{' '}
            {s.externalBodyUrl ? (
              <Anchor href={s.externalBodyUrl} target="_blank" rel="noopener noreferrer" underline="always">
                {s.externalBodyName} (opens in a new tab)
              </Anchor>
            ) : (
              <strong>{s.externalBodyName}</strong>
            )}
            .
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}
