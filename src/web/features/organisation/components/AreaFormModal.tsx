import { useEffect } from 'react';
import { Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Area } from '../../../../contracts/organisation.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useSaveArea } from '../api.js';

interface AreaFormModalProps {
  opened: boolean;
  /** Edit this area; create a new one when absent. */
  area: Area | null;
  onClose: () => void;
}

const CODE_RULE = /^[A-Za-z0-9-]{2,12}$/;

export function AreaFormModal({ opened, area, onClose }: AreaFormModalProps) {
  const save = useSaveArea();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', code: '', description: '', version: 0 },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      code: (v) => (CODE_RULE.test(v.trim()) ? null : 'Use 2–12 letters, digits or dashes, e.g. FO'),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    const values = area
      ? { name: area.name, code: area.code, description: area.description, version: area.version }
      : { name: '', code: '', description: '', version: 0 };
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    problem.clear();
    // Reset only when the dialog opens or switches record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, area?.id]);

  const submit = form.onSubmit((values) => {
    problem.clear();
    const fields = {
      name: values.name.trim(),
      code: values.code.trim(),
      description: values.description.trim(),
    };
    save.mutate(
      { id: area?.id, body: area ? { ...fields, version: values.version } : fields },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: area ? `${saved.name} is saved.` : `${saved.name} is added. Add its teams next.`,
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
      title={area ? `Edit ${area.name}` : 'Add business area'}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Name"
              required
              data-autofocus
              placeholder="e.g. Front office"
              {...form.getInputProps('name')}
            />
            <TextInput
              label="Code"
              required
              description="A short tag used in reports"
              placeholder="e.g. FO"
              maxLength={12}
              {...form.getInputProps('code')}
              onChange={(e) => form.setFieldValue('code', e.currentTarget.value.toUpperCase())}
            />
          </Group>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            placeholder="What this business area covers"
            {...form.getInputProps('description')}
          />
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              const fresh = current as Area;
              form.setValues({
                name: fresh.name,
                code: fresh.code,
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
