import { useEffect, useState, type ReactNode } from 'react';
import {
  Fieldset,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  DEADLINE_KINDS,
  PRIORITIES,
  PRIORITY_ORDER,
  type DeadlineKind,
  type DeadlinePolicy,
  type Priority,
} from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert } from '../../../components/ProblemAlert.js';
import { isApiError } from '../../../lib/api.js';
import { sentence } from '../../../lib/forms.js';
import { useAllAreas } from '../../../lib/reference-data.js';
import { useCategories, useSaveDeadlinePolicy } from '../api.js';
import { categoryOptions } from '../categories.js';
import {
  fieldsToTarget,
  formatTarget,
  targetProblem,
  targetToFields,
  type TargetFields,
  type TargetKind,
} from '../durations.js';

/** The three targets in the order a case meets them, keyed as the contract names them. */
export const TARGETS: {
  key: 'acknowledgement' | 'firstResponse' | 'resolution';
  kind: DeadlineKind;
  help: string;
}[] = [
  {
    key: 'acknowledgement',
    kind: 'acknowledgement',
    help: 'Until the customer is told the case was received',
  },
  { key: 'firstResponse', kind: 'first_response', help: 'Until a person first replies about the substance' },
  { key: 'resolution', kind: 'resolution', help: 'Until the response with the outcome is sent' },
];

type TargetKey = (typeof TARGETS)[number]['key'];

interface Values {
  areaId: string;
  priority: string;
  categoryId: string;
  acknowledgement: TargetFields;
  firstResponse: TargetFields;
  resolution: TargetFields;
  warningPercent: number | string;
  version: number;
}

const DEFAULTS: Record<TargetKey, TargetFields> = {
  acknowledgement: targetToFields({ kind: 'businessTime', value: 240 }),
  firstResponse: targetToFields({ kind: 'businessTime', value: 960 }),
  resolution: targetToFields({ kind: 'calendarDays', value: 20 }),
};

function valuesOf(p: DeadlinePolicy | null): Values {
  return p
    ? {
        areaId: p.areaId ?? '',
        priority: p.priority,
        categoryId: p.categoryId ?? '',
        acknowledgement: targetToFields(p.acknowledgement),
        firstResponse: targetToFields(p.firstResponse),
        resolution: targetToFields(p.resolution),
        warningPercent: p.warningPercent,
        version: p.version,
      }
    : { areaId: '', priority: '', categoryId: '', ...DEFAULTS, warningPercent: 75, version: 0 };
}

/** One target: working time (hours and minutes) or calendar days. */
function TargetInput({
  legend,
  help,
  value,
  error,
  onChange,
}: {
  legend: string;
  help: string;
  value: TargetFields;
  error: ReactNode;
  onChange: (next: TargetFields) => void;
}) {
  const hasError = !!error;
  return (
    <Fieldset legend={legend} variant="filled" radius="md">
      <Text size="xs" c="dimmed" mb="xs">
        {help}
      </Text>
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={`${legend}: measured in`}
          value={value.kind}
          onChange={(kind) => onChange({ ...value, kind: kind as TargetKind })}
          data={[
            { value: 'businessTime', label: 'Working hours' },
            { value: 'calendarDays', label: 'Calendar days' },
          ]}
        />
        {value.kind === 'businessTime' ? (
          <Group gap="xs" wrap="nowrap">
            <NumberInput
              label="Hours"
              aria-label={`${legend} hours`}
              min={0}
              max={8760}
              allowDecimal={false}
              allowNegative={false}
              w={100}
              value={value.hours}
              error={hasError}
              onChange={(hours) => onChange({ ...value, hours })}
            />
            <NumberInput
              label="Minutes"
              aria-label={`${legend} minutes`}
              min={0}
              max={59}
              allowDecimal={false}
              allowNegative={false}
              w={100}
              value={value.minutes}
              error={hasError}
              onChange={(minutes) => onChange({ ...value, minutes })}
            />
          </Group>
        ) : (
          <NumberInput
            label="Days"
            aria-label={`${legend} days`}
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            w={100}
            value={value.days}
            error={hasError}
            onChange={(days) => onChange({ ...value, days })}
          />
        )}
      </Group>
      {error ? (
        <Text size="sm" c="red" mt={6} role="alert">
          {error}
        </Text>
      ) : null}
    </Fieldset>
  );
}

