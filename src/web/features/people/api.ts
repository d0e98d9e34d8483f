import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  inviteSchema,
  Role,
  roleCreateSchema,
  roleUpdateSchema,
  User,
  userUpdateSchema,
} from '../../../contracts/identity.js';
import { api, type Page } from '../../lib/api.js';
import { sessionQuery } from '../../lib/session.js';

export type InviteInput = z.input<typeof inviteSchema>;
export type UserUpdate = z.input<typeof userUpdateSchema>;
export type RoleInput = z.input<typeof roleCreateSchema>;
export type RoleUpdate = z.input<typeof roleUpdateSchema>;

export interface UserFilters {
  q?: string;
  status?: 'invited' | 'active' | 'deactivated';
  roleId?: string;
  areaId?: string;
}

export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<User>>('/api/v1/users', { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    // Team member counts and role user counts follow memberships.
    void queryClient.invalidateQueries({ queryKey: ['teams'] });
    void queryClient.invalidateQueries({ queryKey: ['roles'] });
  };
}

export function useInvite() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: InviteInput) => api<User>('/api/v1/users/invitations', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidatePeople();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdate }) =>
      api<User>(`/api/v1/users/${id}`, { method: 'PATCH', body }),
    onSuccess: (user) => {
      invalidate();
      // Editing yourself changes what you may do.
      const session = queryClient.getQueryData(sessionQuery.queryKey);
      if (session?.user?.id === user.id)
        void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    },
  });
}

export function useResendInvitation() {
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/v1/users/${id}/invitation`, { method: 'POST' }),
  });
}

export function useSaveRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RoleInput | RoleUpdate }) =>
      id
        ? api<Role>(`/api/v1/roles/${id}`, { method: 'PATCH', body })
        : api<Role>('/api/v1/roles', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      // The signed-in person's own role may have changed.
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    },
  });
}
