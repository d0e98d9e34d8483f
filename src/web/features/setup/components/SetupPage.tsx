import {
  Button,
  Checkbox,
  Divider,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { setupSchema } from '../../../../contracts/setup.js';
import { RegionalFormatFields } from '../../../components/RegionalFormatFields.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { zodValidate } from '../../../lib/forms.js';
import { useSetup } from '../api.js';

export function SetupPage() {
  useDocumentTitle('Set up Verity');
  const navigate = useNavigate();
  const setup = useSetup();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      organisation: { name: '', timeZone: 'Australia/Sydney', locale: 'en-AU', currency: 'AUD' },
      admin: { name: '', email: '', password: '' },
      loadSample: false,
    },
    validate: zodValidate(setupSchema),
  });
  const problem = useFormProblem(form);

  const submit = form.onSubmit((values) => {
    problem.clear();
    setup.mutate(values, {
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          title: 'Verity is ready',
          message: result.sample
            ? `The sample organisation is loaded: ${result.sample.areas} business areas, ${result.sample.teams} teams, ${result.sample.staff} staff and ${result.sample.stakeholders} stakeholders.`
            : 'Start by adding your business areas and inviting your team.',
        });
        void navigate({ to: '/' });
      },
      onError: (error) => problem.handle(error),
    });
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={28}>
          Set up Verity
        </Title>
        <Text c="dimmed" size="sm">
          Tell Verity about your organisation and create the first administrator account. You can change the
          organisation details later in Settings.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="xl">
          <Stack gap="md" component="section" aria-labelledby="setup-org">
            <Title order={2} fz="lg" id="setup-org">
              Your organisation
            </Title>
            <TextInput
              label="Organisation name"
              required
              autoFocus
              autoComplete="organization"
              {...form.getInputProps('organisation.name')}
            />
            <RegionalFormatFields getInputProps={(field) => form.getInputProps(`organisation.${field}`)} />
            <Text size="xs" c="dimmed" mt={-8}>
              Dates and times are shown in this time zone and locale; authority limits are in this currency.
            </Text>
          </Stack>

          <Divider />

          <Stack gap="md" component="section" aria-labelledby="setup-admin">
            <Title order={2} fz="lg" id="setup-admin">
              First administrator
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Your name"
                required
                autoComplete="name"
                {...form.getInputProps('admin.name')}
              />
              <TextInput
                label="Email"
                type="email"
                required
                autoComplete="username"
                {...form.getInputProps('admin.email')}
              />
            </SimpleGrid>
            <PasswordInput
              label="Password"
              description="At least 12 characters. A short sentence is easy to remember."
              required
              autoComplete="new-password"
              {...form.getInputProps('admin.password')}
            />
          </Stack>

          <Divider />

          <Checkbox
            label="Load a sample organisation"
            description="Adds four business areas (Front office, Restaurant, Online store, Contact centre), their teams, staff in every role and a stakeholder register, so you can explore Verity straight away. Sample staff sign in with the administrator’s password."
            {...form.getInputProps('loadSample', { type: 'checkbox' })}
          />

          <ProblemAlert error={problem.problem} />
          <Button type="submit" size="md" loading={setup.isPending}>
            Set up Verity
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
