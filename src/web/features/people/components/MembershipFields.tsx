import { Checkbox, MultiSelect, Select, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useFormat } from '../../../lib/format.js';
import { useAllAreas, useAllTeams, useRoles } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';

export interface PersonFormValues {
  email: string;
  name: string;
  jobTitle: string;
  roleId: string;
  allAreas: boolean;
  areaIds: string[];
  teamIds: string[];
  version: number;
}

/** Role, reach and memberships — the same fields when inviting and when editing a person. */
export function MembershipFields({ form }: { form: UseFormReturnType<PersonFormValues> }) {
  const { user } = useCurrentUser();
  const fmt = useFormat();
  const roles = useRoles();
  const areas = useAllAreas();
  const teams = useAllTeams();
  const values = form.getValues();
  const role = roles.data?.find((r) => r.id === values.roleId);
  const roleGivesAllAreas = !!role?.allAreas;
  const everyArea = roleGivesAllAreas || values.allAreas;

  const areaOptions = (areas.data ?? [])
    .filter((a) => a.active || values.areaIds.includes(a.id))
    .map((a) => ({ value: a.id, label: a.name }));

  const chosenAreaIds = new Set(values.areaIds);
  const teamGroups = new Map<string, { value: string; label: string }[]>();
  for (const t of teams.data ?? []) {
    if (!chosenAreaIds.has(t.areaId)) continue;
    if (!t.active && !values.teamIds.includes(t.id)) continue;
    const group = teamGroups.get(t.areaName) ?? [];
    group.push({ value: t.id, label: t.active ? t.name : `${t.name} (inactive)` });
    teamGroups.set(t.areaName, group);
  }
  const teamOptions = [...teamGroups.entries()].map(([group, items]) => ({ group, items }));

  const onAreasChange = (areaIds: string[]) => {
    form.setFieldValue('areaIds', areaIds);
    // A person can only be in teams of their own business areas.
    const keep = new Set((teams.data ?? []).filter((t) => areaIds.includes(t.areaId)).map((t) => t.id));
    form.setFieldValue(
      'teamIds',
      form.getValues().teamIds.filter((id) => keep.has(id)),
    );
  };

  return (
    <Stack gap="md">
      <Select
        label="Role"
        required
        placeholder={roles.isPending ? 'Loading roles…' : 'Choose a role'}
        data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        allowDeselect={false}
        description={
          role
            ? `${role.description} Authority limit ${fmt.money(role.authorityLimitCents)}.`
            : 'What the person may do, and up to what amount.'
        }
        {...form.getInputProps('roleId')}
      />
      <Checkbox
        label="All areas (including ones added later)"
        description={
          roleGivesAllAreas
            ? 'This role always reaches every business area.'
            : user.allAreas
              ? 'Sees every business area, including ones added later. Teams still come from the areas below.'
              : 'Only people who reach every business area can give this.'
        }
        disabled={roleGivesAllAreas || !user.allAreas}
        checked={everyArea}
        onChange={(e) => form.setFieldValue('allAreas', e.currentTarget.checked)}
      />
      <MultiSelect
        label="Business areas"
        placeholder="Choose one or more"
        description="Where the person works. Their teams are chosen from these."
        data={areaOptions}
        searchable
        clearable
        {...form.getInputProps('areaIds')}
        onChange={onAreasChange}
      />
      <MultiSelect
        label="Teams"
        placeholder={teamOptions.length ? 'Choose teams' : undefined}
        data={teamOptions}
        searchable
        clearable
        disabled={!teamOptions.length}
        nothingFoundMessage="No teams match"
        description={
          !teamOptions.length
            ? values.areaIds.length
              ? 'The chosen business areas have no active teams.'
              : 'Choose business areas first; their teams appear here.'
            : undefined
        }
        {...form.getInputProps('teamIds')}
      />
    </Stack>
  );
}
