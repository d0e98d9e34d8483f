import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { IconFileSpreadsheet, IconPlayerPlay, IconTestPipe, IconUpload } from '@tabler/icons-react';
import {
  IMPORT_DATE_ORDERS,
  IMPORT_MODES,
  IMPORT_STATUSES,
  IMPORT_TARGETS,
  type Import,
  type ImportMapping,
  type ImportTarget,
} from '../../../../contracts/imports.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyHint, ErrorState, LoadMore, TableSkeleton, errorMessage } from '../../../components/states.js';
import { isApiError } from '../../../lib/api.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import {
  useImport,
  useImportErrors,
  useImportList,
  useSaveMapping,
  useStartImport,
  useUploadImport,
} from '../api.js';

const TARGET_OPTIONS = (Object.entries(IMPORT_TARGETS) as [ImportTarget, string][]).map(([value, label]) => ({
  value,
  label,
}));
const DATE_ORDER_OPTIONS = Object.entries(IMPORT_DATE_ORDERS).map(([value, label]) => ({ value, label }));
const STATUS_COLOURS: Record<Import['status'], string> = {
  uploaded: 'gray',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
};
const isBusy = (imp: Import) => imp.status === 'queued' || imp.status === 'running';
const count = (n: number) => n.toLocaleString();
const fileSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Import of history: upload a CSV or XLSX file, map its columns, dry run, run, and read the error report. */
export function ImportPage() {
  const { id } = useSearch({ strict: false }) as { id?: string };
  const navigate = useNavigate();
  const select = (next: string | undefined) =>
    void navigate({ to: '/cases/import', search: next ? { id: next } : {} });
  return (
    <>
      <PageHeader
        title="Import history"
        description="Bring in historical cases from a CSV file or an Excel workbook. Map the columns, check every row with a dry run, then import. Re-running adds nothing twice: rows are matched on their external id."
      />
      <Stack gap="lg">
        <UploadCard onUploaded={(imp) => select(imp.id)} />
        {id ? <ImportDetail id={id} /> : null}
        <ImportList selectedId={id} onOpen={select} />
      </Stack>
    </>
  );
}

