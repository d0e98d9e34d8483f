import { Badge } from '@mantine/core';
import type { User } from '../../contracts/identity.js';

const LOOK: Record<User['status'], { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  invited: { color: 'blue', label: 'Invited' },
  deactivated: { color: 'gray', label: 'Deactivated' },
};

/** Active / Invited / Deactivated, the same colours everywhere a person appears. */
export function UserStatusBadge({ status }: { status: User['status'] }) {
  const look = LOOK[status];
  // Never squeezed to an ellipsis by a narrow table column.
  return (
    <Badge color={look.color} miw="max-content">
      {look.label}
    </Badge>
  );
}
