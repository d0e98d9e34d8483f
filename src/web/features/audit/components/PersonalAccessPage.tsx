import { useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  CloseButton,
  Group,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { IconEyeCheck, IconFilter, IconHistory, IconSearch } from '@tabler/icons-react';
import { PageHeader } from '../../../components/PageHeader.js';
import { useFormat } from '../../../lib/format.js';
import { useAllUsers } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useFindCaseByReference, usePersonalAccess, type PersonalAccess } from '../api.js';
import { humanise } from './FieldDiff.js';
import { LogTable } from './LogTable.js';

/** What the person was doing when the details were shown (the server's purpose codes). */
const PURPOSES: Record<string, string> = {
  'case.view': 'Opened the case',
};

function purposeLabel(purpose: string): string {
  return PURPOSES[purpose] ?? humanise(purpose.replace(/\./g, ' '));
}

/** The personal-details access log: who saw which customer's name, email or phone, on which case, when. */
export function PersonalAccessPage() {
  const fmt = useFormat();
  const { can } = useCurrentUser();
  const canReadCases = can('cases:read');
  const users = useAllUsers(can('org:read'));
  const { caseId, userId } = useSearch({ from: '/app/audit/personal-access' });
  const navigate = useNavigate({ from: '/audit/personal-access' });
  const find = useFindCaseByReference();
  // null: show the reference of the case filtered on; a string: what the person is typing.
  const [referenceInput, setReferenceInput] = useState<string | null>(null);
  const [found, setFound] = useState<{ id: string; reference: string } | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);

  const log = usePersonalAccess({ caseId, userId });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!caseId || !!userId;
  const caseReference =
    (found && found.id === caseId ? found.reference : undefined) ??
    rows.find((r) => r.caseId === caseId)?.reference;

  const setUser = (value: string | null) =>
    void navigate({ search: (prev) => ({ ...prev, userId: value ?? undefined }) });
  const clearCase = () => {
    setReferenceInput(null);
    setNotFound(null);
    find.reset();
    void navigate({ search: (prev) => ({ ...prev, caseId: undefined }) });
  };
  const clear = () => {
    setReferenceInput(null);
    setNotFound(null);
    void navigate({ search: {} });
  };

  const submitReference = (ev: FormEvent) => {
    ev.preventDefault();
    const typed = (referenceInput ?? '').trim();
    if (!typed) {
      clearCase();
      return;
    }
    setNotFound(null);
    find.mutate(typed, {
      onSuccess: (c) => {
        if (!c) {
          setNotFound(typed);
          return;
        }
        setFound({ id: c.id, reference: c.reference });
        setReferenceInput(null);
        void navigate({ search: (prev) => ({ ...prev, caseId: c.id }) });
      },
    });
  };

  const referenceValue = referenceInput ?? (caseId ? (caseReference ?? '') : '');
  let referenceError: string | undefined;
  if (notFound) referenceError = `No case you can see has the reference ${notFound}.`;
  else if (find.isError) referenceError = 'The case could not be looked up. Try again.';

  const body = (
    <LogTable
      list={log}
      shown={rows.length}
      skeletonColumns={4}
      filtered={filtered}
      onClearFilters={clear}
      emptyIcon={<IconEyeCheck size={28} />}
      emptyTitle="No one has viewed personal details yet"
      emptyDescription="Each time someone opens a case showing the customer’s name, email or phone, it is recorded here."
      noMatchTitle="No views match"
      noMatchDescription="No one matching these filters has seen a customer’s personal details."
      verticalSpacing="sm"
      columns={
        <>
          <Table.Th>When</Table.Th>
          <Table.Th visibleFrom="sm">Viewed by</Table.Th>
          <Table.Th>Case</Table.Th>
          <Table.Th visibleFrom="sm">What they did</Table.Th>
        </>
      }
    >
      {rows.map((r: PersonalAccess) => (
        <Table.Tr key={r.id}>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {fmt.dateTime(r.at)}
            </Text>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {r.user.name}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{r.user.name}</Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              {canReadCases ? (
                <Anchor
                  renderRoot={(props) => <Link {...props} to="/cases/$id" params={{ id: r.caseId }} />}
                  size="sm"
                  fw={600}
                  ff="monospace"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {r.reference}
                </Anchor>
              ) : (
                <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {r.reference}
                </Text>
              )}
              {caseId ? null : (
                <Tooltip label="Only this case">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Show only views of ${r.reference}`}
                    onClick={() => {
                      setFound({ id: r.caseId, reference: r.reference });
                      setReferenceInput(null);
                      setNotFound(null);
                      void navigate({ search: (prev) => ({ ...prev, caseId: r.caseId }) });
                    }}
                  >
                    <IconFilter size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {purposeLabel(r.purpose)}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{purposeLabel(r.purpose)}</Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </LogTable>
  );

  return (
    <>
      <PageHeader
        title="Who viewed personal details"
        description={`Every time someone saw a customer’s name, email or phone on a case, newest first. Times are in ${fmt.timeZone}.`}
        actions={
          <Button
            variant="default"
            leftSection={<IconHistory size={16} />}
            renderRoot={(props) => <Link {...props} to="/audit" />}
          >
            Audit trail
          </Button>
        }
      />
      <Card withBorder padding="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {users.data ? (
            <Select
              label="Viewed by"
              placeholder="Anyone"
              data={users.data.map((u) => ({ value: u.id, label: u.name }))}
              value={userId ?? null}
              onChange={setUser}
              clearable
              // Mantine hides its clear button from assistive technology and the keyboard; this one is for everyone.
              clearButtonProps={{ 'aria-label': 'Clear person', 'aria-hidden': false, tabIndex: 0 }}
              searchable
            />
          ) : (
            <Select label="Viewed by" placeholder="Anyone" data={[]} disabled />
          )}
          {canReadCases ? (
            <form onSubmit={submitReference} role="search" aria-label="Find a case by reference">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label="Case reference"
                  placeholder="e.g. VR-26-7KQ4-MX"
                  value={referenceValue}
                  onChange={(ev) => {
                    setReferenceInput(ev.currentTarget.value);
                    setNotFound(null);
                  }}
                  error={referenceError}
                  rightSection={
                    referenceValue ? (
                      <CloseButton size="sm" aria-label="Clear case reference" onClick={clearCase} />
                    ) : null
                  }
                  spellCheck={false}
                  autoComplete="off"
                  style={{ flex: 1 }}
                />
                <Button
                  type="submit"
                  variant="default"
                  mt={25}
                  leftSection={<IconSearch size={16} />}
                  loading={find.isPending}
                >
                  Find
                </Button>
              </Group>
            </form>
          ) : (
            <TextInput
              label="Case"
              value={caseId ? (caseReference ?? 'The case in the link') : ''}
              placeholder="Any case"
              description={
                caseId ? undefined : 'To see one case, use the filter button beside its reference.'
              }
              inputWrapperOrder={['label', 'input', 'description']}
              readOnly
              rightSection={
                caseId ? <CloseButton size="sm" aria-label="Show every case" onClick={clearCase} /> : null
              }
            />
          )}
        </SimpleGrid>
      </Card>
      {body}
    </>
  );
}
