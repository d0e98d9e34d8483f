import {
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assignSchema,
  bulkResultSchema,
  bulkSchema,
  Case,
  caseCreateSchema,
  CaseSummary,
  caseUpdateSchema,
  Category,
  customerDecisionSchema,
  customerMessageSchema,
  decisionSchema,
  messageSchema,
  proposeResolutionSchema,
  receivedCorrectionSchema,
  SavedView,
  savedViewCreateSchema,
  sendResponseSchema,
  Template,
  TimelineEntry,
  transitionSchema,
  HandlingStep,
} from '../../../contracts/cases.js';
import { api, type Page } from '../../lib/api.js';
import { toListQuery, type QueueSearch } from './queue-filters.js';

export type CaseCreateInput = z.input<typeof caseCreateSchema>;
export type CaseUpdateInput = z.input<typeof caseUpdateSchema>;
export type TransitionInput = z.input<typeof transitionSchema>;
export type AssignInput = z.input<typeof assignSchema>;
export type MessageInput = z.input<typeof messageSchema>;
export type CustomerMessageInput = z.input<typeof customerMessageSchema>;
export type ReceivedCorrectionInput = z.input<typeof receivedCorrectionSchema>;
export type ProposeInput = z.input<typeof proposeResolutionSchema>;
export type DecisionInput = z.input<typeof decisionSchema>;
export type SendResponseInput = z.input<typeof sendResponseSchema>;
export type CustomerDecisionInput = z.input<typeof customerDecisionSchema>;
export type BulkInput = z.input<typeof bulkSchema>;
export type BulkResult = z.infer<typeof bulkResultSchema>;
export type SavedViewInput = z.input<typeof savedViewCreateSchema>;

export interface Assignee {
  id: string;
  name: string;
  openCases: number;
}
export interface Approver {
  id: string;
  name: string;
  limitCents: number;
}
export interface ResponsePreview {
  subject: string;
  text: string;
  html: string;
}

const base = '/api/v1/cases';

// ---------------------------------------------------------------------------------------------------------
// Queue

export function useCaseQueue(search: QueueSearch) {
  const query = toListQuery(search);
  return useInfiniteQuery({
    queryKey: ['cases', 'list', query],
    queryFn: ({ pageParam, signal }) =>
      api<Page<CaseSummary>>(base, { query: { ...query, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkInput) => api<BulkResult>(`${base}/bulk`, { method: 'POST', body }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export function useSavedViews() {
  return useQuery({
    queryKey: ['saved-views'],
    queryFn: async () => (await api<{ items: SavedView[] }>('/api/v1/saved-views')).items,
  });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewInput) => api<SavedView>('/api/v1/saved-views', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['saved-views'] }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/saved-views/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['saved-views'] }),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reference lists: categories and templates

export const categoriesQuery = queryOptions({
  queryKey: ['categories'] as const,
  queryFn: async () => (await api<{ items: Category[] }>('/api/v1/categories')).items,
  staleTime: 60_000,
});

export function useCategories() {
  return useQuery(categoriesQuery);
}

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: ['templates'],
    queryFn: async () => (await api<{ items: Template[] }>('/api/v1/templates')).items,
    staleTime: 60_000,
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------------------
// One case

export const caseQueryKey = (id: string) => ['cases', 'detail', id] as const;
export const timelineQueryKey = (id: string) => ['cases', 'timeline', id] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseQueryKey(id),
    queryFn: ({ signal }) => api<Case>(`${base}/${id}`, { signal }),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: timelineQueryKey(id),
    queryFn: async ({ signal }) =>
      (await api<{ items: TimelineEntry[] }>(`${base}/${id}/timeline`, { signal })).items,
  });
}

export function useAssignees(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'assignees', id],
    queryFn: async () => (await api<{ items: Assignee[] }>(`${base}/${id}/assignees`)).items,
    enabled,
  });
}

export function useApprovers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'approvers', id],
    queryFn: async () => (await api<{ items: Approver[] }>(`${base}/${id}/approvers`)).items,
    enabled,
  });
}

export function useResponsePreview(id: string, templateId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'response-preview', id, templateId],
    queryFn: () =>
      api<ResponsePreview>(`${base}/${id}/response-preview`, {
        query: { templateId: templateId ?? undefined },
      }),
    enabled,
  });
}

function isCase(value: unknown): value is Case {
  return !!value && typeof value === 'object' && 'allowed' in value && 'version' in value && 'id' in value;
}

/** After any change to a case: keep a returned copy, refetch the rest (queue, timeline). */
export function refreshCase(queryClient: QueryClient, id: string, returned?: unknown) {
  if (isCase(returned)) queryClient.setQueryData(caseQueryKey(id), returned);
  void queryClient.invalidateQueries({ queryKey: ['cases'] });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseCreateInput) => api<Case>(base, { method: 'POST', body }),
    onSuccess: (created) => {
      queryClient.setQueryData(caseQueryKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
}

/** A POST or PATCH on one case; every case action has this shape. */
function useCaseAction<I>(id: string, path: string, method: 'POST' | 'PATCH' = 'POST') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: I) => api<unknown>(`${base}/${id}${path}`, { method, body }),
    onSuccess: (returned) => refreshCase(queryClient, id, returned),
  });
}

export const useUpdateCase = (id: string) => useCaseAction<CaseUpdateInput>(id, '', 'PATCH');
export const useTransition = (id: string) => useCaseAction<TransitionInput>(id, '/transitions');
export const useAssign = (id: string) => useCaseAction<AssignInput>(id, '/assign');
export const useAddNote = (id: string) => useCaseAction<{ body: string }>(id, '/notes');
export const useSendMessage = (id: string) => useCaseAction<MessageInput>(id, '/messages');
export const useRecordCustomerMessage = (id: string) =>
  useCaseAction<CustomerMessageInput>(id, '/customer-messages');
export const useCorrectReceivedAt = (id: string) =>
  useCaseAction<ReceivedCorrectionInput>(id, '/received-at');
export const useRecordStep = (id: string) => useCaseAction<{ step: HandlingStep }>(id, '/handling-steps');
export const useProposeResolution = (id: string) => useCaseAction<ProposeInput>(id, '/resolution');
export const useDecideResolution = (id: string) => useCaseAction<DecisionInput>(id, '/resolution/decision');
export const useSendResponse = (id: string) => useCaseAction<SendResponseInput>(id, '/response');
export const useCustomerDecision = (id: string) =>
  useCaseAction<CustomerDecisionInput>(id, '/customer-decision');
