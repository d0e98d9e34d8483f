import { useState } from 'react';
import { Badge, Button, Card, Divider, Drawer, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import type { Role, User } from '../../../../contracts/identity.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { CardsSkeleton, errorMessage } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useRoles } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useResendInvitation, useUpdateUser } from '../api.js';
import { MembershipFields, type PersonFormValues } from './MembershipFields.js';
import { UserStatusBadge } from '../../../components/UserStatusBadge.js';

/** The form edits the person's own all-areas flag (`ownAllAreas`), not the effective reach (`allAreas`). */
function valuesOf(u: User): PersonFormValues {
  return {
    email: u.email,
    name: u.name,
    jobTitle: u.jobTitle,
    roleId: u.roleId,
    allAreas: u.ownAllAreas,
    areaIds: u.areaIds,
    teamIds: u.teamIds,
    version: u.version,
  };
}

/** View and edit one person: role, reach, memberships, job title; deactivate, reactivate, re-invite. */
export function PersonDrawer({ person, onClose }: { person: User | null; onClose: () => void }) {
  const roles = useRoles();
  return (
    <Drawer opened={!!person} onClose={onClose} title={person ? person.name : 'Person'} size="lg">
      {person && roles.isPending ? (
        <CardsSkeleton count={3} />
      ) : person ? (
        // Keyed by person, so the form starts from their record whenever another person is opened.
        <PersonEditor key={person.id} person={person} roles={roles.data} onClose={onClose} />
      ) : null}
    </Drawer>
  );
}

function PersonEditor({
  person,
  roles,
  onClose,
}: {
  person: User;
  roles: Role[] | undefined;
  onClose: () => void;
}) {
  const { can, user: me } = useCurrentUser();
  const fmt = useFormat();
  const canManage = can('users:manage');
  const update = useUpdateUser();
  const resend = useResendInvitation();
  const [record, setRecord] = useState<User>(person);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: valuesOf(person),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter their name'),
      roleId: (v) => (v ? null : 'Choose a role'),
    },
  });
  const problem = useFormProblem(form);

  const load = (u: User) => {
    setRecord(u);
    const values = valuesOf(u);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  };

  const submit = form.onSubmit((values) => {
    problem.clear();
    update.mutate(
      {
        id: record.id,
        body: {
          version: values.version,
          name: values.name.trim(),
          jobTitle: values.jobTitle.trim(),
          roleId: values.roleId,
          // Leave the person's own flag alone when their role reaches every area anyway.
          allAreas: roles?.find((r) => r.id === values.roleId)?.allAreas ? undefined : values.allAreas,
          areaIds: values.areaIds,
          teamIds: values.teamIds,
        },
      },
      {
        onSuccess: (saved) => {
          load(saved);
          notifications.show({ color: 'teal', message: `${saved.name} is saved.` });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  const setStatus = (status: 'active' | 'deactivated') => {
    update.mutate(
      { id: record.id, body: { version: form.getValues().version, status } },
      {
        onSuccess: (saved) => {
          load(saved);
          setConfirmDeactivate(false);
          notifications.show({
            color: 'teal',
            message:
              status === 'deactivated'
                ? `${saved.name} is deactivated and signed out everywhere.`
                : `${saved.name} is active again.`,
          });
        },
        onError: (e) => {
          setConfirmDeactivate(false);
          problem.handle(e);
        },
      },
    );
  };

  const resendInvitation = () => {
    resend.mutate(record.id, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Invitation sent again',
          message: `A new link is on its way to ${record.email}. Earlier links no longer work.`,
        }),
      onError: (e) =>
        notifications.show({ color: 'red', title: 'The invitation was not sent', message: errorMessage(e) }),
    });
  };

  const isMe = record.id === me.id;

  return (
    <Stack gap="lg">
      <Card withBorder padding="md" bg="var(--mantine-color-default-hover)">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} truncate>
              {record.email}
            </Text>
            <Text size="sm" c="dimmed">
              {record.status === 'invited'
                ? `Invited ${fmt.date(record.createdAt)} — has not accepted yet`
                : record.lastSignInAt
                  ? `Last signed in ${fmt.dateTime(record.lastSignInAt)}`
                  : 'Has not signed in yet'}
            </Text>
          </Stack>
          <Group gap={6} wrap="nowrap">
            {isMe ? <Badge color="grape">You</Badge> : null}
            <UserStatusBadge status={record.status} />
          </Group>
        </Group>
      </Card>

      {canManage ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <TextInput label="Job title" {...form.getInputProps('jobTitle')} />
            <MembershipFields form={form} />
            <ProblemAlert
              error={problem.problem}
              onReload={(current) => {
                load(current as User);
                problem.clear();
              }}
            />
            <FormActions onCancel={onClose} saving={update.isPending && !confirmDeactivate} />
          </Stack>
        </form>
      ) : (
        <Text size="sm">
          {record.roleName}
          {record.jobTitle ? ` · ${record.jobTitle}` : ''}
        </Text>
      )}

      {canManage && !isMe ? (
        <>
          <Divider />
          <Stack gap="sm" component="section" aria-labelledby="person-access">
            <Title order={3} fz="md" id="person-access">
              Access
            </Title>
            {record.status === 'invited' ? (
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Text size="sm" c="dimmed" maw={380}>
                  Lost the email, or the link expired? Send a fresh link; the old one stops working.
                </Text>
                <Button
                  variant="light"
                  leftSection={<IconMailForward size={16} />}
                  onClick={resendInvitation}
                  loading={resend.isPending}
                >
                  Resend invitation
                </Button>
              </Group>
            ) : null}
            {record.status === 'deactivated' ? (
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Text size="sm" c="dimmed" maw={380}>
                  Deactivated people cannot sign in. Their records stay.
                </Text>
                <Button
                  variant="light"
                  leftSection={<IconPlayerPlay size={16} />}
                  onClick={() => setStatus('active')}
                  loading={update.isPending}
                >
                  Reactivate
                </Button>
              </Group>
            ) : (
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Text size="sm" c="dimmed" maw={380}>
                  Stops them signing in and ends their sessions and API tokens. Their records stay.
                </Text>
                <Button
                  variant="light"
                  color="red"
                  leftSection={<IconPlayerPause size={16} />}
                  onClick={() => setConfirmDeactivate(true)}
                >
                  Deactivate
                </Button>
              </Group>
            )}
          </Stack>
        </>
      ) : null}
      <ConfirmModal
        opened={confirmDeactivate}
        title={`Deactivate ${record.name}?`}
        confirmLabel="Deactivate"
        loading={update.isPending}
        onClose={() => setConfirmDeactivate(false)}
        onConfirm={() => setStatus('deactivated')}
      >
        They will be signed out everywhere and cannot sign in until reactivated.
      </ConfirmModal>
    </Stack>
  );
}
