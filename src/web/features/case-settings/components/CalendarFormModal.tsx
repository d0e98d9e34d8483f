import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  List,
  Menu,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconChevronDown, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { australianNationalHolidays, validateCalendar } from '../../../../calendar/index.js';
import type { Calendar } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert } from '../../../components/ProblemAlert.js';
import { isApiError } from '../../../lib/api.js';
import { timeZoneOptions } from '../../../lib/intl-options.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useSaveCalendar } from '../api.js';
import {
  calendarErrorKey,
  copyDay,
  describeCalendarProblem,
  describeErrorKey,
  holidayProblem,
  intervalMinutes,
  mergeHolidays,
  sortHolidays,
  spansMidnight,
  suggestInterval,
  WEEKDAYS,
  weeklyFromRecord,
  weeklyMinutes,
  type HolidayEntry,
  type WeekdayKey,
  type Weekly,
} from '../calendar-editing.js';
import { formatMinutes } from '../durations.js';

interface Values {
  name: string;
  timeZone: string;
  weekly: Weekly;
  holidays: HolidayEntry[];
  areaIds: string[];
  version: number;
}

const OFFICE_HOURS = weeklyFromRecord(
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
);

function valuesOf(c: Calendar | null, timeZone: string): Values {
  return c
    ? {
        name: c.name,
        timeZone: c.timeZone,
        weekly: weeklyFromRecord(c.weekly),
        holidays: sortHolidays(c.holidays),
        areaIds: c.areaIds,
        version: c.version,
      }
    : { name: '', timeZone, weekly: OFFICE_HOURS, holidays: [], areaIds: [], version: 0 };
}

/** "5 Mar 2026, Thursday" in the organisation's locale, for a local date YYYY-MM-DD. */
function formatHolidayDate(date: string, locale: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  try {
    return (
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) +
      ', ' +
      new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(d)
    );
  } catch {
    return date;
  }
}

/** The error keys this form shows beside a field; anything else also goes into the alert. */
const SHOWN_ERROR =
  /^(name|timeZone|areaIds|weekly(\.[1-7]\.\d+(\.(start|end))?)?|holidays\.\d+\.(date|name))$/;

function FieldError({ children }: { children: ReactNode }) {
  return children ? (
    <Text size="sm" c="red" role="alert">
      {children}
    </Text>
  ) : null;
}

/** A section's heading and note, with a menu of quick fills on the right. */
function SectionHeader({
  id,
  title,
  note,
  menuIcon,
  menuLabel,
  children,
}: {
  id: string;
  title: string;
  note: ReactNode;
  menuIcon: ReactNode;
  menuLabel: string;
  /** The menu's items. */
  children: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
      <div>
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      </div>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="xs"
            leftSection={menuIcon}
            rightSection={<IconChevronDown size={14} />}
          >
            {menuLabel}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>{children}</Menu.Dropdown>
      </Menu>
    </Group>
  );
}

