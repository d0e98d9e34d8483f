import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { User } from '../../../contracts/identity.js';
import type {
  Area,
  areaCreateSchema,
  areaUpdateSchema,
  Organisation,
  organisationUpdateSchema,
  Team,
  teamCreateSchema,
  teamUpdateSchema,
} from '../../../contracts/organisation.js';
import { api, type Page } from '../../lib/api.js';
import { sessionQuery } from '../../lib/session.js';

export type AreaInput = z.input<typeof areaCreateSchema>;
export type AreaUpdate = z.input<typeof areaUpdateSchema>;
export type TeamInput = z.input<typeof teamCreateSchema>;
export type TeamUpdate = z.input<typeof teamUpdateSchema>;
export type OrganisationUpdate = z.input<typeof organisationUpdateSchema>;

export interface AreaFilters {
  q?: string;
  active?: boolean;
}

export function useAreaList(filters: AreaFilters) {
  return useInfiniteQuery({
    queryKey: ['areas', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Area>>('/api/v1/areas', { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSaveArea() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AreaInput | AreaUpdate }) =>
      id
        ? api<Area>(`/api/v1/areas/${id}`, { method: 'PATCH', body })
        : api<Area>('/api/v1/areas', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['areas'] });
      void queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });
}

export interface TeamFilters {
  q?: string;
  areaId?: string;
  active?: boolean;
}

export function useTeamList(filters: TeamFilters) {
  return useInfiniteQuery({
    queryKey: ['teams', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Team>>('/api/v1/teams', { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TeamInput | TeamUpdate }) =>
      id
        ? api<Team>(`/api/v1/teams/${id}`, { method: 'PATCH', body })
        : api<Team>('/api/v1/teams', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['teams'] });
      // Areas show how many teams they hold.
      void queryClient.invalidateQueries({ queryKey: ['areas'] });
    },
  });
}

/** The members of one team. */
export function useTeamMembers(teamId: string | null) {
  return useInfiniteQuery({
    queryKey: ['users', 'team', teamId],
    queryFn: ({ pageParam, signal }) =>
      api<Page<User>>('/api/v1/users', { query: { teamId, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!teamId,
  });
}

export function useOrganisation() {
  return useQuery({
    queryKey: ['organisation'],
    queryFn: () => api<Organisation>('/api/v1/organisation'),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationUpdate) =>
      api<Organisation>('/api/v1/organisation', { method: 'PATCH', body }),
    onSuccess: (org) => {
      queryClient.setQueryData(['organisation'], org);
      // The header, dates and money all follow the organisation's name, locale, time zone and currency.
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    },
  });
}
