import { useEffect, useRef } from 'react';
import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconBraces } from '@tabler/icons-react';
import { TEMPLATE_PLACEHOLDERS, TEMPLATE_PURPOSES, type Template } from '../../../../contracts/cases.js';
import { FormActions } from '../../../components/FormActions.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { useSaveTemplate } from '../api.js';
import { insertAtCursor, PLACEHOLDER_HELP, unknownPlaceholders } from '../placeholders.js';

export const PURPOSE_OPTIONS = Object.entries(TEMPLATE_PURPOSES).map(([value, label]) => ({ value, label }));

type Purpose = keyof typeof TEMPLATE_PURPOSES;

interface Values {
  name: string;
  purpose: string;
  subject: string;
  body: string;
  version: number;
}

function valuesOf(t: Template | null): Values {
  return t
    ? { name: t.name, purpose: t.purpose, subject: t.subject, body: t.body, version: t.version }
    : { name: '', purpose: '', subject: '', body: '', version: 0 };
}

/** The server refuses a template with a placeholder it does not know. */
function unknownProblem(text: string): string | null {
  const unknown = unknownPlaceholders(text);
  return unknown.length ? `Uses an unknown placeholder {{${unknown[0]}}}` : null;
}

/** The template editor: name, purpose, subject and body, with placeholders inserted at the cursor. */
export function TemplateFormModal({
  opened,
  template,
  onClose,
}: {
  opened: boolean;
  template: Template | null;
  onClose: () => void;
}) {
  const save = useSaveTemplate();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(null),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      purpose: (v) => (v ? null : 'Choose what the template is for'),
      subject: (v) => (v.trim() ? null : 'Enter the email subject') ?? unknownProblem(v),
      body: (v) => (v.trim() ? null : 'Write the message') ?? unknownProblem(v),
    },
  });
  const problem = useFormProblem(form);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // Placeholders go into the field last used (the body unless the subject was).
  const target = useRef<'subject' | 'body'>('body');

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(template));
    form.resetDirty(valuesOf(template));
    form.clearErrors();
    problem.clear();
    target.current = 'body';
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, template?.id]);

  // Mantine's own onFocus only marks the field touched, which this form does not use.
  const remember = (field: 'subject' | 'body') => {
    target.current = field;
  };

  const insert = (name: string) => {
    const field = target.current;
    const el = field === 'subject' ? subjectRef.current : bodyRef.current;
    const current = form.values[field];
    const next = insertAtCursor(current, name, el?.selectionStart ?? null, el?.selectionEnd ?? null);
    form.setFieldValue(field, next.text);
    // Put the cursor back after the placeholder once the new text is in the field.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const unknown = unknownPlaceholders(`${form.values.subject}\n${form.values.body}`);

  const submit = form.onSubmit((v) => {
    problem.clear();
    const fields = {
      name: v.name.trim(),
      purpose: v.purpose as Purpose,
      subject: v.subject.trim(),
      body: v.body.trim(),
    };
    save.mutate(
      { id: template?.id, body: template ? { ...fields, version: v.version } : fields },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: template ? `${saved.name} is saved.` : `${saved.name} is added.`,
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
      title={template ? `Edit ${template.name}` : 'Add response template'}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Group grow align="flex-start" wrap="wrap">
                <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
                <Select
                  label="Purpose"
                  required
                  data={PURPOSE_OPTIONS}
                  allowDeselect={false}
                  {...form.getInputProps('purpose')}
                  value={form.values.purpose || null}
                  onChange={(v) => form.setFieldValue('purpose', v ?? '')}
                />
              </Group>
              <TextInput
                label="Subject"
                required
                ref={subjectRef}
                {...form.getInputProps('subject')}
                onFocus={() => remember('subject')}
              />
              <Textarea
                label="Message"
                required
                ref={bodyRef}
                autosize
                minRows={10}
                maxRows={22}
                description="Plain text. Placeholders are replaced by the case's details when the message is written; their values are escaped."
                {...form.getInputProps('body')}
                onFocus={() => remember('body')}
              />
              {unknown.length ? (
                <Alert color="orange" variant="light" title="Unknown placeholders">
                  <Text size="sm">
                    {unknown.map((u) => `{{${u}}}`).join(', ')} {unknown.length === 1 ? 'is' : 'are'} not one
                    of the placeholders listed, so the template cannot be saved yet. Check the spelling, or
                    use the buttons to insert one.
                  </Text>
                </Alert>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Box component="section" aria-labelledby="placeholders-heading">
              <Text id="placeholders-heading" fw={600} size="sm">
                Placeholders
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                Inserted where the cursor is in the subject or message.
              </Text>
              <Stack gap={4} align="stretch">
                {TEMPLATE_PLACEHOLDERS.map((name) => (
                  <Tooltip key={name} label={PLACEHOLDER_HELP[name]} position="left" openDelay={300}>
                    <Button
                      variant="light"
                      size="compact-sm"
                      justify="flex-start"
                      leftSection={<IconBraces size={14} aria-hidden />}
                      ff="monospace"
                      fz="xs"
                      aria-label={`Insert ${name}: ${PLACEHOLDER_HELP[name]}`}
                      // Keep the cursor in the text field while clicking.
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => insert(name)}
                    >
                      {name}
                    </Button>
                  </Tooltip>
                ))}
              </Stack>
            </Box>
          </Grid.Col>
          <Grid.Col span={12}>
            <Stack gap="md">
              <ProblemAlert
                error={problem.problem}
                onReload={(current) => {
                  form.setValues(valuesOf(current as Template));
                  problem.clear();
                }}
              />
              <FormActions onCancel={onClose} saving={save.isPending} />
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </Modal>
  );
}
