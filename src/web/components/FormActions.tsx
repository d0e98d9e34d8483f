import { Button, Group } from '@mantine/core';

/** A form's closing row: Cancel, then the submit button (labelled "Save" unless told otherwise). */
export function FormActions({
  onCancel,
  saving,
  submitLabel = 'Save',
}: {
  onCancel: () => void;
  saving: boolean;
  submitLabel?: string;
}) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={saving}>
        {submitLabel}
      </Button>
    </Group>
  );
}
