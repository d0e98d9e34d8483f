import { Text } from '@mantine/core';

/** Plain text an administrator or customer wrote, as paragraphs: never parsed as HTML. */
export function Paragraphs({ text, size }: { text: string; size?: 'sm' | 'md' }) {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        <Text key={i} size={size} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {p}
        </Text>
      ))}
    </>
  );
}
