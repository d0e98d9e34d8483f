import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApiToken,
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  changePasswordSchema,
} from '../../../contracts/identity.js';
import { api } from '../../lib/api.js';
import { forgetSession } from '../../lib/session.js';

export type TokenInput = z.input<typeof apiTokenCreateSchema>;
export type CreatedToken = z.infer<typeof apiTokenCreatedSchema>;

export function useTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await api<{ items: ApiToken[] }>('/api/v1/account/tokens')).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TokenInput) => api<CreatedToken>('/api/v1/account/tokens', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ApiToken>(`/api/v1/account/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: z.input<typeof changePasswordSchema>) =>
      api<{ ok: true }>('/api/v1/account/password', { method: 'POST', body }),
  });
}

export function useSignOut(everywhere: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<unknown>(everywhere ? '/api/v1/auth/sign-out-everywhere' : '/api/v1/auth/sign-out', {
        method: 'POST',
      }),
    onSuccess: () => forgetSession(queryClient),
  });
}
