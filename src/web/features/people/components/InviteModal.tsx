import { useEffect } from 'react';
import { Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useInvite } from '../api.js';
import { MembershipFields, type PersonFormValues } from './MembershipFields.js';

const EMPTY: PersonFormValues = {
  email: '',
  name: '',
  jobTitle: '',
  roleId: '',
  allAreas: false,
  areaIds: [],
  teamIds: [],
  version: 0,
};

export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const invite = useInvite();
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an email address'),
      name: (v) => (v.trim() ? null : 'Enter their name'),
      roleId: (v) => (v ? null : 'Choose a role'),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues(EMPTY);
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const submit = form.onSubmit((values) => {
    problem.clear();
    invite.mutate(
      {
        email: values.email.trim(),
        name: values.name.trim(),
        jobTitle: values.jobTitle.trim(),
        roleId: values.roleId,
        allAreas: values.allAreas,
        areaIds: values.areaIds,
        teamIds: values.teamIds,
      },
      {
        onSuccess: (user) => {
          notifications.show({
            color: 'teal',
            title: 'Invitation sent',
            message: `${user.name} will get an email at ${user.email} with a link to choose a password.`,
          });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Invite person" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            They get an email with a link to choose their password. The link works once and expires in 7 days.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Email" type="email" required data-autofocus {...form.getInputProps('email')} />
            <TextInput label="Name" required {...form.getInputProps('name')} />
          </SimpleGrid>
          <TextInput
            label="Job title"
            placeholder="e.g. Guest services officer"
            {...form.getInputProps('jobTitle')}
          />
          <MembershipFields form={form} />
          <ProblemAlert error={problem.problem} />
          <FormActions onCancel={onClose} saving={invite.isPending} submitLabel="Send invitation" />
        </Stack>
      </form>
    </Modal>
  );
}
