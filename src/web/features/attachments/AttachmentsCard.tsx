import { useRef, useState } from 'react';
import '@mantine/dropzone/styles.css';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconFile,
  IconPaperclip,
  IconPhoto,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type Attachment } from '../../../contracts/attachments.js';
import { ErrorState, errorMessage } from '../../components/states.js';
import { useFormat } from '../../lib/format.js';
import { useAttachments, useUploadAttachments } from './api.js';
import { formatSize } from './size.js';

const typeLabel = (t: string) => (ATTACHMENT_TYPES as Record<string, string>)[t] ?? t;

/** The files of a case: who added what and when, a download link each, and (with `canUpload`) a drop zone. */
export function AttachmentsCard({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const query = useAttachments(caseId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="attachments-title">
      <Stack gap="sm">
        <Group gap="xs">
          <IconPaperclip size={18} aria-hidden />
          <Title order={2} fz="lg" id="attachments-title">
            Files
          </Title>
        </Group>
        {query.isPending ? (
          <Stack gap="xs" aria-busy="true" aria-label="Loading the files">
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        ) : query.isError ? (
          <ErrorState
            error={query.error}
            title="The files could not be loaded"
            onRetry={() => void query.refetch()}
          />
        ) : query.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No files yet.
            {canUpload ? ' Photos, receipts, letters or emails the case relies on can be added below.' : ''}
          </Text>
        ) : (
          <FileList items={query.data.items} />
        )}
        {canUpload && query.isSuccess ? (
          <Uploader caseId={caseId} room={ATTACHMENT_LIMITS.perCase - query.data.items.length} />
        ) : null}
      </Stack>
    </Card>
  );
}

function FileList({ items }: { items: Attachment[] }) {
  const fmt = useFormat();
  return (
    <List listStyleType="none" spacing="xs" aria-label="Files of this case">
      {items.map((a) => {
        const who = a.addedBy.kind === 'customer' ? 'the customer' : a.addedBy.name || 'staff';
        return (
          <List.Item key={a.id}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size="md" aria-hidden>
                {a.contentType.startsWith('image/') ? <IconPhoto size={16} /> : <IconFile size={16} />}
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor
                  href={a.downloadUrl}
                  download={a.name}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                  aria-label={`Download ${a.name} (${typeLabel(a.contentType)}, ${formatSize(a.sizeBytes)})`}
                >
                  {a.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {typeLabel(a.contentType)} · {formatSize(a.sizeBytes)} · added by {who} ·{' '}
                  {fmt.dateTime(a.createdAt)}
                </Text>
              </Stack>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}

function Uploader({ caseId, room }: { caseId: string; room: number }) {
  const upload = useUploadAttachments(caseId);
  const openRef = useRef<() => void>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const maxMb = ATTACHMENT_LIMITS.fileBytes / (1024 * 1024);
  const maxFiles = Math.min(ATTACHMENT_LIMITS.perUpload, room);

  if (room <= 0) {
    return (
      <Text size="sm" c="dimmed">
        This case holds the most files allowed ({ATTACHMENT_LIMITS.perCase}).
      </Text>
    );
  }

  const onDrop = (files: File[]) => {
    setProblem(null);
    upload.mutate(files, {
      onSuccess: (res) =>
        notifications.show({
          color: 'green',
          title: res.items.length === 1 ? 'File added' : `${res.items.length} files added`,
          message: res.items.map((a) => a.name).join(', '),
        }),
      onError: (error) => setProblem(errorMessage(error)),
    });
  };
  const onReject = (rejections: FileRejection[]) => {
    const names = rejections.map((r) => r.file.name).join(', ');
    const tooMany = rejections.some((r) => r.errors.some((e) => e.code === 'too-many-files'));
    setProblem(
      tooMany ? `Add at most ${maxFiles} files at once.` : `${names}: each file may be at most ${maxMb} MB.`,
    );
  };

  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={onDrop}
        onReject={onReject}
        maxSize={ATTACHMENT_LIMITS.fileBytes}
        maxFiles={maxFiles}
        multiple
        loading={upload.isPending}
        openRef={openRef}
        // Keyboard and screen reader users have the "Choose files" button below: the drop area is for the mouse.
        activateOnKeyboard={false}
      >
        <Group justify="center" gap="sm" mih={64} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={28} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={28} aria-hidden />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconUpload size={28} aria-hidden />
          </Dropzone.Idle>
          <Stack gap={0}>
            <Text size="sm">Drop files here or click to choose</Text>
            <Text size="xs" c="dimmed">
              or use the button below
            </Text>
          </Stack>
        </Group>
      </Dropzone>
      <Stack gap={4} align="flex-start">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconUpload size={14} aria-hidden />}
          onClick={() => openRef.current?.()}
          loading={upload.isPending}
          aria-describedby="attachments-hint"
        >
          Choose files
        </Button>
        <Text size="xs" c="dimmed" id="attachments-hint">
          Up to {maxFiles} files at once, {maxMb} MB each: images, PDF, text, CSV, email or Office documents.
        </Text>
      </Stack>
      {problem ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Not added"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setProblem(null)}
        >
          {problem}
        </Alert>
      ) : null}
    </Stack>
  );
}
