import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useChangePassword } from '../api.js';

export function ChangePasswordCard() {
  const change = useChangePassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v, values) =>
        v.length < 12
          ? 'Must be at least 12 characters'
          : v === values.currentPassword
            ? 'Choose a password different from the current one'
            : null,
    },
  });
  const problem = useFormProblem(form);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-password">
      <Title order={2} fz="lg" id="account-password">
        Change password
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Your other browsers and devices are signed out when you change it.
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          change.mutate(values, {
            onSuccess: () => {
              form.reset();
              notifications.show({
                color: 'teal',
                title: 'Password changed',
                message: 'Your other sessions have been signed out.',
              });
            },
            onError: (e) => problem.handle(e),
          });
        })}
      >
        <Stack gap="md" maw={420}>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters."
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <ProblemAlert error={problem.problem} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
