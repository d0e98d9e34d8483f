import { Code, Table, Text } from '@mantine/core';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** "authorityLimitCents" → "Authority limit cents" */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.length ? value.map(String).join(', ') : '(none)';
  }
  return JSON.stringify(value, null, 1);
}

/** Before and after of an audit event, field by field, the changed values marked. */
export function FieldDiff({ before, after }: { before: unknown; after: unknown }) {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) {
    return (
      <Text size="sm" c="dimmed">
        This event records no field values.
      </Text>
    );
  }
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return <Code block>{JSON.stringify({ before: before ?? null, after: after ?? null }, null, 2)}</Code>;
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return (
    <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const beforeText = hasBefore ? show(b[key]) : '—';
          const afterText = hasAfter ? show(a[key]) : '—';
          const changed = beforeText !== afterText;
          return (
            <Table.Tr key={key}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {humanise(key)}
                </Text>
              </Table.Td>
              <Table.Td
                className={changed && hasBefore ? 'diff-removed mono' : 'mono'}
                style={{ whiteSpace: 'pre-wrap' }}
              >
                {changed && hasBefore ? <span className="visually-hidden">Removed: </span> : null}
                {beforeText}
              </Table.Td>
              <Table.Td
                className={changed && hasAfter ? 'diff-added mono' : 'mono'}
                style={{ whiteSpace: 'pre-wrap' }}
              >
                {changed && hasAfter ? <span className="visually-hidden">Added: </span> : null}
                {afterText}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
