import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRosetteDiscountCheck } from '@tabler/icons-react';

/** The product mark: an icon and the word "Verity". */
export function Logo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const big = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={big ? 40 : 32}
        radius="md"
        variant="gradient"
        gradient={{ from: 'teal.7', to: 'cyan.6', deg: 135 }}
        aria-hidden
      >
        <IconRosetteDiscountCheck size={big ? 24 : 20} stroke={1.8} />
      </ThemeIcon>
      <Text component="span" fw={700} fz={big ? 26 : 20} lts={-0.3}>
        Verity
      </Text>
    </Group>
  );
}
