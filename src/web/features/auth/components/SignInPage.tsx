import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useSignIn } from '../api.js';

export function SignInPage() {
  useDocumentTitle('Sign in · Verity');
  const search = useSearch({ from: '/public/sign-in' });
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const problem = useFormProblem(form);

  const submit = form.onSubmit((values) => {
    problem.clear();
    signIn.mutate(values, {
      onSuccess: () => void navigate({ to: search.redirect ?? '/' }),
      onError: (error) => problem.handle(error),
    });
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={26}>
          Sign in
        </Title>
        <Text c="dimmed" size="sm">
          Welcome back. Sign in with your work email.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-6}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <ProblemAlert error={problem.problem} />
          <Button type="submit" loading={signIn.isPending} fullWidth size="md">
            Sign in
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
