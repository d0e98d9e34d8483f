import { useEffect } from 'react';
import {
  Alert,
  Card,
  Checkbox,
  Collapse,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { IconCircleCheck } from '@tabler/icons-react';
import {
  CASE_KINDS,
  CHANNELS,
  CONTACT_METHODS,
  CUSTOMER_TYPES,
  HANDLING_STEPS,
  NEED_TYPES,
  PRIORITIES,
  SEVERITIES,
  STAFF_ENTRY_CHANNELS,
  type CaseKind,
  type Channel,
  type CustomerType,
  type HandlingStep,
  type NeedType,
  type Priority,
  type Severity,
} from '../../../../contracts/cases.js';
import { LabelledSegmented } from '../../../components/filters.js';
import { FormActions } from '../../../components/FormActions.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useAllAreas, useAllTeams, useAllUsers } from '../../../lib/reference-data.js';
import { useCurrentUser } from '../../../lib/session.js';
import { useCategories, useCreateCase, type CaseCreateInput } from '../api.js';
import { childCategories, topCategories } from '../category-options.js';
import { customerContactValidation, labelOptions } from '../form-options.js';

interface Values {
  channel: Channel;
  kind: CaseKind;
  needType: string;
  areaId: string;
  teamId: string;
  categoryTop: string;
  categorySub: string;
  priority: Priority;
  severity: Severity;
  subject: string;
  description: string;
  desiredOutcome: string;
  helpNeeded: string;
  concernsUserId: string;
  concernsProduct: string;
  customer: {
    type: CustomerType;
    name: string;
    organisation: string;
    email: string;
    phone: string;
    preferredContact: keyof typeof CONTACT_METHODS;
  };
  handlingSteps: string[];
  resolvedAtFirstContact: boolean;
  resolutionNote: string;
  assignToMe: boolean;
  sendAcknowledgement: boolean;
}

const INITIAL: Values = {
  channel: 'phone',
  kind: 'complaint',
  needType: '',
  areaId: '',
  teamId: '',
  categoryTop: '',
  categorySub: '',
  priority: 'medium',
  severity: 'moderate',
  subject: '',
  description: '',
  desiredOutcome: '',
  helpNeeded: '',
  concernsUserId: '',
  concernsProduct: '',
  customer: {
    type: 'individual',
    name: '',
    organisation: '',
    email: '',
    phone: '',
    preferredContact: 'email',
  },
  handlingSteps: [],
  resolvedAtFirstContact: false,
  resolutionNote: '',
  assignToMe: false,
  sendAcknowledgement: true,
};

/** The form's segmented choices: full width, wrapping on narrow screens. */
function Segmented<T extends string>(props: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  data: { value: string; label: string }[];
}) {
  return <LabelledSegmented {...props} gap={4} fullWidth style={{ flexWrap: 'wrap' }} />;
}

/** After a failed check the first field in error may be far up the page: go there. */
function focusFirstInvalid() {
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }, 0);
}

