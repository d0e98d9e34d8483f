import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEvent, auditVerificationSchema } from '../../../contracts/audit.js';
import type { CaseSummary, personalAccessSchema } from '../../../contracts/cases.js';
import { api, type Page } from '../../lib/api.js';
import { normaliseReference } from '../../../contracts/cases.js';

export type Verification = z.infer<typeof auditVerificationSchema>;

export interface AuditFilters {
  entityType?: string;
  action?: string;
  actorId?: string;
  /** ISO date-times with offset. */
  from?: string;
  to?: string;
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEvent>>('/api/v1/audit/events', {
        query: { ...filters, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useVerifyChain() {
  return useMutation({
    mutationFn: () => api<Verification>('/api/v1/audit/verify', { method: 'POST' }),
  });
}

export type PersonalAccess = z.infer<typeof personalAccessSchema>;

export interface PersonalAccessFilters {
  caseId?: string;
  userId?: string;
}

/** Who viewed customers' personal details, newest first. */
export function usePersonalAccess(filters: PersonalAccessFilters) {
  return useInfiniteQuery({
    queryKey: ['personal-access', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<PersonalAccess>>('/api/v1/personal-access', {
        query: { ...filters, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * Finds the case with exactly this reference among the cases the viewer can see. It searches the case list
 * rather than opening the case (`/cases/by-reference`), because opening a case shows its customer's details
 * and so would write the administrator into the very log they are reading.
 */
export function useFindCaseByReference() {
  return useMutation({
    mutationFn: async (input: string): Promise<CaseSummary | null> => {
      const reference = normaliseReference(input);
      const page = await api<Page<CaseSummary>>('/api/v1/cases', { query: { q: reference, limit: 50 } });
      return page.items.find((c) => c.reference === reference) ?? null;
    },
  });
}
