import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconDots, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import type { SavedView } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { errorMessage } from '../../../components/states.js';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from '../api.js';
import { fromSavedView, isFiltered, toSavedViewFilters, type QueueSearch } from '../queue-filters.js';

/** Saved views as buttons with their counts, the quick views, and "Save view". */
export function SavedViews({
  search,
  onOpen,
  userId,
  canApprove,
}: {
  search: QueueSearch;
  onOpen: (search: QueueSearch) => void;
  userId: string;
  canApprove: boolean;
}) {
  const views = useSavedViews();
  const remove = useDeleteSavedView();
  const [saving, setSaving] = useState(false);

  const quick = (label: string, target: QueueSearch, active: boolean) => (
    <Button
      key={label}
      size="compact-sm"
      variant={active ? 'filled' : 'default'}
      aria-pressed={active}
      onClick={() => onOpen(active ? {} : target)}
    >
      {label}
    </Button>
  );
  /** Whether the filters are exactly these (sort aside): the quick view is the one showing. */
  const onlyKeys = (wanted: QueueSearch) => {
    if (search.view) return false;
    const keys = Object.keys(search).filter((k) => k !== 'sort');
    return (
      keys.length === Object.keys(wanted).length &&
      keys.every((k) => search[k as keyof QueueSearch] === wanted[k as keyof QueueSearch])
    );
  };
  const onlyKey = (key: 'assigneeId' | 'approver', value: string) => onlyKeys({ [key]: value });

  return (
    <Stack gap={6} mb="md">
      <Group gap="xs" wrap="wrap" role="group" aria-label="Views">
        {quick('All cases', {}, !isFiltered(search) && !search.view)}
        {quick('Open cases', { open: true }, onlyKeys({ open: true }))}
        {quick('My cases', { assigneeId: 'me', open: true }, onlyKeys({ assigneeId: 'me', open: true }))}
        {quick(
          'Unassigned',
          { assigneeId: 'none', open: true },
          onlyKeys({ assigneeId: 'none', open: true }),
        )}
        {canApprove ? quick('Awaiting my approval', { approver: 'me' }, onlyKey('approver', 'me')) : null}
        {views.isPending ? <Skeleton height={26} width={160} radius="sm" /> : null}
        {(views.data ?? []).map((v) => (
          <SavedViewButton
            key={v.id}
            view={v}
            active={search.view === v.id}
            isOwner={v.ownerId === userId}
            onOpen={() => onOpen(fromSavedView(v))}
            onDelete={() =>
              remove.mutate(v.id, {
                onSuccess: () => notifications.show({ color: 'teal', message: `View “${v.name}” deleted.` }),
                onError: (e) =>
                  notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
              })
            }
          />
        ))}
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconBookmark size={14} />}
          onClick={() => setSaving(true)}
          disabled={!isFiltered(search)}
          title={isFiltered(search) ? undefined : 'Set some filters first'}
        >
          Save view
        </Button>
      </Group>
      {views.isError ? (
        <Text size="xs" c="red">
          Saved views could not be loaded: {errorMessage(views.error)}
        </Text>
      ) : null}
      <SaveViewModal
        opened={saving}
        onClose={() => setSaving(false)}
        search={search}
        onSaved={(v) => onOpen(fromSavedView(v))}
      />
    </Stack>
  );
}

function SavedViewButton({
  view,
  active,
  isOwner,
  onOpen,
  onDelete,
}: {
  view: SavedView;
  active: boolean;
  isOwner: boolean;
  onOpen: () => void;
  onDelete: () => void;
}) {
  return (
    <Group gap={0} wrap="nowrap">
      <Button
        size="compact-sm"
        variant={active ? 'filled' : 'light'}
        aria-pressed={active}
        onClick={onOpen}
        leftSection={view.shared ? <IconUsersGroup size={14} aria-label="Shared" /> : null}
        rightSection={
          view.count === null ? null : (
            <Badge size="xs" variant={active ? 'white' : 'filled'} circle={view.count < 10}>
              {view.count}
            </Badge>
          )
        }
        style={isOwner ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
      >
        {view.name}
      </Button>
      {isOwner ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              size={26}
              variant={active ? 'filled' : 'light'}
              aria-label={`Options for view ${view.name}`}
              style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0 }}
            >
              <IconDots size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
              Delete view
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Group>
  );
}

function SaveViewModal({
  opened,
  onClose,
  search,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  search: QueueSearch;
  onSaved: (view: SavedView) => void;
}) {
  const create = useCreateSavedView();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', shared: false },
    validate: { name: (v) => (v.trim() ? null : 'Name the view') },
  });
  const problem = useFormProblem(form);
  const submit = form.onSubmit((v) => {
    problem.clear();
    create.mutate(
      { name: v.name.trim(), shared: v.shared, filters: toSavedViewFilters(search) },
      {
        onSuccess: (view) => {
          notifications.show({ color: 'teal', message: `View “${view.name}” saved.` });
          form.reset();
          onClose();
          onSaved(view);
        },
        onError: (e) => problem.handle(e),
      },
    );
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Save these filters as a view">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="View name" required data-autofocus {...form.getInputProps('name')} />
          <Checkbox
            label="Share with everyone who works these areas"
            {...form.getInputProps('shared', { type: 'checkbox' })}
          />
          <ProblemAlert error={problem.problem} />
          <FormActions onCancel={onClose} saving={create.isPending} submitLabel="Save view" />
        </Stack>
      </form>
    </Modal>
  );
}
