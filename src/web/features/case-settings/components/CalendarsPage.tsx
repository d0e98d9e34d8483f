import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconCalendarTime, IconPencil, IconPlus } from '@tabler/icons-react';
import type { Calendar } from '../../../../contracts/cases.js';
import { ActionsHeader, ListPage, useEditDialog } from '../../../components/list-page.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { asListQuery, useCalendars } from '../api.js';
import { summariseWeek, weeklyFromRecord } from '../calendar-editing.js';
import { CalendarFormModal } from './CalendarFormModal.js';

export function CalendarsPage() {
  const query = useCalendars();
  const areas = useAllAreas();
  const dialog = useEditDialog<Calendar>();
  const areaName = new Map((areas.data ?? []).map((a) => [a.id, a.name]));

  const calendars = [...(query.data ?? [])].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name),
  );

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add calendar
    </Button>
  );

  return (
    <ListPage
      title="Business calendars"
      description="When each business area works: its time zone, working hours per weekday and public holidays. Deadlines measured in working hours count only this time. Areas without a calendar of their own use the default."
      action={addButton}
      filters={null}
      list={asListQuery(query)}
      shown={calendars.length}
      isFiltered={false}
      emptyIcon={<IconCalendarTime size={28} />}
      emptyTitle="No business calendars yet"
      emptyDescription="A calendar sets the working hours and public holidays that deadlines in working hours are counted in."
      noMatchTitle="No calendars match"
      noMatchDescription=""
      onClearFilters={() => undefined}
      columns={
        <>
          <Table.Th>Calendar</Table.Th>
          <Table.Th visibleFrom="md">Working hours</Table.Th>
          <Table.Th visibleFrom="sm">Holidays</Table.Th>
          <Table.Th visibleFrom="xs">Used by</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={calendars.map((c) => {
        const used = c.areaIds.map((id) => areaName.get(id)).filter((n): n is string => !!n);
        return (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                {c.isDefault ? (
                  <Badge variant="light" color="teal" tt="none">
                    Default
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed">
                {c.timeZone}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="md">
              <Text size="sm" maw={360}>
                {summariseWeek(weeklyFromRecord(c.weekly))}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {c.holidays.length} {c.holidays.length === 1 ? 'holiday' : 'holidays'}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="xs">
              <Text size="sm" c={used.length ? undefined : 'dimmed'} maw={280}>
                {used.length
                  ? used.join(', ')
                  : c.isDefault
                    ? 'Every area without its own calendar'
                    : 'No business area yet'}
              </Text>
            </Table.Td>
            <Table.Td ta="right" w={1}>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => dialog.open(c)}
                aria-label={`Edit ${c.name}`}
              >
                Edit
              </Button>
            </Table.Td>
          </Table.Tr>
        );
      })}
    >
      <CalendarFormModal opened={dialog.opened} calendar={dialog.editing} onClose={dialog.close} />
    </ListPage>
  );
}
