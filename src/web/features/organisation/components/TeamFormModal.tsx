import { useEffect } from 'react';
import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Team } from '../../../../contracts/organisation.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useSaveTeam } from '../api.js';

interface TeamFormModalProps {
  opened: boolean;
  team: Team | null;
  /** Preselected business area for a new team. */
  defaultAreaId?: string;
  onClose: () => void;
}

export function TeamFormModal({ opened, team, defaultAreaId, onClose }: TeamFormModalProps) {
  const save = useSaveTeam();
  const areas = useAllAreas();
  const areaOptions = (areas.data ?? [])
    .filter((a) => a.active || a.id === team?.areaId)
    .map((a) => ({ value: a.id, label: a.name }));
  const form = useForm({
    mode: 'controlled',
    initialValues: { areaId: '', name: '', description: '', version: 0 },
    validate: {
      areaId: (v) => (v ? null : 'Choose the business area this team belongs to'),
      name: (v) => (v.trim() ? null : 'Enter a name'),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    const values = team
      ? { areaId: team.areaId, name: team.name, description: team.description, version: team.version }
      : { areaId: defaultAreaId ?? '', name: '', description: '', version: 0 };
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    problem.clear();
    // Reset only when the dialog opens or switches record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, team?.id]);

  const submit = form.onSubmit((values) => {
    problem.clear();
    const fields = { name: values.name.trim(), description: values.description.trim() };
    save.mutate(
      {
        id: team?.id,
        body: team ? { ...fields, version: values.version } : { ...fields, areaId: values.areaId },
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: team ? `${saved.name} is saved.` : `${saved.name} is added to ${saved.areaName}.`,
          });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={onClose} title={team ? `Edit ${team.name}` : 'Add team'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Business area"
            required
            data={areaOptions}
            searchable
            disabled={!!team}
            description={team ? 'A team stays in the business area it was created in.' : undefined}
            nothingFoundMessage={areas.isPending ? 'Loading…' : 'No active business areas'}
            {...form.getInputProps('areaId')}
          />
          <TextInput label="Name" required placeholder="e.g. Reception" {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            placeholder="What this team does"
            {...form.getInputProps('description')}
          />
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              const fresh = current as Team;
              form.setValues({
                areaId: fresh.areaId,
                name: fresh.name,
                description: fresh.description,
                version: fresh.version,
              });
              problem.clear();
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
