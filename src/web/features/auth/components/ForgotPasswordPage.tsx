import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { IconMailCheck } from '@tabler/icons-react';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useRequestPasswordReset } from '../api.js';

const NEUTRAL = 'If that address belongs to an account, a link to reset the password is on its way.';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot your password · Verity');
  const request = useRequestPasswordReset();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address') },
  });
  const problem = useFormProblem(form);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={26}>
          Forgot your password?
        </Title>
        <Text c="dimmed" size="sm">
          Enter the email you sign in with and we will send you a link to choose a new password.
        </Text>
      </Stack>
      {request.isSuccess ? (
        <Alert
          color="teal"
          variant="light"
          icon={<IconMailCheck size={20} />}
          title="Check your email"
          role="status"
        >
          {/* Always the same words, so the page never reveals whether an address has an account. */}
          {NEUTRAL} The link works for a limited time.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            problem.clear();
            request.mutate(values.email.trim(), { onError: (e) => problem.handle(e) });
          })}
        >
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <ProblemAlert error={problem.problem} />
            <Button type="submit" loading={request.isPending} fullWidth size="md">
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
