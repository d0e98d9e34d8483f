import { useEffect, useMemo } from 'react';
import { Button, Card, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Organisation } from '../../../../contracts/organisation.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { RegionalFormatFields } from '../../../components/RegionalFormatFields.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { ErrorState } from '../../../components/states.js';
import { createFormatters, useFormat } from '../../../lib/format.js';
import { useOrganisation, useUpdateOrganisation } from '../api.js';

export function SettingsPage() {
  const org = useOrganisation();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organisation's name and how Verity writes dates, times and money for everyone."
      />
      {org.isPending ? (
        <Card withBorder padding="lg" maw={760}>
          <Stack gap="md" aria-busy="true" aria-label="Loading">
            <Skeleton height={36} />
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        </Card>
      ) : org.isError ? (
        <ErrorState error={org.error} onRetry={() => void org.refetch()} />
      ) : (
        <SettingsForm organisation={org.data} />
      )}
    </>
  );
}

function valuesOf(o: Organisation) {
  return { name: o.name, timeZone: o.timeZone, locale: o.locale, currency: o.currency, version: o.version };
}

function SettingsForm({ organisation }: { organisation: Organisation }) {
  const update = useUpdateOrganisation();
  const fmt = useFormat();
  const form = useForm({
    mode: 'controlled',
    initialValues: valuesOf(organisation),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the organisation name'),
      timeZone: (v) => (v ? null : 'Choose a time zone'),
      locale: (v) => (v ? null : 'Choose a locale'),
      currency: (v) => (/^[A-Z]{3}$/.test(v) ? null : 'Choose a currency'),
    },
  });
  const problem = useFormProblem(form);
  const load = (o: Organisation) => {
    form.setInitialValues(valuesOf(o));
    form.setValues(valuesOf(o));
    form.resetDirty(valuesOf(o));
  };
  const { timeZone, locale, currency } = form.values;
  const preview = useMemo(() => createFormatters(locale, timeZone, currency), [locale, timeZone, currency]);

  // When someone else's change arrives (after a reload), start from it.
  useEffect(() => {
    if (!form.isDirty()) load(organisation);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisation.version]);

  const submit = form.onSubmit((values) => {
    problem.clear();
    update.mutate(
      {
        version: values.version,
        name: values.name.trim(),
        timeZone: values.timeZone,
        locale: values.locale,
        currency: values.currency,
      },
      {
        onSuccess: (saved) => {
          load(saved);
          notifications.show({ color: 'teal', message: 'Settings saved.' });
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  const now = new Date().toISOString();

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={760}>
        <Card withBorder padding="lg" component="section" aria-labelledby="settings-org">
          <Title order={2} fz="lg" id="settings-org" mb="md">
            Organisation
          </Title>
          <TextInput label="Organisation name" required {...form.getInputProps('name')} />
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="settings-regional">
          <Title order={2} fz="lg" id="settings-regional" mb="md">
            Regional format
          </Title>
          <RegionalFormatFields getInputProps={(field) => form.getInputProps(field)} saved={organisation} />
          <Text size="sm" c="dimmed" mt="md">
            Preview: {preview.dateTime(now)} · {preview.money(123456)}
          </Text>
          {currency !== organisation.currency ? (
            <Text size="sm" c="orange" mt={4}>
              Changing the currency does not convert amounts: authority limits keep their numbers (for example{' '}
              {fmt.money(100000)} becomes {preview.money(100000)}).
            </Text>
          ) : null}
        </Card>
        <ProblemAlert
          error={problem.problem}
          onReload={(current) => {
            const fresh = current as Organisation;
            load(fresh);
            problem.clear();
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Discard changes
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
