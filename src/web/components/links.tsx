import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

type MantineAnchorProps = AnchorProps & Omit<ComponentPropsWithRef<'a'>, 'color' | 'style'>;

function MantineAnchor(props: MantineAnchorProps) {
  return <Anchor {...props} />;
}

/** A Mantine Anchor that is a typed router link (path, params and search checked). */
export const AnchorLink = createLink(MantineAnchor);
