import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useSearch } from '@tanstack/react-router';
import type { CaseKind } from '../../../../contracts/cases.js';
import { PUBLIC_KIND_LABELS, type SubmissionResult } from '../../../../contracts/public.js';
import { ErrorState } from '../../../components/states.js';
import { ProblemAlert, problemSummary } from '../../../components/ProblemAlert.js';
import { isApiError } from '../../../lib/api.js';
import { applyServerErrors, fieldForPath, sentence } from '../../../lib/forms.js';
import {
  uploadCustomerFiles,
  useCharter,
  usePublicAreas,
  usePublicCategories,
  useSubmitFeedback,
} from '../api.js';
import { Acknowledgement, type FilesOutcome } from './Acknowledgement.js';
import { checkFiles, FilePicker } from './FilePicker.js';
import { ErrorSummary, fieldId, type SummaryItem } from './ErrorSummary.js';

interface Values {
  kind: CaseKind;
  areaId: string;
  categoryId: string;
  subject: string;
  description: string;
  desiredOutcome: string;
  customer: { name: string; email: string; phone: string; preferredContact: 'email' | 'phone' };
  help: {
    interpreter: boolean;
    language: string;
    largePrint: boolean;
    callBack: boolean;
    representative: boolean;
    representativeName: string;
    other: string;
  };
  website: string;
}

/** The order fields appear in, for the error summary. */
const FIELD_ORDER = [
  'kind',
  'areaId',
  'categoryId',
  'subject',
  'description',
  'desiredOutcome',
  'customer.name',
  'customer.email',
  'customer.phone',
  'help.language',
  'help.representativeName',
  'help.other',
  'files',
];

