import { useEffect } from 'react';
import {
  Checkbox,
  Drawer,
  Fieldset,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Role } from '../../../../contracts/identity.js';
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from '../../../../contracts/permissions.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { currencySymbol, numberSeparators, useFormat } from '../../../lib/format.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useSaveRole } from '../api.js';

const GROUPS: { label: string; prefixes: string[] }[] = [
  { label: 'Organisation and people', prefixes: ['org', 'users', 'roles', 'settings'] },
  { label: 'Stakeholders', prefixes: ['stakeholders'] },
  { label: 'Audit trail', prefixes: ['audit'] },
  { label: 'Cases', prefixes: ['cases'] },
];

export const PERMISSION_GROUPS = GROUPS.map((g) => ({
  label: g.label,
  permissions: ALL_PERMISSIONS.filter((p) => g.prefixes.includes(p.split(':')[0] ?? '')),
}));

interface RoleFormValues {
  key: string;
  name: string;
  description: string;
  permissions: string[];
  /** In currency units (dollars) for the input; sent as integer cents. */
  authorityLimit: number | string;
  allAreas: boolean;
  version: number;
}

function valuesOf(r: Role | null): RoleFormValues {
  return r
    ? {
        key: r.key,
        name: r.name,
        description: r.description,
        permissions: r.permissions,
        authorityLimit: r.authorityLimitCents / 100,
        allAreas: r.allAreas,
        version: r.version,
      }
    : { key: '', name: '', description: '', permissions: [], authorityLimit: 0, allAreas: false, version: 0 };
}

export function toCents(value: number | string): number {
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[^0-9.]/g, ''));
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
}

/** Edit a role's permissions, authority limit and reach; or add a new role. */
export function RoleDrawer({
  opened,
  role,
  onClose,
}: {
  opened: boolean;
  role: Role | null;
  onClose: () => void;
}) {
  const fmt = useFormat();
  const { user } = useCurrentUser();
  const save = useSaveRole();
  const separators = numberSeparators(fmt.locale);
  const form = useForm<RoleFormValues>({
    mode: 'controlled',
    initialValues: valuesOf(null),
    validate: {
      key: (v, values) =>
        values.version || /^[a-z][a-z0-9_-]{1,39}$/.test(v)
          ? null
          : 'Use 2–40 lower-case letters, digits, dashes or underscores, starting with a letter',
      name: (v) => (v.trim() ? null : 'Enter a name'),
      authorityLimit: (v) => {
        const cents = toCents(v);
        return Number.isNaN(cents) || cents < 0 ? 'Enter an amount of zero or more' : null;
      },
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(role));
    form.resetDirty(valuesOf(role));
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, role?.id]);

  const values = form.getValues();
  const isOwnRole = !!role && role.key === user.roleKey;

  const togglePermission = (p: Permission, on: boolean) => {
    const next = on ? [...values.permissions, p] : values.permissions.filter((x) => x !== p);
    form.setFieldValue('permissions', next);
  };

  const submit = form.onSubmit((v) => {
    problem.clear();
    const common = {
      name: v.name.trim(),
      description: v.description.trim(),
      permissions: v.permissions,
      authorityLimitCents: toCents(v.authorityLimit),
      allAreas: v.allAreas,
    };
    save.mutate(
      { id: role?.id, body: role ? { ...common, version: v.version } : { ...common, key: v.key.trim() } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `${saved.name} is saved.` });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Drawer opened={opened} onClose={onClose} title={role ? `Edit ${role.name}` : 'Add role'} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {!role ? (
            <TextInput
              label="Key"
              required
              description="A permanent identifier used by integrations, e.g. quality_lead"
              {...form.getInputProps('key')}
            />
          ) : null}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={5}
            {...form.getInputProps('description')}
          />
          <NumberInput
            label="Authority limit"
            description={`The most a person in this role may refund, credit or compensate on their own, in ${fmt.currency}. Above it needs approval.`}
            prefix={currencySymbol(fmt.locale, fmt.currency)}
            decimalScale={2}
            fixedDecimalScale
            thousandSeparator={separators.group}
            decimalSeparator={separators.decimal}
            min={0}
            allowNegative={false}
            hideControls
            maw={260}
            {...form.getInputProps('authorityLimit')}
          />
          <Switch
            label="Reaches all business areas"
            description="Everyone in this role sees every business area, including ones added later."
            {...form.getInputProps('allAreas', { type: 'checkbox' })}
          />
          <Stack gap="sm">
            <Text fw={600}>Permissions</Text>
            {isOwnRole ? (
              <Text size="sm" c="dimmed">
                This is your own role: keep “Edit roles” so you do not lock yourself out.
              </Text>
            ) : null}
            {PERMISSION_GROUPS.map((group) => (
              <Fieldset key={group.label} legend={group.label} variant="filled" radius="md">
                <Stack gap="sm">
                  {group.permissions.map((p) => (
                    <Checkbox
                      key={p}
                      label={PERMISSIONS[p]}
                      description={p}
                      checked={values.permissions.includes(p)}
                      onChange={(e) => togglePermission(p, e.currentTarget.checked)}
                      styles={{ description: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    />
                  ))}
                </Stack>
              </Fieldset>
            ))}
            {form.errors.permissions ? (
              <Text size="sm" c="red" role="alert">
                {form.errors.permissions}
              </Text>
            ) : null}
          </Stack>
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              form.setValues(valuesOf(current as Role));
              problem.clear();
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Drawer>
  );
}
