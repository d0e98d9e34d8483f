import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerCaseView } from '../../../contracts/cases.js';
import type {
  Charter,
  PublicAttachment,
  PublicSettings,
  PublicSettingsUpdate,
  PublicSubmission,
  SubmissionResult,
} from '../../../contracts/public.js';
import { api } from '../../lib/api.js';

export interface PublicArea {
  id: string;
  name: string;
  description: string;
}
export interface PublicCategory {
  id: string;
  parentId: string | null;
  name: string;
  description: string;
}

export const charterQuery = queryOptions({
  queryKey: ['public', 'charter'] as const,
  queryFn: ({ signal }) =>
    api<Charter>('/api/v1/public/charter', { signal, redirectOnUnauthenticated: false }),
  staleTime: 60_000,
});

export function useCharter() {
  return useQuery(charterQuery);
}

export function usePublicAreas() {
  return useQuery({
    queryKey: ['public', 'areas'],
    queryFn: ({ signal }) =>
      api<{ items: PublicArea[] }>('/api/v1/public/areas', { signal, redirectOnUnauthenticated: false }),
    staleTime: 60_000,
  });
}

export function usePublicCategories() {
  return useQuery({
    queryKey: ['public', 'categories'],
    queryFn: ({ signal }) =>
      api<{ items: PublicCategory[] }>('/api/v1/public/categories', {
        signal,
        redirectOnUnauthenticated: false,
      }),
    staleTime: 60_000,
  });
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: (body: PublicSubmission) =>
      api<SubmissionResult>('/api/v1/public/submissions', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
  });
}

export function useConfirmSubmission() {
  return useMutation({
    mutationFn: (token: string) =>
      api<SubmissionResult>('/api/v1/public/submissions/confirm', {
        method: 'POST',
        body: { token },
        redirectOnUnauthenticated: false,
      }),
  });
}

export function useTrackLookup() {
  return useMutation({
    mutationFn: (body: { reference: string; email: string }) =>
      api<{ trackingToken: string }>('/api/v1/public/track/lookup', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
  });
}

const trackKey = (token: string) => ['public', 'track', token] as const;

export function useTrackedCase(token: string) {
  return useQuery({
    queryKey: trackKey(token),
    queryFn: ({ signal }) =>
      api<CustomerCaseView>('/api/v1/public/track', {
        query: { token },
        signal,
        redirectOnUnauthenticated: false,
      }),
    retry: false,
  });
}

export function useTrackReply(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api<CustomerCaseView>('/api/v1/public/track/replies', {
        method: 'POST',
        body: { token, body },
        redirectOnUnauthenticated: false,
      }),
    onSuccess: (view) => queryClient.setQueryData(trackKey(token), view),
  });
}

export function useTrackDecision(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { accept: boolean; reason: string }) =>
      api<CustomerCaseView>('/api/v1/public/track/decision', {
        method: 'POST',
        body: { token, ...body },
        redirectOnUnauthenticated: false,
      }),
    onSuccess: (view) => queryClient.setQueryData(trackKey(token), view),
  });
}

/** Sends the customer's files to their case (multipart). */
export function uploadCustomerFiles(token: string, files: File[]) {
  const body = new FormData();
  for (const f of files) body.append('files', f, f.name);
  return api<{ items: PublicAttachment[] }>('/api/v1/public/track/attachments', {
    method: 'POST',
    query: { token },
    body,
    redirectOnUnauthenticated: false,
  });
}

export function useTrackFiles(token: string) {
  return useQuery({
    queryKey: ['public', 'track', token, 'files'],
    queryFn: ({ signal }) =>
      api<{ items: PublicAttachment[] }>('/api/v1/public/track/attachments', {
        query: { token },
        signal,
        redirectOnUnauthenticated: false,
      }),
    retry: false,
  });
}

export function useAddTrackFiles(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => uploadCustomerFiles(token, files),
    onSuccess: (list) => queryClient.setQueryData(['public', 'track', token, 'files'], list),
  });
}

// Administrators

export function usePublicSettings() {
  return useQuery({
    queryKey: ['public-settings'],
    queryFn: ({ signal }) => api<PublicSettings>('/api/v1/settings/public-pages', { signal }),
  });
}

export function useSavePublicSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicSettingsUpdate) =>
      api<PublicSettings>('/api/v1/settings/public-pages', { method: 'PATCH', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(['public-settings'], settings);
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}

export function useUploadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; dataBase64: string }) =>
      api<PublicSettings>('/api/v1/settings/public-pages/logo', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(['public-settings'], settings);
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}
