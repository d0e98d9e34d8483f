import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api.js';

export interface Count {
  count: number;
  /** More exist than one page holds. */
  more: boolean;
}

/** How many records a list holds, from one page of at most 200 (shown as "200+" beyond that). */
function useListCount(resource: 'users' | 'stakeholders', query: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: [resource, 'count', query],
    queryFn: async (): Promise<Count> => {
      const page = await api<Page<unknown>>(`/api/v1/${resource}`, { query: { ...query, limit: 200 } });
      return { count: page.items.length, more: !!page.nextCursor };
    },
    enabled,
  });
}

export function useActivePeopleCount(enabled: boolean) {
  return useListCount('users', { status: 'active' }, enabled);
}

export function useInvitedPeopleCount(enabled: boolean) {
  return useListCount('users', { status: 'invited' }, enabled);
}

export function useStakeholderCount(enabled: boolean) {
  return useListCount('stakeholders', { active: 'true' }, enabled);
}
