import { useId, useState } from 'react';
import { Badge, Input, SegmentedControl, Stack, TextInput, type SegmentedControlProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

export type ActiveFilterValue = 'active' | 'inactive' | 'all';

export function activeParam(value: ActiveFilterValue): boolean | undefined {
  return value === 'all' ? undefined : value === 'active';
}

/** Whether a record that is (or is not) active shows under the filter, for lists filtered in the browser. */
export function matchesActive(value: ActiveFilterValue, active: boolean): boolean {
  return value === 'all' || active === (value === 'active');
}

/** A segmented choice named by its label (a radio group labelled for assistive technology). */
export function LabelledSegmented<T extends string>({
  label,
  value,
  onChange,
  data,
  gap = 2,
  ...control
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  data: { value: string; label: string }[];
  /** Space between the label and the control. */
  gap?: number;
} & Pick<SegmentedControlProps, 'fullWidth' | 'style'>) {
  const id = useId();
  return (
    <Stack gap={gap}>
      <Input.Label component="span" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(v) => onChange(v as T)}
        data={data}
        {...control}
      />
    </Stack>
  );
}

/** Active / Inactive / All, as a labelled radio group. */
export function ActiveFilter({
  value,
  onChange,
  label = 'Show',
}: {
  value: ActiveFilterValue;
  onChange: (value: ActiveFilterValue) => void;
  label?: string;
}) {
  return (
    <LabelledSegmented
      label={label}
      value={value}
      onChange={onChange}
      data={[
        { value: 'active', label: 'Active' },
        { value: 'inactive', label: 'Inactive' },
        { value: 'all', label: 'All' },
      ]}
    />
  );
}

export function SearchInput({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <TextInput
      label={label}
      type="search"
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      style={{ flex: '1 1 240px' }}
    />
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Inactive
    </Badge>
  );
}

/** The search box's text, and the trimmed text to query with once typing pauses. */
export function useDebouncedSearch() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  return { search, setSearch, q };
}
