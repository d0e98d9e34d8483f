import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  ColorInput,
  Group,
  Image,
  Input,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { PublicSettings } from '../../../../contracts/public.js';
import { PUBLIC_LIMITS } from '../../../../contracts/public.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ProblemAlert, useFormProblem } from '../../../components/ProblemAlert.js';
import { ErrorState } from '../../../components/states.js';
import { isApiError } from '../../../lib/api.js';
import { sentence } from '../../../lib/forms.js';
import { useCharter, usePublicSettings, useSavePublicSettings, useUploadLogo } from '../api.js';
import { brandColour, contrastRatio, readableTextOn } from '../brand.js';

const SECTIONS = [
  { key: 'intro', label: 'Introduction', hint: 'The first words on the charter page.' },
  {
    key: 'howTo',
    label: 'How to give feedback or complain',
    hint: 'Where and how: the form, phone, counter, letter.',
  },
  { key: 'whatHappensNext', label: 'What happens next', hint: 'The steps after a customer gets in touch.' },
  {
    key: 'privacy',
    label: 'How we use your personal information',
    hint: 'What is kept, who sees it, for how long.',
  },
  {
    key: 'escalation',
    label: 'If you are not happy with our response',
    hint: 'The internal review, then the external body below.',
  },
  {
    key: 'contact',
    label: 'Other ways to contact us (optional)',
    hint: 'Phone numbers, addresses, opening hours.',
  },
] as const;

