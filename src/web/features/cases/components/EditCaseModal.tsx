import { useEffect, useState } from 'react';
import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  CASE_KINDS,
  CONTACT_METHODS,
  CUSTOMER_TYPES,
  NEED_TYPES,
  PRIORITIES,
  SEVERITIES,
  type Case,
  type Category,
} from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { useFormProblem } from '../../../components/ProblemAlert.js';
import { useAllTeams, useAllUsers } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useCategories, useUpdateCase, type CaseUpdateInput } from '../api.js';
import { childCategories, splitCategory, topCategories } from '../category-options.js';
import { CaseProblem } from './CaseProblem.js';
import { customerContactValidation, labelOptions } from '../form-options.js';

interface Values {
  kind: string;
  needType: string;
  teamId: string;
  categoryTop: string;
  categorySub: string;
  priority: string;
  severity: string;
  subject: string;
  desiredOutcome: string;
  helpNeeded: string;
  concernsUserId: string;
  concernsProduct: string;
  customer: {
    type: string;
    name: string;
    organisation: string;
    email: string;
    phone: string;
    preferredContact: string;
  };
}

function valuesOf(c: Case, categories: Category[]): Values {
  const cat = splitCategory(categories, c.category?.id ?? null);
  return {
    kind: c.kind,
    needType: c.needType ?? '',
    teamId: c.team?.id ?? '',
    categoryTop: cat.top ?? '',
    categorySub: cat.sub ?? '',
    priority: c.priority,
    severity: c.severity,
    subject: c.subject,
    desiredOutcome: c.desiredOutcome,
    helpNeeded: c.helpNeeded,
    concernsUserId: c.concernsUser?.id ?? '',
    concernsProduct: c.concernsProduct,
    customer: {
      type: c.customer.type,
      name: c.customer.name,
      organisation: c.customer.organisation,
      email: c.customer.email ?? '',
      phone: c.customer.phone ?? '',
      preferredContact: c.customer.preferredContact,
    },
  };
}

/** Only what changed is sent, with the version it was changed from. */
function changes(version: number, before: Values, v: Values, withCustomer: boolean): CaseUpdateInput {
  const body: Record<string, unknown> = { version };
  const text = ['subject', 'desiredOutcome', 'helpNeeded', 'concernsProduct'] as const;
  for (const k of text) if (v[k].trim() !== before[k].trim()) body[k] = v[k].trim();
  for (const k of ['kind', 'priority', 'severity'] as const) if (v[k] !== before[k]) body[k] = v[k];
  for (const k of ['needType', 'teamId', 'concernsUserId'] as const)
    if (v[k] !== before[k]) body[k] = v[k] || null;
  const category = v.categorySub || v.categoryTop || '';
  if (category !== (before.categorySub || before.categoryTop || '')) body.categoryId = category || null;
  if (withCustomer) {
    const customer: Record<string, unknown> = {};
    for (const k of ['type', 'name', 'organisation', 'preferredContact'] as const)
      if (v.customer[k].trim() !== before.customer[k].trim()) customer[k] = v.customer[k].trim();
    for (const k of ['email', 'phone'] as const)
      if (v.customer[k].trim() !== before.customer[k].trim()) customer[k] = v.customer[k].trim() || null;
    if (Object.keys(customer).length) body.customer = customer;
  }
  return body as CaseUpdateInput;
}