/** A fresh key for each form: a second press of Send (or a retry) names the same submission. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const initialValues = (kind: CaseKind): Values => ({
  kind,
  areaId: '',
  categoryId: '',
  subject: '',
  description: '',
  desiredOutcome: '',
  customer: { name: '', email: '', phone: '', preferredContact: 'email' },
  help: {
    interpreter: false,
    language: '',
    largePrint: false,
    callBack: false,
    representative: false,
    representativeName: '',
    other: '',
  },
  website: '',
});

export function FeedbackPage() {
  const search = useSearch({ from: '/customer/feedback' });
  const charter = useCharter();
  const areas = usePublicAreas();
  const categories = usePublicCategories();
  const submit = useSubmitFeedback();
  const [key, setKey] = useState(newIdempotencyKey);
  const [result, setResult] = useState<SubmissionResult | null>(null);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [filesOutcome, setFilesOutcome] = useState<FilesOutcome>(null);
  const [uploading, setUploading] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Each time the summary is shown, focus moves to it so it is read out and its links come next.
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);
  const name = charter.data?.branding.name ?? 'us';
  useDocumentTitle(
    `${summary.length ? 'Error: ' : ''}${result ? 'Thank you' : 'Give feedback or make a complaint'} · ${name}`,
  );

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(search.kind ?? 'complaint'),
    validate: {
      areaId: (v) => (v ? null : 'Choose which part of our service it is about'),
      subject: (v) => (v.trim() ? null : 'Tell us in a few words what it is about'),
      description: (v) => (v.trim() ? null : 'Tell us what happened'),
      customer: {
        name: (v) => (v.trim() ? null : 'Enter your name'),
        email: (v) => (EMAIL.test(v.trim()) ? null : 'Enter your email address, like name@example.com'),
        phone: (v, values) =>
          v.trim() && !/^[+()0-9 .-]{3,40}$/.test(v.trim())
            ? 'Enter a phone number using digits, spaces and + ( ) - only'
            : values.customer.preferredContact === 'phone' && !v.trim()
              ? 'Enter a phone number so we can call you'
              : null,
      },
      help: {
        language: (v, values) =>
          values.help.interpreter && !v.trim() ? 'Tell us which language you need an interpreter for' : null,
      },
    },
  });

  const showSummary = (errors: Record<string, unknown>) => {
    const items = FIELD_ORDER.filter((f) => errors[f]).map((f) => ({
      id: f === 'kind' ? `kind-${form.getValues().kind}` : fieldId(f),
      message: String(errors[f]),
    }));
    setSummary(items);
    // After render: move focus to the summary so it is read out and the links are next.
    setShown((n) => n + 1);
  };

  const onSubmit = form.onSubmit(
    (values) => {
      const fileProblem = checkFiles(files);
      setFilesError(fileProblem);
      if (fileProblem) {
        showSummary({ files: fileProblem });
        return;
      }
      setSummary([]);
      setProblem(null);
      submit.mutate(
        {
          idempotencyKey: key,
          kind: values.kind,
          areaId: values.areaId,
          categoryId: values.categoryId || null,
          subject: values.subject,
          description: values.description,
          desiredOutcome: values.desiredOutcome,
          customer: {
            name: values.customer.name,
            email: values.customer.email,
            phone: values.customer.phone,
            preferredContact: values.customer.preferredContact,
          },
          help: values.help,
          website: values.website,
        },
        {
          onSuccess: (answer) => {
            const finish = (outcome: FilesOutcome) => {
              setFilesOutcome(outcome);
              setResult(answer);
              window.scrollTo({ top: 0 });
            };
            if (!files.length) return finish(null);
            if (answer.status !== 'received' || !answer.trackingToken) return finish({ later: true });
            setUploading(true);
            uploadCustomerFiles(answer.trackingToken, files)
              .then((list) => finish({ added: list.items.length }))
              .catch((error: unknown) => finish({ error: problemSummary(error).detail }))
              .finally(() => setUploading(false));
          },
          onError: (error) => {
            const leftover = applyServerErrors(form, error);
            if (isApiError(error) && error.fieldErrors.length && !leftover.length) {
              const errors: Record<string, string> = {};
              for (const e of error.fieldErrors) {
                const field = fieldForPath(form.getValues(), e.path);
                if (field) errors[field] ??= sentence(e.message);
              }
              showSummary(errors);
            } else {
              setProblem(error);
            }
          },
        },
      );
    },
    (errors) => {
      const fileProblem = checkFiles(files);
      setFilesError(fileProblem);
      showSummary(fileProblem ? { ...errors, files: fileProblem } : errors);
    },
  );

  const categoryData = useMemo(() => {
    const items = categories.data?.items ?? [];
    const tops = items.filter((c) => !c.parentId);
    return [
      { value: '', label: 'Not sure / something else' },
      ...tops.map((top) => {
        const children = items.filter((c) => c.parentId === top.id);
        return children.length
          ? {
              group: top.name,
              items: [
                { value: top.id, label: `${top.name} (general)` },
                ...children.map((c) => ({ value: c.id, label: c.name })),
              ],
            }
          : { value: top.id, label: top.name };
      }),
    ];
  }, [categories.data]);

  if (result) {
    return (
      <Acknowledgement
        result={result}
        charter={charter.data}
        files={filesOutcome}
        onAnother={() => {
          setFiles([]);
          setFilesOutcome(null);
          setResult(null);
          setKey(newIdempotencyKey());
          form.setValues(initialValues('complaint'));
          submit.reset();
        }}
      />
    );
  }

  if (areas.isError) return <ErrorState error={areas.error} onRetry={() => void areas.refetch()} />;
  if (areas.data && areas.data.items.length === 0)
    return (
      <Stack gap="md">
        <Title order={1}>Give feedback or make a complaint</Title>
        <Alert color="blue" title="The online form is not open yet">
          You can still tell us: our{' '}
          <Anchor component={Link} to="/charter" underline="always" fz="inherit">
            service charter
          </Anchor>{' '}
          lists the other ways to reach us.
        </Alert>
      </Stack>
    );

  const kind = form.values.kind;
  const values = form.values;
  const input = (path: string) => ({ id: fieldId(path), ...form.getInputProps(path) });

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={1}>Give feedback or make a complaint</Title>
        <Text>
          It takes about 5 minutes. It is free and you do not need an account. We will give you a reference
          number straight away.
        </Text>
      </Stack>

      <ErrorSummary ref={summaryRef} items={summary} />

      <form onSubmit={onSubmit} noValidate aria-label="Feedback form">
        <Stack gap="xl">
          <Radio.Group
            id="kind"
            label="What would you like to do?"
            labelProps={{ fz: 'h3', fw: 700 }}
            {...form.getInputProps('kind')}
          >
            <Stack gap="sm" mt="xs">
              {(Object.keys(PUBLIC_KIND_LABELS) as CaseKind[]).map((k) => (
                <Radio
                  key={k}
                  id={`kind-${k}`}
                  value={k}
                  label={PUBLIC_KIND_LABELS[k].label}
                  description={PUBLIC_KIND_LABELS[k].hint}
                />
              ))}
            </Stack>
          </Radio.Group>

          <Fieldset
            legend={
              <Title order={2} fz="h3">
                About your feedback
              </Title>
            }
            variant="unstyled"
          >
            <Stack gap="md">
              {areas.isPending ? (
                <Skeleton h={60} aria-label="Loading the parts of our service" />
              ) : (
                <NativeSelect
                  label="Which part of our service is it about?"
                  required
                  data={[
                    { value: '', label: 'Choose one' },
                    ...(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
                  ]}
                  {...input('areaId')}
                />
              )}
              <NativeSelect
                label="What is it about? (optional)"
                description="Choose the closest topic, or leave it if you are not sure."
                data={categoryData}
                disabled={categories.isPending}
                {...input('categoryId')}
              />
              <TextInput
                label="In a few words, what is it about?"
                description="For example: Room not cleaned"
                required
                maxLength={200}
                {...input('subject')}
              />
              <Textarea
                label={
                  kind === 'compliment'
                    ? 'What was good?'
                    : kind === 'enquiry'
                      ? 'What do you need?'
                      : 'What happened?'
                }
                description="Tell us what happened, when and where, and who was involved."
                required
                autosize
                minRows={5}
                maxLength={10_000}
                {...input('description')}
              />
              {kind === 'compliment' ? null : (
                <Textarea
                  label={
                    kind === 'complaint'
                      ? 'What would you like us to do to put it right? (optional)'
                      : 'What would you like to happen? (optional)'
                  }
                  autosize
                  minRows={2}
                  maxLength={10_000}
                  {...input('desiredOutcome')}
                />
              )}
            </Stack>
          </Fieldset>

          <Fieldset
            legend={
              <Title order={2} fz="h3">
                Your contact details
              </Title>
            }
            variant="unstyled"
          >
            <Stack gap="md">
              <TextInput
                label="Your name"
                required
                autoComplete="name"
                maxLength={200}
                {...input('customer.name')}
              />
              <TextInput
                label="Your email address"
                description="We send your reference number and our replies here."
                type="email"
                required
                autoComplete="email"
                maxLength={254}
                {...input('customer.email')}
              />
              <TextInput
                label="Phone number (optional)"
                type="tel"
                autoComplete="tel"
                maxLength={40}
                {...input('customer.phone')}
              />
              <Radio.Group
                id="customer-preferredContact"
                label="How would you like us to contact you?"
                {...form.getInputProps('customer.preferredContact')}
              >
                <Group gap="lg" mt="xs">
                  <Radio id="contact-email" value="email" label="Email" />
                  <Radio id="contact-phone" value="phone" label="Phone" />
                </Group>
              </Radio.Group>
            </Stack>
          </Fieldset>

          <Fieldset
            legend={
              <Title order={2} fz="h3">
                Do you need any help to take part?
              </Title>
            }
            variant="unstyled"
          >
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                Tick anything that would help. It is free.
              </Text>
              <Checkbox
                id="help-interpreter"
                label="An interpreter"
                {...form.getInputProps('help.interpreter', { type: 'checkbox' })}
              />
              {values.help.interpreter ? (
                <TextInput
                  label="Which language?"
                  required
                  maxLength={100}
                  ml={32}
                  {...input('help.language')}
                />
              ) : null}
              <Checkbox
                id="help-largePrint"
                label="Letters and documents in large print"
                {...form.getInputProps('help.largePrint', { type: 'checkbox' })}
              />
              <Checkbox
                id="help-callBack"
                label="Someone to call me back to talk it through"
                {...form.getInputProps('help.callBack', { type: 'checkbox' })}
              />
              <Checkbox
                id="help-representative"
                label="Someone else is acting for me (a relative, carer or advocate)"
                {...form.getInputProps('help.representative', { type: 'checkbox' })}
              />
              {values.help.representative ? (
                <TextInput
                  label="Their name (optional)"
                  maxLength={200}
                  ml={32}
                  {...input('help.representativeName')}
                />
              ) : null}
              <TextInput
                label="Anything else that would help? (optional)"
                maxLength={300}
                {...input('help.other')}
              />
            </Stack>
          </Fieldset>

          <FilePicker
            id="files"
            label="Photos or documents (optional)"
            files={files}
            error={filesError}
            onChange={(chosen) => {
              setFiles(chosen);
              setFilesError(checkFiles(chosen));
            }}
          />

          {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
          <div className="visually-hidden" aria-hidden="true">
            <label htmlFor="website">Leave this empty</label>
            <input
              id="website"
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              {...form.getInputProps('website')}
            />
          </div>

          <Text size="sm">
            We use your details only to deal with your feedback. See{' '}
            <Anchor component={Link} to="/charter" hash="privacy" underline="always">
              how we use your personal information
            </Anchor>
            .
          </Text>
          <ProblemAlert error={problem} />
          <Group>
            <Button type="submit" size="md" loading={submit.isPending || uploading}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