function UploadCard({ onUploaded }: { onUploaded: (imp: Import) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadImport();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="upload-title">
      <Title order={2} size="h4" id="upload-title" mb="sm">
        Upload a file
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file, { onSuccess: (imp) => (setFile(null), onUploaded(imp)) });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label="CSV or XLSX file"
            description="The first row must hold the column names. Only the first worksheet of a workbook is read."
            placeholder="Choose a file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            leftSection={<IconFileSpreadsheet size={16} />}
            clearable
            style={{ flex: '1 1 320px' }}
            error={upload.isError ? errorMessage(upload.error) : undefined}
          />
          <Button
            type="submit"
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={upload.isPending}
          >
            Upload and preview
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function ImportList({ selectedId, onOpen }: { selectedId?: string; onOpen: (id: string) => void }) {
  const list = useImportList();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="imports-title">
      <Title order={2} size="h4" id="imports-title" mb="sm">
        Imports
      </Title>
      {list.isPending ? (
        <TableSkeleton rows={3} columns={5} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyHint
          icon={<IconFileSpreadsheet size={28} />}
          title="No imports yet"
          description="Upload a CSV or XLSX file of past complaints and feedback to start."
        />
      ) : (
        <Card withBorder radius="md" padding={0}>
          <ScrollArea>
            <Table striped highlightOnHover verticalSpacing="sm" miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">File</Table.Th>
                  <Table.Th scope="col">Uploaded</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Imported / duplicates / rejected</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((imp) => (
                  <Table.Tr key={imp.id} aria-current={imp.id === selectedId ? 'true' : undefined}>
                    <Table.Td>{imp.fileName}</Table.Td>
                    <Table.Td>{new Date(imp.createdAt).toLocaleString()}</Table.Td>
                    <Table.Td>
                      <StatusBadge imp={imp} />
                    </Table.Td>
                    <Table.Td>
                      {imp.mode
                        ? `${count(imp.inserted)} / ${count(imp.duplicates)} / ${count(imp.rejected)}`
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onOpen(imp.id)}
                        aria-label={`Open the import of ${imp.fileName}`}
                      >
                        Open
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Stack px="md" pb="md">
            <LoadMore
              hasMore={!!list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
              shown={rows.length}
            />
          </Stack>
        </Card>
      )}
    </section>
  );
}

function StatusBadge({ imp }: { imp: Import }) {
  const label =
    imp.mode && imp.status !== 'uploaded'
      ? `${IMPORT_MODES[imp.mode]}: ${IMPORT_STATUSES[imp.status].toLowerCase()}`
      : IMPORT_STATUSES[imp.status];
  return (
    <Badge color={STATUS_COLOURS[imp.status]} variant="light">
      {label}
    </Badge>
  );
}

function ImportDetail({ id }: { id: string }) {
  const query = useImport(id);
  if (query.isPending) return <TableSkeleton rows={6} columns={3} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <ImportEditor key={query.data.id} imp={query.data} />;
}

function ImportEditor({ imp }: { imp: Import }) {
  const { can } = useCurrentUser();
  const areas = useAllAreas(can('org:read'));
  const [mapping, setMapping] = useState<ImportMapping>(imp.mapping);
  const save = useSaveMapping();
  const start = useStartImport();
  const busy = isBusy(imp);
  const dirty = JSON.stringify(mapping) !== JSON.stringify(imp.mapping);
  const failure = save.error ?? start.error;
  // A saved mapping or a new start (a new version) resets the form to what the server holds.
  const [seenVersion, setSeenVersion] = useState(imp.version);
  if (seenVersion !== imp.version) {
    setSeenVersion(imp.version);
    setMapping(imp.mapping);
  }

  const run = async (mode: 'dry-run' | 'run') => {
    save.reset();
    start.reset();
    let version = imp.version;
    if (dirty) version = (await save.mutateAsync({ id: imp.id, mapping, version })).version;
    await start.mutateAsync({ id: imp.id, mode, version });
  };
  const setColumn = (i: number, target: ImportTarget) =>
    setMapping((m) => ({ ...m, columns: m.columns.map((t, j) => (j === i ? target : t)) }));

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="import-title">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={2} size="h4" id="import-title">
              {imp.fileName}
            </Title>
            <Text size="sm" c="dimmed">
              {imp.format.toUpperCase()} · {fileSize(imp.sizeBytes)} · {imp.headers.length} columns
            </Text>
          </Stack>
          <StatusBadge imp={imp} />
        </Group>

        <Outcome imp={imp} />

        <section aria-labelledby="mapping-title">
          <Title order={3} size="h5" id="mapping-title" mb="xs">
            Column mapping
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
            <Select
              label="Business area"
              description="Every row goes to this area, unless a column is mapped to “Business area”."
              placeholder={areas.isPending ? 'Loading areas…' : 'Choose an area'}
              data={(areas.data ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
              value={mapping.areaId}
              onChange={(v) => setMapping((m) => ({ ...m, areaId: v }))}
              disabled={busy}
              clearable
              searchable
              error={areas.isError ? errorMessage(areas.error) : undefined}
            />
            <Select
              label="Dates written with slashes"
              description="ISO dates (2024-12-31) are always understood."
              data={DATE_ORDER_OPTIONS}
              value={mapping.dateOrder}
              onChange={(v) => v && setMapping((m) => ({ ...m, dateOrder: v as ImportMapping['dateOrder'] }))}
              disabled={busy}
              allowDeselect={false}
            />
          </SimpleGrid>
          <ScrollArea>
            <Table verticalSpacing="xs" miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Column in the file</Table.Th>
                  <Table.Th scope="col">Imports as</Table.Th>
                  <Table.Th scope="col">First values</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imp.headers.map((header, i) => (
                  <Table.Tr key={i}>
                    <Table.Th scope="row" fw={500}>
                      {header}
                    </Table.Th>
                    <Table.Td miw={260}>
                      <Select
                        aria-label={`Imports “${header}” as`}
                        data={TARGET_OPTIONS}
                        value={mapping.columns[i] ?? 'ignore'}
                        onChange={(v) => v && setColumn(i, v as ImportTarget)}
                        disabled={busy}
                        allowDeselect={false}
                        searchable
                        size="xs"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {imp.sampleRows
                          .slice(0, 3)
                          .map((r) => r[i] ?? '')
                          .filter(Boolean)
                          .join(' · ') || '(empty)'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </section>

        {failure ? (
          <Alert color="red" variant="light" title="This could not be started" role="alert">
            <Text size="sm">{errorMessage(failure)}</Text>
            {isApiError(failure) && failure.fieldErrors.length > 1 ? (
              <List size="sm" mt="xs">
                {failure.fieldErrors.map((e, i) => (
                  <List.Item key={i}>{e.message}</List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}

        <Group gap="sm" wrap="wrap">
          <Button
            variant="default"
            disabled={!dirty || busy}
            loading={save.isPending && !start.isPending}
            onClick={() => {
              start.reset();
              save.mutate({ id: imp.id, mapping, version: imp.version });
            }}
          >
            Save mapping
          </Button>
          <Button
            variant="light"
            leftSection={<IconTestPipe size={16} />}
            disabled={busy}
            loading={start.isPending && start.variables?.mode === 'dry-run'}
            onClick={() => void run('dry-run').catch(() => undefined)}
          >
            Dry run
          </Button>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            disabled={busy}
            loading={start.isPending && start.variables?.mode === 'run'}
            onClick={() => void run('run').catch(() => undefined)}
          >
            Import
          </Button>
        </Group>

        <Preview imp={imp} />
        <ErrorReport imp={imp} />
      </Stack>
    </Card>
  );
}

/** Progress while it runs, and what the last dry run or run found. */
function Outcome({ imp }: { imp: Import }) {
  if (!imp.mode) return null;
  const dry = imp.mode === 'dry_run';
  if (isBusy(imp)) {
    const percent = Math.round(imp.progress * 100);
    return (
      <Stack gap={6}>
        <Progress value={percent} size="lg" animated aria-label={`${IMPORT_MODES[imp.mode]} progress`} />
        <Text size="sm" aria-live="polite">
          {imp.status === 'queued' ? 'Waiting to start…' : `${percent}% · ${count(imp.rowsRead)} rows read`} ·{' '}
          {count(imp.inserted)} {dry ? 'to import' : 'imported'} · {count(imp.duplicates)} duplicates ·{' '}
          {count(imp.rejected)} rejected
        </Text>
      </Stack>
    );
  }
  return (
    <Alert
      color={imp.status === 'failed' ? 'red' : imp.rejected ? 'yellow' : 'green'}
      variant="light"
      title={
        imp.status === 'failed'
          ? `The ${dry ? 'dry run' : 'import'} stopped`
          : dry
            ? 'Dry run finished: nothing was written'
            : 'Import finished'
      }
      role="status"
    >
      <Text size="sm">
        {count(imp.rowsRead)} rows read: {count(imp.inserted)} {dry ? 'would be imported' : 'imported'},{' '}
        {count(imp.duplicates)} {dry ? 'would be' : ''} duplicates (already imported), {count(imp.rejected)}{' '}
        rejected.
      </Text>
      {imp.error ? (
        <Text size="sm" mt={4}>
          {imp.error}
        </Text>
      ) : null}
    </Alert>
  );
}

function Preview({ imp }: { imp: Import }) {
  return (
    <section aria-labelledby="preview-title">
      <Title order={3} size="h5" id="preview-title" mb="xs">
        First rows of the file
      </Title>
      {imp.sampleRows.length === 0 ? (
        <Text size="sm" c="dimmed">
          The file has a header row but no data rows.
        </Text>
      ) : (
        <ScrollArea
          type="auto"
          offsetScrollbars
          // Wider than the page: keyboard users scroll it once it has focus.
          viewportProps={{ tabIndex: 0, 'aria-label': 'First rows of the file, scrollable' }}
        >
          <Table striped withTableBorder fz="xs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                {imp.headers.map((h, i) => (
                  <Table.Th scope="col" key={i} style={{ whiteSpace: 'nowrap' }}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.sampleRows.map((row, r) => (
                <Table.Tr key={r}>
                  <Table.Td>{r + 2}</Table.Td>
                  {imp.headers.map((_h, i) => (
                    <Table.Td key={i} maw={240}>
                      <Text size="xs" lineClamp={2}>
                        {row[i]}
                      </Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </section>
  );
}

function ErrorReport({ imp }: { imp: Import }) {
  const errors = useImportErrors(imp);
  if (!imp.mode || imp.rejected === 0) return null;
  const rows = errors.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="errors-title">
      <Title order={3} size="h5" id="errors-title" mb="xs">
        Rejected rows
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Row numbers count the header as row 1, as a spreadsheet does. Fix these rows in the file and import it
        again: the rows already in are counted as duplicates.
      </Text>
      {errors.isPending ? (
        <TableSkeleton rows={3} columns={3} />
      ) : errors.isError ? (
        <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
      ) : (
        <>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                <Table.Th scope="col">Column</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? '—'}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <LoadMore
            hasMore={!!errors.hasNextPage}
            loading={errors.isFetchingNextPage}
            onLoadMore={() => void errors.fetchNextPage()}
            shown={rows.length}
          />
        </>
      )}
    </section>
  );
}
