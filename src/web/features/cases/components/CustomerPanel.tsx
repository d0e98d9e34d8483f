import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconEyeOff, IconUser } from '@tabler/icons-react';
import { CONTACT_METHODS, CUSTOMER_TYPES, type Case } from '../../../../contracts/cases.js';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Who the customer is and how to reach them — masked for people without access to personal details. */
export function CustomerPanel({ c }: { c: Case }) {
  const customer = c.customer;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="customer-title">
      <Group gap={6} mb="sm" justify="space-between">
        <Group gap={6}>
          <IconUser size={18} aria-hidden />
          <Title order={2} size="h5" id="customer-title">
            Customer
          </Title>
        </Group>
        <Badge variant="light" color="gray" tt="none">
          {CUSTOMER_TYPES[customer.type]}
        </Badge>
      </Group>
      {customer.masked ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconEyeOff size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed">
            Personal details are hidden. Seeing them needs the permission to view customers’ personal details;
            each view is logged.
          </Text>
        </Group>
      ) : (
        <Stack gap="xs">
          <Row label="Name">
            {customer.name || (
              <Text span c="dimmed">
                Not given
              </Text>
            )}
          </Row>
          {customer.organisation ? <Row label="Organisation">{customer.organisation}</Row> : null}
          <Row label="Email">
            {customer.email ? (
              <Anchor href={`mailto:${customer.email}`} size="sm">
                {customer.email}
              </Anchor>
            ) : (
              <Text span c="dimmed">
                None
              </Text>
            )}
          </Row>
          <Row label="Phone">
            {customer.phone ? (
              <Anchor href={`tel:${customer.phone.replace(/\s/g, '')}`} size="sm">
                {customer.phone}
              </Anchor>
            ) : (
              <Text span c="dimmed">
                None
              </Text>
            )}
          </Row>
          <Row label="Prefers">{CONTACT_METHODS[customer.preferredContact]}</Row>
          <Text size="xs" c="dimmed">
            Your view of these details is recorded in the access log.
          </Text>
        </Stack>
      )}
      {c.helpNeeded ? (
        <Stack gap={0} mt="sm">
          <Row label="Help needed">{c.helpNeeded}</Row>
        </Stack>
      ) : null}
    </Card>
  );
}
