import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEvent, auditVerificationSchema } from '../../../contracts/audit.js';
import { api, type Page } from '../../lib/api.js';

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
