import { useState } from 'react';
import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { IconPlus, IconTemplate } from '@tabler/icons-react';
import { TEMPLATE_PURPOSES, type Template } from '../../../../contracts/cases.js';
import {
  ActiveBadge,
  ActiveFilter,
  matchesActive,
  SearchInput,
  useDebouncedSearch,
  type ActiveFilterValue,
} from '../../../components/filters.js';
import { ActionsHeader, ListPage, useEditDialog } from '../../../components/list-page.js';
import { RowActions, useActiveToggle } from '../../../components/row-actions.js';
import { asListQuery, useSaveTemplate, useTemplates } from '../api.js';
import { PURPOSE_OPTIONS, TemplateFormModal } from './TemplateFormModal.js';

export function TemplatesPage() {
  const query = useTemplates();
  const { search, setSearch, q } = useDebouncedSearch();
  const [purpose, setPurpose] = useState<string | null>(null);
  const [status, setStatus] = useState<ActiveFilterValue>('active');
  const dialog = useEditDialog<Template>();
  const toggle = useActiveToggle<Template>({
    save: useSaveTemplate(),
    noun: 'template',
    onStale: () => void query.refetch(),
  });

  const needle = q.toLowerCase();
  const rows = (query.data ?? [])
    .filter(
      (t) =>
        matchesActive(status, t.active) &&
        (!purpose || t.purpose === purpose) &&
        (!needle || t.name.toLowerCase().includes(needle) || t.subject.toLowerCase().includes(needle)),
    )
    .sort((a, b) => a.name.localeCompare(b.name));

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => dialog.open(null)}>
      Add template
    </Button>
  );

  return (
    <ListPage
      title="Response templates"
      description="Ready-made emails to customers — acknowledgements, progress updates, outcomes and requests for information — with placeholders filled from the case."
      action={addButton}
      filters={
        <>
          <SearchInput
            label="Search templates"
            placeholder="Name or subject"
            value={search}
            onChange={setSearch}
          />
          <Select
            label="Filter by purpose"
            placeholder="Any purpose"
            data={PURPOSE_OPTIONS}
            value={purpose}
            onChange={setPurpose}
            clearable
            w={{ base: '100%', xs: 240 }}
          />
          <ActiveFilter value={status} onChange={setStatus} />
        </>
      }
      list={asListQuery(query)}
      shown={rows.length}
      isFiltered={!!q || !!purpose || status !== 'active'}
      emptyIcon={<IconTemplate size={28} />}
      emptyTitle="No response templates yet"
      emptyDescription="Templates keep messages to customers consistent and quick to write: an acknowledgement that names the case reference, a response that states the outcome and what happens next."
      noMatchTitle="No templates match"
      noMatchDescription="Try a different search or purpose, or show inactive templates too."
      onClearFilters={() => {
        setSearch('');
        setPurpose(null);
        setStatus('all');
      }}
      columns={
        <>
          <Table.Th>Template</Table.Th>
          <Table.Th visibleFrom="sm">Purpose</Table.Th>
          <Table.Th visibleFrom="md">Subject</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </>
      }
      rows={rows.map((t) => (
        <Table.Tr key={t.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {t.name}
            </Text>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {TEMPLATE_PURPOSES[t.purpose]}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Badge variant="light" color="indigo" tt="none">
              {TEMPLATE_PURPOSES[t.purpose]}
            </Badge>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Text size="sm" lineClamp={1} maw={380}>
              {t.subject}
            </Text>
          </Table.Td>
          <Table.Td>
            <ActiveBadge active={t.active} />
          </Table.Td>
          <Table.Td ta="right" w={1}>
            <RowActions
              name={t.name}
              active={t.active}
              onEdit={() => dialog.open(t)}
              onToggleActive={() => toggle.requestToggle(t)}
            />
          </Table.Td>
        </Table.Tr>
      ))}
    >
      <TemplateFormModal opened={dialog.opened} template={dialog.editing} onClose={dialog.close} />
      {toggle.confirmModal(
        'Messages already sent keep their text, but staff can no longer choose this template. You can reactivate it at any time.',
      )}
    </ListPage>
  );
}
