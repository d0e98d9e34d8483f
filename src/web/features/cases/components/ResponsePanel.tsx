import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconMailForward, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { TEMPLATE_PURPOSES, type Case } from '../../../../contracts/cases.js';
import { ErrorState } from '../../../components/states.js';
import type { Formatters } from '../../../lib/format.js';
import { useCustomerDecision, useResponsePreview, useSendResponse, useTemplates } from '../api.js';
import { CaseProblem } from './CaseProblem.js';

/** The response to the customer (from a template, previewed as text) and the customer's answer to it. */
export function ResponsePanel({ c, fmt }: { c: Case; fmt: Formatters }) {
  const showComposer = c.allowed.respond;
  const showDecision = c.allowed.recordCustomerDecision;
  if (!showComposer && !showDecision && !c.respondedAt) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="response-title">
      <Group gap={6} mb="sm">
        <IconMailForward size={18} aria-hidden />
        <Title order={2} size="h5" id="response-title">
          Response to the customer
        </Title>
      </Group>
      <Stack gap="md">
        {c.respondedAt ? (
          <Text size="sm">
            Response sent {fmt.dateTime(c.respondedAt)}.{' '}
            {c.customerAccepted === true ? (
              <Badge color="teal" variant="light" tt="none">
                Customer accepted
              </Badge>
            ) : c.customerAccepted === false ? (
              <Badge color="red" variant="light" tt="none">
                Customer rejected
              </Badge>
            ) : (
              <Text span c="dimmed">
                Waiting for the customer’s answer.
              </Text>
            )}
          </Text>
        ) : null}
        {showComposer ? <ResponseComposer c={c} /> : null}
        {showDecision ? <CustomerDecision c={c} /> : null}
      </Stack>
    </Card>
  );
}

function ResponseComposer({ c }: { c: Case }) {
  const templates = useTemplates();
  const send = useSendResponse(c.id);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const preview = useResponsePreview(c.id, templateId, previewing);

  const active = (templates.data ?? []).filter((t) => t.active);
  const options = (['response', 'update', 'request_information', 'acknowledgement'] as const)
    .map((purpose) => ({
      group: TEMPLATE_PURPOSES[purpose],
      items: active.filter((t) => t.purpose === purpose).map((t) => ({ value: t.id, label: t.name })),
    }))
    .filter((g) => g.items.length);

  const submit = () => {
    setProblem(null);
    send.mutate(
      {
        version: c.version,
        templateId: templateId ?? undefined,
        subject: subject.trim() || undefined,
        body: body.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Response sent to the customer.' });
          setBody('');
          setSubject('');
          setPreviewing(false);
        },
        onError: setProblem,
      },
    );
  };

  return (
    <Stack gap="sm">
      <Select
        label="Response template"
        placeholder={templates.isPending ? 'Loading templates…' : 'The default response template'}
        data={options}
        clearable
        searchable
        value={templateId}
        onChange={(v) => {
          setTemplateId(v);
          setPreviewing(false);
        }}
        error={templates.isError ? 'Templates could not be loaded' : undefined}
      />
      <TextInput
        label="Response subject"
        description="Leave empty to use the template’s subject"
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
      />
      <Textarea
        label="Response text"
        description="Leave empty to send the template as it is; anything written here replaces its text"
        autosize
        minRows={4}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
      />
      <Group gap="sm">
        <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => setPreviewing(true)}>
          Preview
        </Button>
        <Button leftSection={<IconMailForward size={16} />} loading={send.isPending} onClick={submit}>
          Send response
        </Button>
      </Group>
      {previewing ? (
        preview.isPending ? (
          <Text size="sm" c="dimmed">
            Preparing the preview…
          </Text>
        ) : preview.isError ? (
          <ErrorState
            error={preview.error}
            title="The preview could not be made"
            onRetry={() => void preview.refetch()}
          />
        ) : preview.data ? (
          <Card withBorder padding="sm" aria-label="Response preview" component="section">
            <Text size="xs" c="dimmed">
              Subject
            </Text>
            <Text size="sm" fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
              {preview.data.subject}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {preview.data.text}
            </Code>
          </Card>
        ) : null
      ) : null}
      {c.resolution?.status === 'pending_approval' ? (
        <Alert color="grape" variant="light">
          The resolution is waiting for approval: the response can be sent once it is approved.
        </Alert>
      ) : null}
      <CaseProblem error={problem} caseId={c.id} />
    </Stack>
  );
}

function CustomerDecision({ c }: { c: Case }) {
  const decide = useCustomerDecision(c.id);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const record = (accepted: boolean) => {
    setProblem(null);
    decide.mutate(
      { version: c.version, accepted, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: accepted ? 'teal' : 'orange',
            message: accepted
              ? 'The customer’s acceptance is recorded.'
              : 'The customer’s rejection is recorded.',
          });
          setNote('');
        },
        onError: setProblem,
      },
    );
  };
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        The customer’s answer
      </Text>
      <Textarea
        label="Customer’s comments"
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Group gap="sm">
        <Button
          color="teal"
          variant="light"
          leftSection={<IconThumbUp size={16} />}
          loading={decide.isPending}
          onClick={() => record(true)}
        >
          Customer accepted
        </Button>
        <Button
          color="red"
          variant="light"
          leftSection={<IconThumbDown size={16} />}
          disabled={decide.isPending}
          onClick={() => record(false)}
        >
          Customer rejected
        </Button>
      </Group>
      <CaseProblem error={problem} caseId={c.id} />
    </Stack>
  );
}
