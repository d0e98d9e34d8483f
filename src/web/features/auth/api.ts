import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  acceptInvitationSchema,
  resetCompleteSchema,
  signInSchema,
  tokenInfoSchema,
} from '../../../contracts/identity.js';
import { api } from '../../lib/api.js';
import { storeSession, type Session } from '../../lib/session.js';

type TokenInfo = z.infer<typeof tokenInfoSchema>;

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof signInSchema>) =>
      api<Session>('/api/v1/auth/sign-in', { method: 'POST', body, redirectOnUnauthenticated: false }),
    onSuccess: (session) => storeSession(queryClient, session),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api<{ detail: string }>('/api/v1/auth/password-reset', {
        method: 'POST',
        body: { email },
        redirectOnUnauthenticated: false,
      }),
  });
}

export function usePasswordResetLink(token: string | undefined) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: () =>
      api<TokenInfo>(`/api/v1/auth/password-reset/${encodeURIComponent(token ?? '')}`, {
        redirectOnUnauthenticated: false,
      }),
    enabled: !!token && token.length >= 10,
    staleTime: Infinity,
  });
}

export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (body: z.input<typeof resetCompleteSchema>) =>
      api<{ ok: true }>('/api/v1/auth/password-reset/complete', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
  });
}

export function useInvitation(token: string | undefined) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      api<TokenInfo>(`/api/v1/auth/invitations/${encodeURIComponent(token ?? '')}`, {
        redirectOnUnauthenticated: false,
      }),
    enabled: !!token && token.length >= 10,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof acceptInvitationSchema>) =>
      api<Session>('/api/v1/auth/invitations/accept', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
    onSuccess: (session) => storeSession(queryClient, session),
  });
}
