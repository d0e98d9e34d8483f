import { Alert, Anchor, Button, Loader, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useSearch } from '@tanstack/react-router';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { ErrorState } from '../../../components/states.js';
import { useCompletePasswordReset, usePasswordResetLink } from '../api.js';
import { validateNewPassword } from './passwords.js';

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password · Verity');
  const { token } = useSearch({ from: '/public/reset-password' });
  const link = usePasswordResetLink(token);
  const complete = useCompletePasswordReset();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: validateNewPassword },
  });
  const problem = useFormProblem(form);

  const heading = (
    <Stack gap={4}>
      <Title order={1} fz={26}>
        Choose a new password
      </Title>
      {link.data?.email ? (
        <Text c="dimmed" size="sm">
          For {link.data.email}
        </Text>
      ) : null}
    </Stack>
  );

  if (!token || (link.data && !link.data.valid)) {
    return (
      <Stack gap="lg">
        {heading}
        <Alert
          color="orange"
          variant="light"
          icon={<IconLinkOff size={20} />}
          title="This link does not work"
        >
          It may have expired or been used already. Ask for a new one.
        </Alert>
        <Button component={Link} to="/forgot-password" variant="default">
          Ask for a new link
        </Button>
      </Stack>
    );
  }
  if (link.isPending) {
    return (
      <Stack gap="lg" align="center">
        <Loader aria-label="Checking the link" />
      </Stack>
    );
  }
  if (link.isError) return <ErrorState error={link.error} onRetry={() => void link.refetch()} />;

  if (complete.isSuccess) {
    return (
      <Stack gap="lg">
        {heading}
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={20} />}
          title="Password changed"
          role="status"
        >
          Your new password is set. Sign in with it now.
        </Alert>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {heading}
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          complete.mutate({ token, password: values.password }, { onError: (e) => problem.handle(e) });
        })}
      >
        <Stack gap="md">
          <PasswordInput
            label="New password"
            description="At least 12 characters. A short sentence is easy to remember."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={problem.problem} />
          <Button type="submit" loading={complete.isPending} fullWidth size="md">
            Save new password
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
