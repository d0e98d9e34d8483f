import { useEffect } from 'react';
import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Category } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useSaveCategory } from '../api.js';
import { compareCategories, nextSortOrder } from '../categories.js';

interface Values {
  name: string;
  description: string;
  parentId: string;
  version: number;
}

function valuesOf(category: Category | null, parentId: string | null): Values {
  return category
    ? {
        name: category.name,
        description: category.description,
        parentId: category.parentId ?? '',
        version: category.version,
      }
    : { name: '', description: '', parentId: parentId ?? '', version: 0 };
}

/** Adds a category (top-level or under a parent) or renames one. */
export function CategoryFormModal({
  opened,
  category,
  parentId,
  categories,
  onClose,
}: {
  opened: boolean;
  /** Edit this category; add a new one when null. */
  category: Category | null;
  /** For a new category: the parent it goes under (null: top level). */
  parentId: string | null;
  categories: Category[];
  onClose: () => void;
}) {
  const save = useSaveCategory();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null, null),
    validate: { name: (v) => (v.trim() ? null : 'Enter a name') },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(category, parentId));
    form.resetDirty(valuesOf(category, parentId));
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, category?.id, parentId]);

  const parents = categories
    .filter((c) => !c.parentId && (c.active || c.id === parentId))
    .sort(compareCategories)
    .map((c) => ({ value: c.id, label: c.name }));
  const parentName = categories.find((c) => c.id === (category?.parentId ?? form.values.parentId))?.name;

  const submit = form.onSubmit((v) => {
    problem.clear();
    const fields = { name: v.name.trim(), description: v.description.trim() };
    const parent = v.parentId || null;
    save.mutate(
      category
        ? { id: category.id, body: { ...fields, version: v.version } }
        : { body: { ...fields, parentId: parent, sortOrder: nextSortOrder(categories, parent) } },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: category ? `${saved.name} is saved.` : `${saved.name} is added.`,
          });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  let title = 'Add category';
  if (category) title = `Edit ${category.name}`;
  else if (parentName) title = `Add a sub-category to ${parentName}`;

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {category ? null : (
            <Select
              label="Goes under"
              description="Leave empty for a top-level category"
              placeholder="Top level"
              data={parents}
              clearable
              searchable
              {...form.getInputProps('parentId')}
              value={form.values.parentId || null}
              onChange={(v) => form.setFieldValue('parentId', v ?? '')}
            />
          )}
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            description="What belongs here, so staff choose the same category for the same problem"
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('description')}
          />
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              const fresh = current as Category;
              form.setValues(valuesOf(fresh, fresh.parentId));
              problem.clear();
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
