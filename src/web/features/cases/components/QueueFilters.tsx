import { useEffect, useState, type RefObject } from 'react';
import { Button, Collapse, Group, MultiSelect, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconX } from '@tabler/icons-react';
import {
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  DEADLINE_STATES,
  PRIORITIES,
  type Category,
} from '../../../../contracts/cases.js';
import type { User } from '../../../../contracts/identity.js';
import type { Area, Team } from '../../../../contracts/organisation.js';
import {
  countFilters,
  isFiltered,
  joinCsv,
  SORTS,
  splitCsv,
  withFilter,
  type FilterKey,
  type QueueSearch,
} from '../queue-filters.js';
import { categoryOptions } from '../category-options.js';
import { labelOptions } from '../form-options.js';

const STATUS_OPTIONS = labelOptions(CASE_STATUSES);
const KIND_OPTIONS = labelOptions(CASE_KINDS);
const CHANNEL_OPTIONS = labelOptions(CHANNELS);
const PRIORITY_OPTIONS = labelOptions(PRIORITIES);
const DEADLINE_OPTIONS = labelOptions(DEADLINE_STATES).filter((o) => o.value !== 'none');
const SORT_OPTIONS = labelOptions(SORTS);

const MORE_KEYS: FilterKey[] = [
  'areaId',
  'teamId',
  'kind',
  'categoryId',
  'channel',
  'priority',
  'receivedFrom',
  'receivedTo',
];

/** The filters chosen from a list (all but the open-cases switch). */
type ChoiceKey = Exclude<FilterKey, 'open'>;

const narrow = { base: '100%', xs: 200 } as const;

/** The queue's filter bar. Every change writes the URL; the URL is the only state. */
export function QueueFilters({
  search,
  onChange,
  searchRef,
  areas,
  teams,
  users,
  categories,
}: {
  search: QueueSearch;
  onChange: (next: QueueSearch) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  areas: Area[];
  teams: Team[];
  users: User[];
  categories: Category[];
}) {
  const moreCount = countFilters(search, MORE_KEYS);
  const [more, setMore] = useState(moreCount > 0);
  const set = (key: FilterKey | 'sort', value: string | undefined | null) =>
    onChange(withFilter(search, key, value ?? undefined));
  const setList = (key: FilterKey, values: string[]) => set(key, joinCsv(values));
  /** A multi-choice filter: its values from the URL, "Any …" until something is chosen. */
  const many = (key: ChoiceKey, anyLabel: string) => ({
    placeholder: search[key] ? undefined : anyLabel,
    value: splitCsv(search[key]),
    onChange: (values: string[]) => setList(key, values),
    clearable: true,
  });
  /** A single-choice filter: its value from the URL. */
  const one = (key: ChoiceKey) => ({
    value: search[key] ?? null,
    onChange: (value: string | null) => set(key, value),
    clearable: true,
    searchable: true,
  });

  // The search box types freely; the URL follows once typing pauses.
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if ((search.q ?? '') !== debounced) set('q', debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // A saved view or "Clear filters" changes q from outside: show it (state adjusted while rendering).
  const [shownQ, setShownQ] = useState(search.q ?? '');
  if ((search.q ?? '') !== shownQ) {
    setShownQ(search.q ?? '');
    if ((search.q ?? '') !== text.trim()) setText(search.q ?? '');
  }

  const areaIds = splitCsv(search.areaId);
  const teamOptions = teams
    .filter((t) => t.active && (!areaIds.length || areaIds.includes(t.areaId)))
    .map((t) => ({ value: t.id, label: areas.length > 1 ? `${t.name} (${t.areaName})` : t.name }));

  const assigneeOptions = [
    { value: 'me', label: 'Me' },
    { value: 'none', label: 'Unassigned' },
    ...users.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.name })),
  ];

  return (
    <>
      <Group gap="md" align="flex-end" wrap="wrap" mb="sm">
        <TextInput
          ref={searchRef}
          label="Search cases"
          type="search"
          placeholder="Reference, subject or customer"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <MultiSelect
          label="Status"
          data={STATUS_OPTIONS}
          {...many('status', 'Any status')}
          w={{ base: '100%', xs: 240 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Assignee"
          placeholder="Anyone"
          data={assigneeOptions}
          {...one('assigneeId')}
          w={narrow}
        />
        <MultiSelect label="Deadline" data={DEADLINE_OPTIONS} {...many('deadline', 'Any')} w={narrow} />
      </Group>
      <Group gap="sm" mb="sm" justify="space-between" align="flex-end">
        <Group gap="md">
          <Switch
            label="Open cases only"
            checked={!!search.open}
            onChange={(e) => set('open', e.currentTarget.checked ? 'true' : undefined)}
          />
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconAdjustmentsHorizontal size={16} />}
            onClick={() => setMore((m) => !m)}
            aria-expanded={more}
            aria-controls="queue-more-filters"
          >
            {more ? 'Fewer filters' : moreCount ? `More filters (${moreCount})` : 'More filters'}
          </Button>
          {isFiltered(search) ? (
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              leftSection={<IconX size={16} />}
              onClick={() => onChange(search.sort ? { sort: search.sort } : {})}
            >
              Clear filters
            </Button>
          ) : null}
        </Group>
        <Select
          label="Sort by"
          data={SORT_OPTIONS}
          value={search.sort ?? 'due'}
          onChange={(v) => set('sort', v)}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
          size="xs"
        />
      </Group>
      <Collapse expanded={more} id="queue-more-filters">
        <Group gap="md" align="flex-end" wrap="wrap" mb="md">
          <MultiSelect
            label="Business area"
            data={areas.map((a) => ({ value: a.id, label: a.name }))}
            {...many('areaId', 'Any area')}
            searchable
            w={{ base: '100%', xs: 240 }}
          />
          <Select label="Team" placeholder="Any team" data={teamOptions} {...one('teamId')} w={narrow} />
          <MultiSelect label="Kind" data={KIND_OPTIONS} {...many('kind', 'Any kind')} w={narrow} />
          <Select
            label="Category"
            placeholder="Any category"
            data={categoryOptions(categories)}
            {...one('categoryId')}
            w={{ base: '100%', xs: 240 }}
          />
          <MultiSelect
            label="Channel"
            data={CHANNEL_OPTIONS}
            {...many('channel', 'Any channel')}
            w={narrow}
          />
          <MultiSelect
            label="Priority"
            data={PRIORITY_OPTIONS}
            {...many('priority', 'Any priority')}
            w={narrow}
          />
          <TextInput
            label="Received from"
            type="date"
            value={search.receivedFrom ?? ''}
            onChange={(e) => set('receivedFrom', e.currentTarget.value)}
            w={{ base: '100%', xs: 170 }}
          />
          <TextInput
            label="Received to"
            type="date"
            value={search.receivedTo ?? ''}
            onChange={(e) => set('receivedTo', e.currentTarget.value)}
            w={{ base: '100%', xs: 170 }}
          />
        </Group>
      </Collapse>
    </>
  );
}