export function DeadlinePolicyFormModal({
  opened,
  policy,
  onClose,
}: {
  opened: boolean;
  policy: DeadlinePolicy | null;
  onClose: () => void;
}) {
  const save = useSaveDeadlinePolicy();
  const areas = useAllAreas(opened);
  const categories = useCategories(opened);
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null),
    validate: {
      priority: (v) => (v ? null : 'Choose a priority'),
      acknowledgement: targetProblem,
      firstResponse: targetProblem,
      resolution: targetProblem,
      warningPercent: (v) => {
        const n = Number(v);
        return Number.isInteger(n) && n >= 1 && n <= 99 ? null : 'Enter a whole percent from 1 to 99';
      },
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(policy));
    form.resetDirty(valuesOf(policy));
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, policy?.id]);

  // The problem of a failed save is forgotten when the dialog closes, so it never shows on the next record.
  const close = () => {
    setProblem(null);
    onClose();
  };

  /** Server field errors name `acknowledgement.value` and so on: each goes onto its whole target. */
  const handleError = (error: unknown) => {
    const fields = isApiError(error) ? error.fieldErrors : [];
    const errors: Record<string, string> = {};
    let leftover = false;
    for (const e of fields) {
      const key = e.path.replace(/^body\.?/, '').split('.')[0] ?? '';
      if (key in form.getValues() && key !== 'version') errors[key] ??= sentence(e.message);
      else leftover = true;
    }
    form.setErrors(errors);
    setProblem(fields.length && !leftover ? null : error);
  };

  const submit = form.onSubmit((v) => {
    setProblem(null);
    const targets = {
      acknowledgement: fieldsToTarget(v.acknowledgement),
      firstResponse: fieldsToTarget(v.firstResponse),
      resolution: fieldsToTarget(v.resolution),
      warningPercent: Number(v.warningPercent),
    };
    save.mutate(
      policy
        ? { id: policy.id, body: { ...targets, version: v.version } }
        : {
            body: {
              ...targets,
              areaId: v.areaId || null,
              priority: v.priority as Priority,
              categoryId: v.categoryId || null,
            },
          },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: `${PRIORITIES[saved.priority]} priority in ${saved.areaName ?? 'all areas'}: resolution within ${formatTarget(saved.resolution)}.`,
          });
          close();
        },
        onError: handleError,
      },
    );
  });

  const scope = policy
    ? `${policy.areaName ?? 'All areas'} · ${PRIORITIES[policy.priority]} priority${policy.categoryName ? ` · ${policy.categoryName}` : ''}`
    : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={policy ? `Edit targets: ${scope}` : 'Add deadline policy'}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {policy ? null : (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Select
                label="Business area"
                description="Empty: all areas"
                placeholder="All areas"
                data={(areas.data ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
                searchable
                clearable
                {...form.getInputProps('areaId')}
                value={form.values.areaId || null}
                onChange={(v) => form.setFieldValue('areaId', v ?? '')}
              />
              <Select
                label="Priority"
                required
                description="From the initial assessment"
                data={PRIORITY_ORDER.map((p) => ({ value: p, label: PRIORITIES[p] }))}
                allowDeselect={false}
                {...form.getInputProps('priority')}
                value={form.values.priority || null}
                onChange={(v) => form.setFieldValue('priority', v ?? '')}
              />
              <Select
                label="Category"
                description="Empty: every category"
                placeholder="Any category"
                data={categoryOptions(categories.data ?? [])}
                searchable
                clearable
                {...form.getInputProps('categoryId')}
                value={form.values.categoryId || null}
                onChange={(v) => form.setFieldValue('categoryId', v ?? '')}
              />
            </SimpleGrid>
          )}
          {TARGETS.map((t) => (
            <TargetInput
              key={t.key}
              legend={DEADLINE_KINDS[t.kind]}
              help={t.help}
              value={form.values[t.key]}
              error={form.errors[t.key]}
              onChange={(next) => {
                form.setFieldValue(t.key, next);
                form.clearFieldError(t.key);
              }}
            />
          ))}
          <NumberInput
            label="Warning at"
            description="Share of the time used when staff are warned that a deadline is near"
            suffix=" %"
            min={1}
            max={99}
            allowDecimal={false}
            allowNegative={false}
            w={{ base: '100%', xs: 320 }}
            {...form.getInputProps('warningPercent')}
          />
          <ProblemAlert
            error={problem}
            onReload={(current) => {
              form.setValues(valuesOf(current as DeadlinePolicy));
              setProblem(null);
            }}
          />
          <FormActions onCancel={close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
