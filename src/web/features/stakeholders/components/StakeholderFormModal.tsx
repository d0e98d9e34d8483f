import { useEffect } from 'react';
import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  STAKEHOLDER_KINDS,
  type Stakeholder,
  type StakeholderKind,
} from '../../../../contracts/stakeholders.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useSaveStakeholder } from '../api.js';

export const KIND_OPTIONS = Object.entries(STAKEHOLDER_KINDS).map(([value, label]) => ({ value, label }));

interface Values {
  name: string;
  kind: string;
  organisationName: string;
  email: string;
  phone: string;
  notes: string;
  areaId: string;
  version: number;
}

function valuesOf(s: Stakeholder | null): Values {
  return s
    ? {
        name: s.name,
        kind: s.kind,
        organisationName: s.organisationName,
        email: s.email ?? '',
        phone: s.phone ?? '',
        notes: s.notes,
        areaId: s.areaId ?? '',
        version: s.version,
      }
    : { name: '', kind: '', organisationName: '', email: '', phone: '', notes: '', areaId: '', version: 0 };
}

export function StakeholderFormModal({
  opened,
  stakeholder,
  onClose,
}: {
  opened: boolean;
  stakeholder: Stakeholder | null;
  onClose: () => void;
}) {
  const save = useSaveStakeholder();
  const { can } = useCurrentUser();
  const areas = useAllAreas(can('org:read'));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      kind: (v) => (v ? null : 'Choose what kind of stakeholder this is'),
      email: (v) =>
        !v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an email address, or leave it empty',
      phone: (v) =>
        !v.trim() || /^[+()0-9 .-]{3,40}$/.test(v.trim()) ? null : 'Use digits, spaces and + ( ) - . only',
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(stakeholder));
    form.resetDirty(valuesOf(stakeholder));
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, stakeholder?.id]);

  const submit = form.onSubmit((v) => {
    problem.clear();
    const fields = {
      name: v.name.trim(),
      kind: v.kind as StakeholderKind,
      organisationName: v.organisationName.trim(),
      email: v.email.trim() || null,
      phone: v.phone.trim() || null,
      notes: v.notes.trim(),
      areaId: v.areaId || null,
    };
    save.mutate(
      { id: stakeholder?.id, body: stakeholder ? { ...fields, version: v.version } : fields },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: stakeholder ? `${saved.name} is saved.` : `${saved.name} is added to the register.`,
          });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={stakeholder ? `Edit ${stakeholder.name}` : 'Add stakeholder'}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <Select label="Kind" required data={KIND_OPTIONS} searchable {...form.getInputProps('kind')} />
          </SimpleGrid>
          <TextInput
            label="Organisation"
            description="The company or body they belong to, if any"
            {...form.getInputProps('organisationName')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Email" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Select
            label="Business area"
            description="Leave empty when they concern the whole organisation"
            placeholder="Whole organisation"
            data={(areas.data ?? [])
              .filter((a) => a.active || a.id === stakeholder?.areaId)
              .map((a) => ({ value: a.id, label: a.name }))}
            clearable
            searchable
            {...form.getInputProps('areaId')}
            value={form.values.areaId || null}
            onChange={(v) => form.setFieldValue('areaId', v ?? '')}
          />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={8}
            description="How and when to consult or inform them"
            {...form.getInputProps('notes')}
          />
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              form.setValues(valuesOf(current as Stakeholder));
              problem.clear();
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
