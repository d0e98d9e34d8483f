import { Input, Text } from '@mantine/core';
import { ATTACHMENT_LIMITS } from '../../../../contracts/attachments.js';

const MB = ATTACHMENT_LIMITS.fileBytes / (1024 * 1024);

/** What is wrong with a choice of files before it is sent, or null. */
export function checkFiles(files: File[], room: number = ATTACHMENT_LIMITS.perUpload): string | null {
  const most = Math.min(room, ATTACHMENT_LIMITS.perUpload);
  if (files.length > most) return `Choose at most ${most} files`;
  const big = files.find((f) => f.size > ATTACHMENT_LIMITS.fileBytes);
  if (big) return `“${big.name}” is larger than ${MB} MB`;
  return null;
}

/** A labelled native file input: the most keyboard and screen reader friendly file picker there is. */
export function FilePicker({
  id,
  label,
  files,
  error,
  onChange,
}: {
  id: string;
  label: string;
  files: File[];
  error: string | null;
  onChange: (files: File[]) => void;
}) {
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={`Up to ${ATTACHMENT_LIMITS.perUpload} files, ${MB} MB each: photos, PDF, text or Office documents.`}
      error={error}
    >
      <input
        id={id}
        type="file"
        multiple
        className="customer-file-input"
        aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(Array.from(e.currentTarget.files ?? []))}
        style={{ display: 'block', marginTop: 6, marginBottom: 4 }}
      />
      {files.length ? (
        <Text size="sm" c="dimmed">
          {files.length === 1 ? '1 file chosen' : `${files.length} files chosen`}
        </Text>
      ) : null}
    </Input.Wrapper>
  );
}
