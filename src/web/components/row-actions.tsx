import { useState, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { isApiError } from '../lib/api.js';
import { ConfirmModal } from './ConfirmModal.js';
import { errorMessage } from './states.js';

/** A record that can be deactivated and reactivated, guarded by its version. */
export interface ToggleableRecord {
  id: string;
  name: string;
  version: number;
  active: boolean;
}

/** The part of a save mutation that flips `active`. */
interface ActiveSaver<T> {
  mutate: (
    variables: { id: string; body: { version: number; active: boolean } },
    options: { onSuccess: (saved: T) => void; onError: (error: unknown) => void },
  ) => void;
  isPending: boolean;
}

/**
 * Deactivate (after a confirm) or reactivate a record, with the notifications every list shows.
 * `noun` names the record in the stale-version warning ("Someone else changed this team").
 */
export function useActiveToggle<T extends ToggleableRecord>({
  save,
  noun,
  onStale,
}: {
  save: ActiveSaver<T>;
  noun: string;
  /** Called after any failure so the list shows the current version. */
  onStale: () => void;
}) {
  const [toggling, setToggling] = useState<T | null>(null);

  const toggleActive = (record: T) => {
    save.mutate(
      { id: record.id, body: { version: record.version, active: !record.active } },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: saved.active ? `${saved.name} is active again.` : `${saved.name} is deactivated.`,
          });
          setToggling(null);
        },
        onError: (error) => {
          setToggling(null);
          const stale = isApiError(error) && error.isStaleVersion;
          notifications.show({
            color: stale ? 'orange' : 'red',
            title: stale ? `Someone else changed this ${noun}` : 'Not saved',
            message: stale
              ? 'The list now shows their version. Check it and try again.'
              : errorMessage(error),
          });
          onStale();
        },
      },
    );
  };

  /** The confirm dialog before deactivating; `children` says what deactivating means. */
  const confirmModal = (children: ReactNode) => (
    <ConfirmModal
      opened={!!toggling}
      title={toggling ? `Deactivate ${toggling.name}?` : 'Deactivate'}
      confirmLabel="Deactivate"
      loading={save.isPending}
      onClose={() => setToggling(null)}
      onConfirm={() => toggling && toggleActive(toggling)}
    >
      {children}
    </ConfirmModal>
  );

  return {
    /** Asks first before deactivating; reactivates at once. */
    requestToggle: (record: T) => (record.active ? setToggling(record) : toggleActive(record)),
    confirmModal,
  };
}

/**
 * A row's actions: "Edit" (in the menu on narrow screens) and a menu with any extra items, then
 * Deactivate or Reactivate.
 */
export function RowActions({
  name,
  active,
  onEdit,
  onToggleActive,
  menuItems,
}: {
  name: string;
  active: boolean;
  onEdit: () => void;
  onToggleActive: () => void;
  /** Items listed first in the menu. */
  menuItems?: ReactNode;
}) {
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button
        visibleFrom="sm"
        variant="subtle"
        size="xs"
        leftSection={<IconPencil size={14} />}
        onClick={onEdit}
        aria-label={`Edit ${name}`}
      >
        Edit
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${name}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {menuItems}
          <Menu.Item hiddenFrom="sm" leftSection={<IconPencil size={14} />} onClick={onEdit}>
            Edit
          </Menu.Item>
          {active ? (
            <Menu.Item color="red" leftSection={<IconPlayerPause size={14} />} onClick={onToggleActive}>
              Deactivate
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={onToggleActive}>
              Reactivate
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