function valuesOf(s: PublicSettings) {
  return {
    version: s.version,
    brandName: s.brandName,
    primaryColour: s.primaryColour,
    logoUrl: s.logoUrl,
    verifyEmailFirst: s.verifyEmailFirst,
    sections: { ...s.sections },
  };
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Administrators: the charter's words, the organisation's branding, and the email confirmation switch. */
export function PublicPagesSettingsPage() {
  const settings = usePublicSettings();
  return (
    <>
      <PageHeader
        title="Public pages"
        description="What customers see before they give feedback: the service charter, your name, logo and colour, and whether they confirm their email address first. The time frames come from the deadline policies."
        actions={
          <Anchor href="/charter" target="_blank" rel="noopener" underline="always">
            Open the charter (new tab)
          </Anchor>
        }
      />
      {settings.isPending ? (
        <Card withBorder padding="lg" maw={820}>
          <Stack gap="md" aria-busy="true" aria-label="Loading">
            <Skeleton height={36} />
            <Skeleton height={120} />
            <Skeleton height={120} />
          </Stack>
        </Card>
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: PublicSettings }) {
  const save = useSavePublicSettings();
  const upload = useUploadLogo();
  const charter = useCharter();
  const [logoError, setLogoError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: valuesOf(settings),
    validate: {
      primaryColour: (v) => (/^#[0-9a-fA-F]{6}$/.test(v) ? null : 'Enter a colour like #1c5fa8'),
      logoUrl: (v) => (!v || /^\/(?!\/)\S*$/.test(v) ? null : 'Enter a path on this site, starting with /'),
      sections: {
        externalBodyUrl: (v) =>
          !v || /^https?:\/\/\S+$/.test(v) ? null : 'Enter a web address starting with https://',
      },
    },
  });
  const problem = useFormProblem(form);
  const load = (s: PublicSettings) => {
    form.setInitialValues(valuesOf(s));
    form.setValues(valuesOf(s));
    form.resetDirty(valuesOf(s));
  };
  useEffect(() => {
    if (!form.isDirty()) load(settings);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.version]);

  const submit = form.onSubmit((values) => {
    problem.clear();
    save.mutate(
      {
        version: values.version,
        brandName: values.brandName.trim(),
        primaryColour: values.primaryColour,
        logoUrl: settings.logo === 'uploaded' && !values.logoUrl ? undefined : values.logoUrl.trim(),
        verifyEmailFirst: values.verifyEmailFirst,
        sections: values.sections,
      },
      {
        onSuccess: (saved) => {
          load(saved);
          notifications.show({ color: 'teal', message: 'Public pages saved.' });
        },
        onError: (e) => problem.handle(e),
      },
    );
  });

  const chooseLogo = async (file: File | undefined) => {
    setLogoError(null);
    if (!file) return;
    if (file.size > PUBLIC_LIMITS.logoBytes) {
      setLogoError('The image must be at most 200 KB.');
      return;
    }
    try {
      const dataBase64 = await readAsBase64(file);
      upload.mutate(
        { version: form.getValues().version, dataBase64 },
        {
          onSuccess: (saved) => {
            load(saved);
            notifications.show({ color: 'teal', message: 'Logo uploaded.' });
          },
          onError: (e) =>
            setLogoError(isApiError(e) && e.fieldErrors[0] ? sentence(e.fieldErrors[0].message) : e.message),
        },
      );
    } catch (e) {
      setLogoError(e instanceof Error ? e.message : 'The file could not be read.');
    }
  };

  const colour = brandColour(form.values.primaryColour);
  const text = readableTextOn(colour);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={820}>
        <Card withBorder padding="lg" component="section" aria-labelledby="pp-brand">
          <Title order={2} fz="lg" id="pp-brand" mb="md">
            Branding
          </Title>
          <Stack gap="md">
            <TextInput
              label="Name shown to customers"
              description="Leave empty to use the organisation name."
              maxLength={200}
              {...form.getInputProps('brandName')}
            />
            <ColorInput
              label="Main colour"
              description="Used for the page header. Text on it is black or white, whichever is easier to read."
              format="hex"
              eyeDropperButtonProps={{ 'aria-label': 'Pick the colour from the screen' }}
              {...form.getInputProps('primaryColour')}
            />
            <Group gap="sm" wrap="nowrap" p="sm" style={{ background: colour, color: text, borderRadius: 8 }}>
              <Text fw={700} c={text}>
                {form.values.brandName || charter.data?.branding.name || 'Your organisation'}
              </Text>
              <Text size="sm" c={text}>
                Header preview · contrast {contrastRatio(colour, text).toFixed(1)}:1
              </Text>
            </Group>
            <Input.Wrapper
              id="logo-file"
              label="Logo"
              description="PNG, JPEG, GIF or WebP, at most 200 KB. Uploading replaces the logo address below."
              error={logoError}
            >
              <Group gap="md" mt={6} align="center">
                {settings.logo !== 'none' && charter.data?.branding.logoUrl ? (
                  <Image
                    src={charter.data.branding.logoUrl}
                    alt="Current logo"
                    h={40}
                    w="auto"
                    fit="contain"
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    No logo yet.
                  </Text>
                )}
                <input
                  id="logo-file"
                  type="file"
                  accept="image/png,image/jpeg,image/gif,image/webp"
                  aria-describedby={`logo-file-description${logoError ? ' logo-file-error' : ''}`}
                  onChange={(e) => void chooseLogo(e.currentTarget.files?.[0])}
                />
                {settings.logo !== 'none' ? (
                  <Button
                    variant="default"
                    size="xs"
                    loading={save.isPending}
                    onClick={() =>
                      save.mutate(
                        { version: form.getValues().version, removeLogo: true },
                        { onSuccess: (saved) => load(saved), onError: (e) => problem.handle(e) },
                      )
                    }
                  >
                    Remove logo
                  </Button>
                ) : null}
              </Group>
            </Input.Wrapper>
            <TextInput
              label="Or the address of a logo on this site (optional)"
              description="A path on this server, such as /brand/logo.png. Images from other sites are not shown."
              maxLength={500}
              {...form.getInputProps('logoUrl')}
            />
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="pp-charter">
          <Title order={2} fz="lg" id="pp-charter" mb={4}>
            Service charter
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Plain text; leave a blank line between paragraphs. Write for customers: short sentences, everyday
            words.
          </Text>
          <Stack gap="md">
            {SECTIONS.map((s) => (
              <Textarea
                key={s.key}
                label={s.label}
                description={s.hint}
                autosize
                minRows={3}
                maxLength={PUBLIC_LIMITS.charterSection}
                {...form.getInputProps(`sections.${s.key}`)}
              />
            ))}
            <TextInput
              label="External body customers can go to (optional)"
              description="For example: the ombudsman or the fair trading office."
              maxLength={200}
              {...form.getInputProps('sections.externalBodyName')}
            />
            <TextInput
              label="Its web address (optional)"
              placeholder="https://"
              maxLength={500}
              {...form.getInputProps('sections.externalBodyUrl')}
            />
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="pp-abuse">
          <Title order={2} fz="lg" id="pp-abuse" mb="md">
            Protection from abuse
          </Title>
          <Switch
            label="Ask customers to confirm their email address first"
            description="The case is created only when the customer opens the link we email them. Use it if you receive many fake submissions; it adds a step for everyone."
            {...form.getInputProps('verifyEmailFirst', { type: 'checkbox' })}
          />
          {form.values.verifyEmailFirst ? (
            <Alert color="orange" variant="light" mt="md">
              Customers without access to their email cannot send feedback online while this is on.
            </Alert>
          ) : null}
        </Card>

        <ProblemAlert
          error={problem.problem}
          onReload={(current) => {
            load(current as PublicSettings);
            problem.clear();
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Discard changes
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
