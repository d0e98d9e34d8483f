import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import type { ApiToken } from '../../../../contracts/identity.js';
import { isPermission, PERMISSIONS } from '../../../../contracts/permissions.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { EmptyHint, ErrorState, errorMessage, TableSkeleton } from '../../../components/states.js';
import { useFormat } from '../../../lib/format.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useCreateToken, useRevokeToken, useTokens, type CreatedToken } from '../api.js';

function tokenState(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now())
    return { label: 'Expired', color: 'orange' };
  return { label: 'Active', color: 'teal' };
}

export function ApiTokensCard() {
  const fmt = useFormat();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const createButton = (
    <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setCreating(true)}>
      Create API token
    </Button>
  );

  let body;
  if (tokens.isPending) body = <TableSkeleton columns={5} rows={2} />;
  else if (tokens.isError) body = <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;
  else if (!tokens.data.length)
    body = (
      <EmptyHint
        icon={<IconKey size={28} />}
        title="No API tokens"
        description="Tokens let scripts and other systems use the Verity API as you, limited to the permissions you choose."
        action={createButton}
      />
    );
  else
    body = (
      <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Permissions</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((t) => {
              const state = tokenState(t);
              return (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {t.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Group gap={4}>
                      {t.permissions.map((p) => (
                        <Badge key={p} size="sm" color="gray" tt="none" ff="monospace">
                          {p}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.date(t.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.expiresAt ? fmt.date(t.expiresAt) : 'Never'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {t.lastUsedAt ? fmt.dateTime(t.lastUsedAt) : 'Never'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={state.color}>{state.label}</Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {state.label === 'Active' ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(t)}
                        aria-label={`Revoke ${t.name}`}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-tokens">
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
        <div>
          <Title order={2} fz="lg" id="account-tokens">
            API tokens
          </Title>
          <Text size="sm" c="dimmed">
            Send a token as <Code>Authorization: Bearer …</Code>. It can never do more than you can.
          </Text>
        </div>
        {tokens.data?.length ? createButton : null}
      </Group>
      {body}
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(t) => {
          setCreating(false);
          setCreated(t);
        }}
      />
      <Modal
        opened={!!created}
        onClose={() => setCreated(null)}
        title="Copy your new token now"
        size="lg"
        closeOnClickOutside={false}
      >
        {created ? (
          <Stack gap="md">
            <Alert color="orange" variant="light" title="You will not see it again">
              Verity keeps only a fingerprint of the token. Store it somewhere safe, such as a password
              manager or your system’s secret store.
            </Alert>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label="New API token">
                {created.token}
              </Code>
              <CopyButton value={created.token} timeout={2000}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy token'} withArrow>
                    <ActionIcon
                      size="lg"
                      variant={copied ? 'filled' : 'default'}
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      aria-label={copied ? 'Copied' : 'Copy token'}
                    >
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>I have copied it</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmModal
        opened={!!revoking}
        title={revoking ? `Revoke ${revoking.name}?` : 'Revoke'}
        confirmLabel="Revoke token"
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: (t) => {
              setRevoking(null);
              notifications.show({
                color: 'teal',
                message: `${t.name} is revoked. It stops working at once.`,
              });
            },
            onError: (e) => {
              setRevoking(null);
              notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(e) });
            },
          })
        }
      >
        Anything using it stops working at once. This cannot be undone.
      </ConfirmModal>
    </Card>
  );
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { user } = useCurrentUser();
  const create = useCreateToken();
  const mine = user.permissions.filter(isPermission);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', permissions: [] as string[], expiresInDays: 90 as number | string },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token after what will use it'),
      permissions: (v) => (v.length ? null : 'Choose at least one permission'),
      expiresInDays: (v) =>
        v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 730)
          ? null
          : 'Between 1 and 730 days, or empty for no expiry',
    },
  });
  const problem = useFormProblem(form);

  const close = () => {
    form.reset();
    problem.clear();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Create API token" size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          problem.clear();
          create.mutate(
            {
              name: v.name.trim(),
              permissions: v.permissions,
              expiresInDays: v.expiresInDays === '' ? undefined : Number(v.expiresInDays),
            },
            {
              onSuccess: (t) => {
                form.reset();
                onCreated(t);
              },
              onError: (e) => problem.handle(e),
            },
          );
        })}
      >
        <Stack gap="md">
          <TextInput
            label="Name"
            required
            placeholder="e.g. Nightly report export"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Checkbox.Group
            label="Permissions"
            description="Only permissions you hold yourself can be given to a token."
            required
            {...form.getInputProps('permissions')}
          >
            <Stack gap="xs" mt="xs">
              {mine.map((p) => (
                <Checkbox key={p} value={p} label={PERMISSIONS[p]} description={p} />
              ))}
            </Stack>
          </Checkbox.Group>
          <NumberInput
            label="Expires after (days)"
            description="Leave empty for a token that does not expire."
            min={1}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            maw={220}
            {...form.getInputProps('expiresInDays')}
          />
          <ProblemAlert error={problem.problem} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