/** A calendar: name, time zone, working intervals per weekday, public holidays and the areas using it. */
export function CalendarFormModal({
  opened,
  calendar,
  onClose,
}: {
  opened: boolean;
  calendar: Calendar | null;
  onClose: () => void;
}) {
  const save = useSaveCalendar();
  const { organisation } = useCurrentUser();
  const locale = organisation?.locale ?? 'en-AU';
  const areas = useAllAreas(opened);
  const [problem, setProblem] = useState<unknown>(null);
  const [newHoliday, setNewHoliday] = useState<HolidayEntry>({ date: '', name: '' });
  // What stopped the last save, listed beside the buttons: the fields may be scrolled out of view.
  const [invalid, setInvalid] = useState<string[]>([]);
  const [holidayError, setHolidayError] = useState<{ field: 'date' | 'name'; message: string } | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null, organisation?.timeZone ?? 'Australia/Sydney'),
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = 'Enter a name';
      // The same rules the server applies (bad times, overlaps, no working time at all).
      for (const p of validateCalendar({
        timeZone: values.timeZone,
        weekly: values.weekly,
        holidays: values.holidays,
      })) {
        errors[calendarErrorKey(p.path)] ??= describeCalendarProblem(p.message);
      }
      return errors;
    },
  });

  const zones = useMemo(() => timeZoneOptions(calendar?.timeZone), [calendar?.timeZone]);
  const thisYear = new Date().getFullYear();

  useEffect(() => {
    if (!opened) return;
    const values = valuesOf(calendar, organisation?.timeZone ?? 'Australia/Sydney');
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, calendar?.id]);

  const close = () => {
    setProblem(null);
    setInvalid([]);
    setNewHoliday({ date: '', name: '' });
    setHolidayError(null);
    onClose();
  };

  const { weekly, holidays } = form.values;

  const setDay = (day: WeekdayKey, intervals: Weekly[WeekdayKey]) => {
    form.setFieldValue('weekly', { ...weekly, [day]: intervals });
    // Positions shift when a row goes, so earlier messages no longer point at the right row.
    form.clearErrors();
  };

  const addHoliday = () => {
    const entry = { date: newHoliday.date, name: newHoliday.name.trim() };
    const wrong = holidayProblem(entry, holidays);
    setHolidayError(wrong);
    if (wrong) return;
    form.setFieldValue('holidays', mergeHolidays(holidays, [entry]).holidays);
    setNewHoliday({ date: '', name: '' });
  };

  const addNational = (year: number) => {
    const merged = mergeHolidays(holidays, australianNationalHolidays(year));
    form.setFieldValue('holidays', merged.holidays);
    notifications.show({
      color: 'teal',
      message: merged.added
        ? `${merged.added} Australian national holidays for ${year} added. Save to keep them.`
        : `The Australian national holidays for ${year} are already in the list.`,
    });
  };

  const handleError = (error: unknown) => {
    const fields = isApiError(error) ? error.fieldErrors : [];
    const errors: Record<string, string> = {};
    let leftover = !fields.length;
    for (const e of fields) {
      const key = calendarErrorKey(e.path);
      errors[key] ??= describeCalendarProblem(e.message);
      if (!SHOWN_ERROR.test(key)) leftover = true;
    }
    form.setErrors(errors);
    listInvalid(errors);
    setProblem(leftover ? error : null);
  };

  const listInvalid = (errors: Record<string, unknown>) =>
    setInvalid(
      Object.entries(errors)
        .filter(([, message]) => !!message)
        .map(([key, message]) => `${describeErrorKey(key)}: ${String(message)}`),
    );

  const submit = form.onSubmit((v) => {
    setProblem(null);
    setInvalid([]);
    const fields = {
      name: v.name.trim(),
      timeZone: v.timeZone,
      weekly: v.weekly,
      holidays: sortHolidays(v.holidays),
      areaIds: v.areaIds,
    };
    save.mutate(
      { id: calendar?.id, body: calendar ? { ...fields, version: v.version } : fields },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: calendar ? `${saved.name} is saved.` : `${saved.name} is added.`,
          });
          close();
        },
        onError: handleError,
      },
    );
  }, listInvalid);

  const areaOptions = (areas.data ?? [])
    .filter((a) => a.active || form.values.areaIds.includes(a.id))
    .map((a) => ({ value: a.id, label: a.name }));
  const weekError = form.errors.weekly;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={calendar ? `Edit ${calendar.name}` : 'Add business calendar'}
      size={960}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <Select
              label="Time zone"
              required
              description="Working hours and holidays are local times here"
              data={zones}
              searchable
              allowDeselect={false}
              limit={100}
              {...form.getInputProps('timeZone')}
            />
          </SimpleGrid>

          <Box component="section" aria-labelledby="working-hours-heading">
            <SectionHeader
              id="working-hours-heading"
              title="Working hours"
              note={
                <>
                  Several intervals a day are fine. An interval that ends at or before it starts runs past
                  midnight (e.g. 22:00–06:00). {formatMinutes(weeklyMinutes(weekly))} of working time a week.
                </>
              }
              menuIcon={<IconCopy size={14} />}
              menuLabel="Copy Monday’s hours"
            >
              <Menu.Item
                onClick={() => form.setFieldValue('weekly', copyDay(weekly, '1', ['2', '3', '4', '5']))}
              >
                To Tuesday–Friday
              </Menu.Item>
              <Menu.Item
                onClick={() =>
                  form.setFieldValue('weekly', copyDay(weekly, '1', ['2', '3', '4', '5', '6', '7']))
                }
              >
                To every day
              </Menu.Item>
            </SectionHeader>
            <Stack gap={0}>
              {WEEKDAYS.map(({ key, label }) => {
                const intervals = weekly[key];
                return (
                  <Box
                    key={key}
                    py="xs"
                    style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                  >
                    <Group align="flex-start" wrap="wrap" gap="md">
                      <Text fw={600} size="sm" w={110} pt={6} id={`day-${key}`}>
                        {label}
                      </Text>
                      <Stack gap={6} style={{ flex: '1 1 360px' }}>
                        {intervals.length === 0 ? (
                          <Text size="sm" c="dimmed" pt={6}>
                            Closed
                          </Text>
                        ) : null}
                        {intervals.map((interval, i) => {
                          const base = `weekly.${key}.${i}`;
                          const rowError =
                            form.errors[base] ?? form.errors[`${base}.start`] ?? form.errors[`${base}.end`];
                          return (
                            <Stack key={i} gap={2}>
                              <Group gap="xs" wrap="nowrap" align="center">
                                <TextInput
                                  type="time"
                                  aria-label={`${label} hours ${i + 1} from`}
                                  w={130}
                                  value={interval.start}
                                  error={!!(form.errors[base] ?? form.errors[`${base}.start`])}
                                  onChange={(e) => {
                                    form.setFieldValue(`${base}.start`, e.currentTarget.value);
                                    form.clearFieldError(base);
                                  }}
                                />
                                <Text size="sm" c="dimmed" aria-hidden>
                                  to
                                </Text>
                                <TextInput
                                  type="time"
                                  aria-label={`${label} hours ${i + 1} until`}
                                  w={130}
                                  value={interval.end}
                                  error={!!(form.errors[base] ?? form.errors[`${base}.end`])}
                                  onChange={(e) => {
                                    form.setFieldValue(`${base}.end`, e.currentTarget.value);
                                    form.clearFieldError(base);
                                  }}
                                />
                                {spansMidnight(interval) ? (
                                  <Badge variant="light" color="grape" tt="none">
                                    ends next day
                                  </Badge>
                                ) : null}
                                <Text size="xs" c="dimmed" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                                  {formatMinutes(intervalMinutes(interval))}
                                </Text>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={`Remove ${label} hours ${interval.start}–${interval.end}`}
                                  onClick={() =>
                                    setDay(
                                      key,
                                      intervals.filter((_, j) => j !== i),
                                    )
                                  }
                                >
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </Group>
                              <FieldError>{rowError}</FieldError>
                            </Stack>
                          );
                        })}
                      </Stack>
                      <Button
                        variant="subtle"
                        size="xs"
                        leftSection={<IconPlus size={14} />}
                        aria-label={`Add working hours on ${label}`}
                        disabled={intervals.length >= 6}
                        onClick={() => setDay(key, [...intervals, suggestInterval(intervals)])}
                        mt={4}
                      >
                        Add hours
                      </Button>
                    </Group>
                  </Box>
                );
              })}
            </Stack>
            <FieldError>{weekError}</FieldError>
          </Box>

          <Divider />

          <Box component="section" aria-labelledby="holidays-heading">
            <SectionHeader
              id="holidays-heading"
              title="Public holidays"
              note={
                <>
                  No working time on these dates. {holidays.length}{' '}
                  {holidays.length === 1 ? 'holiday' : 'holidays'} listed.
                </>
              }
              menuIcon={<IconCalendarPlus size={14} />}
              menuLabel="Add national holidays"
            >
              <Menu.Label>Australian national holidays</Menu.Label>
              {[thisYear, thisYear + 1].map((year) => (
                <Menu.Item key={year} onClick={() => addNational(year)}>
                  {year}
                </Menu.Item>
              ))}
            </SectionHeader>
            <Group align="flex-start" gap="sm" wrap="wrap" mb="sm">
              <TextInput
                type="date"
                label="Holiday date"
                w={180}
                value={newHoliday.date}
                error={holidayError?.field === 'date' ? holidayError.message : null}
                onChange={(e) => setNewHoliday({ ...newHoliday, date: e.currentTarget.value })}
              />
              <TextInput
                label="Holiday name"
                placeholder="e.g. Royal Show Day"
                style={{ flex: '1 1 220px' }}
                maxLength={100}
                value={newHoliday.name}
                error={holidayError?.field === 'name' ? holidayError.message : null}
                onChange={(e) => setNewHoliday({ ...newHoliday, name: e.currentTarget.value })}
                onKeyDown={(e) => {
                  // Enter adds the holiday rather than saving the whole calendar.
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addHoliday();
                  }
                }}
              />
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addHoliday} mt={25}>
                Add holiday
              </Button>
            </Group>
            {holidays.length ? (
              <Table.ScrollContainer minWidth={300} mah={320}>
                <Table striped aria-labelledby="holidays-heading">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>
                        <span className="visually-hidden">Remove</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {holidays.map((h, i) => {
                      const error = form.errors[`holidays.${i}.date`] ?? form.errors[`holidays.${i}.name`];
                      return (
                        <Table.Tr key={`${h.date}|${h.name}`}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Text size="sm">{formatHolidayDate(h.date, locale)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{h.name}</Text>
                            <FieldError>{error}</FieldError>
                          </Table.Td>
                          <Table.Td ta="right" w={1}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Remove ${h.name} (${h.date})`}
                              onClick={() => {
                                form.setFieldValue(
                                  'holidays',
                                  holidays.filter((_, j) => j !== i),
                                );
                                form.clearErrors();
                              }}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Text size="sm" c="dimmed">
                No holidays yet: every weekday with working hours counts.
              </Text>
            )}
          </Box>

          <Divider />

          <MultiSelect
            label="Business areas using this calendar"
            description={
              calendar?.isDefault
                ? 'Areas without a calendar of their own use this one, the default. An area uses one calendar: choosing it here moves it from its current one.'
                : 'An area uses one calendar: choosing it here moves it from its current one. Areas not listed on any calendar use the default.'
            }
            placeholder={form.values.areaIds.length ? undefined : 'None'}
            data={areaOptions}
            searchable
            clearable
            {...form.getInputProps('areaIds')}
          />
          {calendar ? (
            <Text size="xs" c="dimmed">
              Saving new working hours or holidays moves the due times of open deadline clocks that use this
              calendar.
            </Text>
          ) : null}

          {invalid.length ? (
            <Alert color="red" variant="light" title="Check these before saving" role="alert">
              <List size="sm" spacing={2}>
                {invalid.slice(0, 8).map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <ProblemAlert
            error={problem}
            onReload={(current) => {
              form.setValues(valuesOf(current as Calendar, organisation?.timeZone ?? 'Australia/Sydney'));
              setProblem(null);
            }}
          />
          <FormActions onCancel={close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
