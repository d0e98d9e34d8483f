import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Stakeholder,
  stakeholderCreateSchema,
  StakeholderKind,
  stakeholderUpdateSchema,
} from '../../../contracts/stakeholders.js';
import { api, type Page } from '../../lib/api.js';

export type StakeholderInput = z.input<typeof stakeholderCreateSchema>;
export type StakeholderUpdate = z.input<typeof stakeholderUpdateSchema>;

export interface StakeholderFilters {
  q?: string;
  kind?: StakeholderKind;
  areaId?: string;
  active?: boolean;
}

export function useStakeholderList(filters: StakeholderFilters) {
  return useInfiniteQuery({
    queryKey: ['stakeholders', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Stakeholder>>('/api/v1/stakeholders', {
        query: { ...filters, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSaveStakeholder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: StakeholderInput | StakeholderUpdate }) =>
      id
        ? api<Stakeholder>(`/api/v1/stakeholders/${id}`, { method: 'PATCH', body })
        : api<Stakeholder>('/api/v1/stakeholders', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['stakeholders'] }),
  });
}
