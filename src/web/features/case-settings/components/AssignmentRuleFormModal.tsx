import { useEffect } from 'react';
import { Modal, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { AssignmentRule } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useAllAreas, useAllTeams } from '../../../lib/reference-data.js';
import { useCategories, useSaveAssignmentRule } from '../api.js';
import { categoryOptions } from '../categories.js';

export const STRATEGIES = {
  round_robin: {
    label: 'Round robin',
    description: 'Members of the team take turns, in order.',
  },
  least_loaded: {
    label: 'Least loaded',
    description: 'The member with the fewest open cases gets the next one.',
  },
} as const;

type Strategy = keyof typeof STRATEGIES;

interface Values {
  areaId: string;
  categoryId: string;
  teamId: string;
  strategy: Strategy;
  version: number;
}

function valuesOf(r: AssignmentRule | null): Values {
  return r
    ? {
        areaId: r.areaId,
        categoryId: r.categoryId ?? '',
        teamId: r.teamId,
        strategy: r.strategy,
        version: r.version,
      }
    : { areaId: '', categoryId: '', teamId: '', strategy: 'round_robin', version: 0 };
}

export function AssignmentRuleFormModal({
  opened,
  rule,
  onClose,
}: {
  opened: boolean;
  rule: AssignmentRule | null;
  onClose: () => void;
}) {
  const save = useSaveAssignmentRule();
  const areas = useAllAreas(opened);
  const teams = useAllTeams(opened);
  const categories = useCategories(opened);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null),
    validate: {
      areaId: (v) => (v ? null : 'Choose a business area'),
      teamId: (v) => (v ? null : 'Choose the team that takes these cases'),
    },
  });
  const problem = useFormProblem(form);

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(rule));
    form.resetDirty(valuesOf(rule));
    form.clearErrors();
    problem.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, rule?.id]);

  const areaOptions = (areas.data ?? [])
    .filter((a) => a.active || a.id === rule?.areaId)
    .map((a) => ({ value: a.id, label: a.name }));
  const teamOptions = (teams.data ?? [])
    .filter((t) => t.areaId === form.values.areaId && (t.active || t.id === rule?.teamId))
    .map((t) => ({ value: t.id, label: t.name }));

  const submit = form.onSubmit((v) => {
    problem.clear();
    save.mutate(
      rule
        ? { id: rule.id, body: { version: v.version, teamId: v.teamId, strategy: v.strategy } }
        : {
            body: {
              areaId: v.areaId,
              categoryId: v.categoryId || null,
              teamId: v.teamId,
              strategy: v.strategy,
            },
          },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: `New ${saved.areaName} cases${saved.categoryName ? ` about ${saved.categoryName}` : ''} go to ${saved.teamName}.`,
          });
          onClose();
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        rule
          ? `Edit the rule for ${rule.areaName}${rule.categoryName ? ` › ${rule.categoryName}` : ''}`
          : 'Add assignment rule'
      }
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {rule ? (
            <Text size="sm" c="dimmed">
              Applies to new cases in {rule.areaName}
              {rule.categoryName
                ? ` about ${rule.categoryName}`
                : ' in any category without a rule of its own'}
              . To cover something else, add another rule.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label="Business area"
                required
                data={areaOptions}
                searchable
                allowDeselect={false}
                {...form.getInputProps('areaId')}
                value={form.values.areaId || null}
                onChange={(v) => {
                  form.setFieldValue('areaId', v ?? '');
                  form.setFieldValue('teamId', '');
                }}
              />
              <Select
                label="Category"
                description="Leave empty for every category"
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
          <Select
            label="Team"
            required
            description={
              form.values.areaId
                ? 'Cases are assigned among this team’s members'
                : 'Choose the business area first'
            }
            data={teamOptions}
            disabled={!form.values.areaId}
            searchable
            allowDeselect={false}
            nothingFoundMessage="This business area has no active teams"
            {...form.getInputProps('teamId')}
            value={form.values.teamId || null}
            onChange={(v) => form.setFieldValue('teamId', v ?? '')}
          />
          <Radio.Group label="How a member is chosen" required {...form.getInputProps('strategy')}>
            <Stack gap="xs" mt={6}>
              {(Object.keys(STRATEGIES) as Strategy[]).map((key) => (
                <Radio
                  key={key}
                  value={key}
                  label={STRATEGIES[key].label}
                  description={STRATEGIES[key].description}
                />
              ))}
            </Stack>
          </Radio.Group>
          <ProblemAlert
            error={problem.problem}
            onReload={(current) => {
              form.setValues(valuesOf(current as AssignmentRule));
              problem.clear();
            }}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
