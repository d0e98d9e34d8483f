import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Role, User } from '../../contracts/identity.js';
import type { Area, Team } from '../../contracts/organisation.js';
import { api, type Page } from './api.js';

/**
 * Small lists several pages need in full (for filters and pickers): every business area, team, role.
 * Query keys start with the resource name so a feature's `invalidateQueries({ queryKey: ['areas'] })`
 * refreshes these too.
 */

async function fetchAll<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  // Bounded: 50 pages of 200 is far past any organisation's structure.
  for (let i = 0; i < 50; i++) {
    const page = await api<Page<T>>(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const allAreasQuery = queryOptions({
  queryKey: ['areas', 'all'] as const,
  queryFn: () => fetchAll<Area>('/api/v1/areas'),
  staleTime: 60_000,
});

export const allTeamsQuery = queryOptions({
  queryKey: ['teams', 'all'] as const,
  queryFn: () => fetchAll<Team>('/api/v1/teams'),
  staleTime: 60_000,
});

export const rolesQuery = queryOptions({
  queryKey: ['roles'] as const,
  queryFn: async () => (await api<{ items: Role[] }>('/api/v1/roles')).items,
  staleTime: 60_000,
});

export const allUsersQuery = queryOptions({
  queryKey: ['users', 'all'] as const,
  queryFn: () => fetchAll<User>('/api/v1/users'),
  staleTime: 60_000,
});

export function useAllAreas(enabled = true) {
  return useQuery({ ...allAreasQuery, enabled });
}

export function useAllTeams(enabled = true) {
  return useQuery({ ...allTeamsQuery, enabled });
}

export function useRoles(enabled = true) {
  return useQuery({ ...rolesQuery, enabled });
}

export function useAllUsers(enabled = true) {
  return useQuery({ ...allUsersQuery, enabled });
}
