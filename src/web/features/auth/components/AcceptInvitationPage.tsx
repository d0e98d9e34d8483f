import { Alert, Button, Loader, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { IconLinkOff } from '@tabler/icons-react';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { ErrorState } from '../../../components/states.js';
import { useAcceptInvitation, useInvitation } from '../api.js';
import { validateNewPassword } from './passwords.js';

export function AcceptInvitationPage() {
  useDocumentTitle('Accept invitation · Verity');
  const { token } = useSearch({ from: '/public/accept-invitation' });
  const invitation = useInvitation(token);
  if (!token || (invitation.data && !invitation.data.valid)) {
    return (
      <Stack gap="lg">
        <Title order={1} fz={26}>
          Accept invitation
        </Title>
        <Alert
          color="orange"
          variant="light"
          icon={<IconLinkOff size={20} />}
          title="This invitation link does not work"
        >
          It may have expired, been replaced by a newer invitation, or been used already. Ask the person who
          invited you to send it again.
        </Alert>
        <Button component={Link} to="/sign-in" variant="default">
          Go to sign in
        </Button>
      </Stack>
    );
  }
  if (invitation.isPending) {
    return (
      <Stack align="center" py="lg">
        <Loader aria-label="Checking the invitation" />
      </Stack>
    );
  }
  if (invitation.isError)
    return <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />;
  return <AcceptForm token={token} email={invitation.data.email ?? ''} name={invitation.data.name ?? ''} />;
}

function AcceptForm({ token, email, name }: { token: string; email: string; name: string }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name, password: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      password: validateNewPassword,
    },
  });
  const problem = useFormProblem(form);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={26}>
          Welcome to Verity
        </Title>
        <Text c="dimmed" size="sm">
          You have been invited to join your organisation’s Verity. Check your name and choose a password to
          finish.
        </Text>
      </Stack>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          accept.mutate(
            { token, password: values.password, name: values.name.trim() },
            { onSuccess: () => void navigate({ to: '/' }), onError: (e) => problem.handle(e) },
          );
        })}
      >
        <Stack gap="md">
          <TextInput label="Email" value={email} readOnly variant="filled" autoComplete="username" />
          <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
          <PasswordInput
            label="Password"
            description="At least 12 characters. A short sentence is easy to remember."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={problem.problem} />
          <Button type="submit" loading={accept.isPending} fullWidth size="md">
            Accept invitation
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