/** The staff entry screen: phone, counter, in-person, letter, email and social contacts in one form. */
export function NewCasePage() {
  const { user, can } = useCurrentUser();
  const navigate = useNavigate();
  const areas = useAllAreas(can('org:read'));
  const teams = useAllTeams(can('org:read'));
  const users = useAllUsers(can('org:read'));
  const categories = useCategories();
  const create = useCreateCase();

  const myAreas = (areas.data ?? []).filter(
    (a) => a.active && (user.allAreas || user.areaIds.includes(a.id)),
  );

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: INITIAL,
    validate: {
      areaId: (v) => (v ? null : 'Choose the business area the contact is about'),
      subject: (v) => (v.trim() ? null : 'Give the contact a short subject'),
      description: (v) => (v.trim() ? null : 'Write what happened, in the customer’s words where you can'),
      customer: customerContactValidation,
      resolutionNote: (v, values) =>
        values.resolvedAtFirstContact && !v.trim() ? 'Say how it was resolved' : null,
    },
  });
  const problem = useFormProblem(form);

  // One area to choose from: choose it.
  useEffect(() => {
    if (!form.values.areaId && myAreas.length === 1 && myAreas[0])
      form.setFieldValue('areaId', myAreas[0].id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [myAreas.length]);

  const v = form.values;
  const teamOptions = (teams.data ?? [])
    .filter((t) => t.active && t.areaId === v.areaId)
    .map((t) => ({ value: t.id, label: t.name }));
  const tops = topCategories(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const subs = childCategories(categories.data ?? [], v.categoryTop || null).map((c) => ({
    value: c.id,
    label: c.name,
  }));
  const hasEmail = !!v.customer.email.trim();

  const submit = form.onSubmit((values) => {
    problem.clear();
    const body: CaseCreateInput = {
      kind: values.kind,
      needType: (values.needType || null) as NeedType | null,
      areaId: values.areaId,
      teamId: values.teamId || null,
      channel: values.channel,
      categoryId: values.categorySub || values.categoryTop || null,
      priority: values.priority,
      severity: values.severity,
      subject: values.subject.trim(),
      description: values.description.trim(),
      desiredOutcome: values.desiredOutcome.trim(),
      customer: {
        type: values.customer.type,
        name: values.customer.name.trim(),
        organisation: values.customer.organisation.trim(),
        email: values.customer.email.trim() || null,
        phone: values.customer.phone.trim() || null,
        preferredContact: values.customer.preferredContact,
      },
      helpNeeded: values.helpNeeded.trim(),
      concernsUserId: values.concernsUserId || null,
      concernsProduct: values.concernsProduct.trim(),
      assigneeId: values.assignToMe ? user.id : null,
      resolvedAtFirstContact: values.resolvedAtFirstContact,
      resolutionNote: values.resolvedAtFirstContact ? values.resolutionNote.trim() : '',
      handlingSteps: values.handlingSteps as HandlingStep[],
      sendAcknowledgement: values.sendAcknowledgement && !!values.customer.email.trim(),
    };
    create.mutate(body, {
      onSuccess: (created) => {
        notifications.show({
          color: 'teal',
          title: 'Case recorded',
          message: `Reference ${created.reference}`,
          autoClose: 10_000,
        });
        void navigate({ to: '/cases/$id', params: { id: created.id } });
      },
      onError: (e) => problem.handle(e),
    });
  }, focusFirstInvalid);

  return (
    <>
      <PageHeader
        title="New contact"
        description="Record a contact taken by phone, at the counter, in person, by letter, email or social media. It gets its reference at once."
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <Card withBorder padding="lg">
            <Stack gap="md">
              <Title order={2} size="h4">
                The contact
              </Title>
              <Segmented
                label="Channel"
                value={v.channel}
                onChange={(c) => form.setFieldValue('channel', c)}
                data={STAFF_ENTRY_CHANNELS.map((c) => ({ value: c, label: CHANNELS[c] }))}
              />
              <Segmented
                label="Kind"
                value={v.kind}
                onChange={(k) => form.setFieldValue('kind', k)}
                data={labelOptions(CASE_KINDS)}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Select
                  label="Need type"
                  description="What the customer’s need relates to"
                  placeholder="Not classified"
                  data={labelOptions(NEED_TYPES)}
                  clearable
                  {...form.getInputProps('needType')}
                  value={v.needType || null}
                  onChange={(x) => form.setFieldValue('needType', x ?? '')}
                />
                <Select
                  label="Severity"
                  data={labelOptions(SEVERITIES)}
                  allowDeselect={false}
                  {...form.getInputProps('severity')}
                />
                <Select
                  label="Business area"
                  required
                  searchable
                  data={myAreas.map((a) => ({ value: a.id, label: a.name }))}
                  {...form.getInputProps('areaId')}
                  value={v.areaId || null}
                  onChange={(x) => {
                    form.setFieldValue('areaId', x ?? '');
                    form.setFieldValue('teamId', '');
                  }}
                />
                <Select
                  label="Team"
                  description="Leave empty to let the assignment rules choose"
                  placeholder={v.areaId ? 'Assignment rules decide' : 'Choose the area first'}
                  data={teamOptions}
                  disabled={!v.areaId}
                  clearable
                  {...form.getInputProps('teamId')}
                  value={v.teamId || null}
                  onChange={(x) => form.setFieldValue('teamId', x ?? '')}
                />
                <Select
                  label="Category"
                  placeholder="Not categorised"
                  data={tops}
                  searchable
                  clearable
                  {...form.getInputProps('categoryTop')}
                  value={v.categoryTop || null}
                  onChange={(x) => {
                    form.setFieldValue('categoryTop', x ?? '');
                    form.setFieldValue('categorySub', '');
                  }}
                />
                <Select
                  label="Sub-category"
                  placeholder={v.categoryTop ? (subs.length ? 'General' : 'None in this category') : '—'}
                  data={subs}
                  disabled={!subs.length}
                  searchable
                  clearable
                  {...form.getInputProps('categorySub')}
                  value={v.categorySub || null}
                  onChange={(x) => form.setFieldValue('categorySub', x ?? '')}
                />
              </SimpleGrid>
              <Segmented
                label="Priority"
                value={v.priority}
                onChange={(p) => form.setFieldValue('priority', p)}
                data={labelOptions(PRIORITIES)}
              />
            </Stack>
          </Card>

          <Card withBorder padding="lg">
            <Stack gap="md">
              <Title order={2} size="h4">
                What happened
              </Title>
              <TextInput label="Subject" required {...form.getInputProps('subject')} />
              <Textarea
                label="What happened"
                required
                autosize
                minRows={4}
                maxRows={14}
                {...form.getInputProps('description')}
              />
              <Textarea
                label="Outcome the customer wants"
                autosize
                minRows={2}
                {...form.getInputProps('desiredOutcome')}
              />
              <TextInput
                label="Help the customer needs"
                description="Access needs, an interpreter, a support person, a preferred time to call"
                {...form.getInputProps('helpNeeded')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Select
                  label="Staff member it concerns"
                  description="They can never handle or approve this case"
                  placeholder="Nobody in particular"
                  searchable
                  clearable
                  data={(users.data ?? [])
                    .filter((u) => u.status === 'active')
                    .map((u) => ({ value: u.id, label: u.name }))}
                  {...form.getInputProps('concernsUserId')}
                  value={v.concernsUserId || null}
                  onChange={(x) => form.setFieldValue('concernsUserId', x ?? '')}
                />
                <TextInput
                  label="Product or service it concerns"
                  {...form.getInputProps('concernsProduct')}
                />
              </SimpleGrid>
            </Stack>
          </Card>

          <Card withBorder padding="lg">
            <Stack gap="md">
              <Title order={2} size="h4">
                Customer
              </Title>
              <Text size="sm" c="dimmed">
                Contact details are personal information: only staff allowed to see them will.
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Select
                  label="Customer type"
                  data={labelOptions(CUSTOMER_TYPES)}
                  allowDeselect={false}
                  {...form.getInputProps('customer.type')}
                />
                <TextInput
                  label="Customer name"
                  autoComplete="off"
                  {...form.getInputProps('customer.name')}
                />
                <TextInput
                  label="Organisation"
                  description="For corporate customers, agencies and suppliers"
                  autoComplete="off"
                  {...form.getInputProps('customer.organisation')}
                />
                <Select
                  label="Preferred contact"
                  data={labelOptions(CONTACT_METHODS)}
                  allowDeselect={false}
                  {...form.getInputProps('customer.preferredContact')}
                />
                <TextInput
                  label="Email address"
                  type="email"
                  autoComplete="off"
                  {...form.getInputProps('customer.email')}
                />
                <TextInput
                  label="Phone number"
                  type="tel"
                  autoComplete="off"
                  {...form.getInputProps('customer.phone')}
                />
              </SimpleGrid>
            </Stack>
          </Card>

          <Card withBorder padding="lg">
            <Stack gap="md">
              <Title order={2} size="h4">
                Handling
              </Title>
              <Checkbox.Group
                label="Handling guide"
                description="Tick the steps already done during this contact"
                {...form.getInputProps('handlingSteps')}
              >
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" mt="xs">
                  {Object.entries(HANDLING_STEPS).map(([value, label]) => (
                    <Checkbox key={value} value={value} label={label} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Switch
                label="Resolved at first contact"
                description="The customer’s concern was settled while they were with you; the case closes at once"
                {...form.getInputProps('resolvedAtFirstContact', { type: 'checkbox' })}
              />
              <Collapse expanded={v.resolvedAtFirstContact}>
                <Textarea
                  label="Resolution note"
                  description="How it was resolved and what the customer accepted"
                  autosize
                  minRows={2}
                  required={v.resolvedAtFirstContact}
                  {...form.getInputProps('resolutionNote')}
                />
              </Collapse>
              <Checkbox label="Assign to me" {...form.getInputProps('assignToMe', { type: 'checkbox' })} />
              <Checkbox
                label="Send acknowledgement email"
                description={
                  hasEmail
                    ? 'The customer receives the reference and what happens next'
                    : 'Needs the customer’s email address'
                }
                disabled={!hasEmail}
                {...form.getInputProps('sendAcknowledgement', { type: 'checkbox' })}
                checked={hasEmail && v.sendAcknowledgement}
              />
            </Stack>
          </Card>

          {v.resolvedAtFirstContact ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />}>
              The case will be recorded and closed as resolved at first contact.
            </Alert>
          ) : null}
          <ProblemAlert error={problem.problem} />
          <FormActions
            onCancel={() => void navigate({ to: '/cases' })}
            saving={create.isPending}
            submitLabel="Record contact"
          />
        </Stack>
      </form>
    </>
  );
}