export function EditCaseModal({ c, opened, onClose }: { c: Case; opened: boolean; onClose: () => void }) {
  const { can } = useCurrentUser();
  const update = useUpdateCase(c.id);
  const categories = useCategories();
  const teams = useAllTeams(can('org:read'));
  const users = useAllUsers(can('org:read'));
  const withCustomer = !c.customer.masked;
  // Mounted when opened: the version and values the form starts from stay fixed, so if someone else saves
  // meanwhile (the page refreshes live) this save is refused as stale instead of overwriting their change.
  const [base] = useState(() => ({
    version: c.version,
    values: valuesOf(c, []),
    categoryId: c.category?.id ?? null,
  }));
  const split = splitCategory(categories.data ?? [], base.categoryId);
  const before: Values = { ...base.values, categoryTop: split.top ?? '', categorySub: split.sub ?? '' };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: before,
    validate: {
      subject: (v) => (v.trim() ? null : 'Give the case a subject'),
      customer: customerContactValidation,
    },
  });
  const problem = useFormProblem(form);

  // The categories may arrive after the form opened: show the case's category once they do.
  useEffect(() => {
    if (!categories.data || !base.categoryId || form.values.categoryTop) return;
    const loaded = splitCategory(categories.data, base.categoryId);
    form.setFieldValue('categoryTop', loaded.top ?? '');
    form.setFieldValue('categorySub', loaded.sub ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [categories.data]);

  const v = form.values;
  const cats = categories.data ?? [];
  const submit = form.onSubmit((values) => {
    problem.clear();
    const body = changes(base.version, before, values, withCustomer);
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `${c.reference} is saved.` });
        onClose();
      },
      onError: (e) => problem.handle(e),
    });
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${c.reference}`} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Subject" required data-autofocus {...form.getInputProps('subject')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Kind"
              data={labelOptions(CASE_KINDS)}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <Select
              label="Need type"
              data={labelOptions(NEED_TYPES)}
              clearable
              placeholder="Not classified"
              {...form.getInputProps('needType')}
              value={v.needType || null}
              onChange={(x) => form.setFieldValue('needType', x ?? '')}
            />
            <Select
              label="Priority"
              data={labelOptions(PRIORITIES)}
              allowDeselect={false}
              {...form.getInputProps('priority')}
            />
            <Select
              label="Severity"
              data={labelOptions(SEVERITIES)}
              allowDeselect={false}
              {...form.getInputProps('severity')}
            />
            <Select
              label="Category"
              placeholder="Not categorised"
              clearable
              searchable
              data={topCategories(cats, before.categoryTop).map((x) => ({ value: x.id, label: x.name }))}
              value={v.categoryTop || null}
              onChange={(x) => {
                form.setFieldValue('categoryTop', x ?? '');
                form.setFieldValue('categorySub', '');
              }}
            />
            <Select
              label="Sub-category"
              placeholder="General"
              clearable
              searchable
              data={childCategories(cats, v.categoryTop || null, before.categorySub).map((x) => ({
                value: x.id,
                label: x.name,
              }))}
              value={v.categorySub || null}
              onChange={(x) => form.setFieldValue('categorySub', x ?? '')}
            />
            <Select
              label="Team"
              clearable
              placeholder="No team"
              data={(teams.data ?? [])
                .filter((t) => t.areaId === c.area.id && (t.active || t.id === before.teamId))
                .map((t) => ({ value: t.id, label: t.name }))}
              value={v.teamId || null}
              onChange={(x) => form.setFieldValue('teamId', x ?? '')}
            />
            <Select
              label="Staff member it concerns"
              clearable
              searchable
              placeholder="Nobody in particular"
              data={(users.data ?? [])
                .filter((u) => u.status === 'active' || u.id === before.concernsUserId)
                .map((u) => ({ value: u.id, label: u.name }))}
              value={v.concernsUserId || null}
              onChange={(x) => form.setFieldValue('concernsUserId', x ?? '')}
            />
          </SimpleGrid>
          <TextInput label="Product or service it concerns" {...form.getInputProps('concernsProduct')} />
          <Textarea
            label="Outcome the customer wants"
            autosize
            minRows={2}
            {...form.getInputProps('desiredOutcome')}
          />
          <TextInput label="Help the customer needs" {...form.getInputProps('helpNeeded')} />
          {withCustomer ? (
            <>
              <Title order={3} size="h5">
                Customer
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Select
                  label="Customer type"
                  data={labelOptions(CUSTOMER_TYPES)}
                  allowDeselect={false}
                  {...form.getInputProps('customer.type')}
                />
                <TextInput label="Customer name" {...form.getInputProps('customer.name')} />
                <TextInput label="Organisation" {...form.getInputProps('customer.organisation')} />
                <Select
                  label="Preferred contact"
                  data={labelOptions(CONTACT_METHODS)}
                  allowDeselect={false}
                  {...form.getInputProps('customer.preferredContact')}
                />
                <TextInput label="Email address" type="email" {...form.getInputProps('customer.email')} />
                <TextInput label="Phone number" type="tel" {...form.getInputProps('customer.phone')} />
              </SimpleGrid>
            </>
          ) : null}
          <CaseProblem error={problem.problem} caseId={c.id} onReloaded={onClose} />
          <FormActions onCancel={onClose} saving={update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
