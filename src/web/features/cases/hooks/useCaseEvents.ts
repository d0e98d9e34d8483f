import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { TIMELINE_TYPES } from '../../../../contracts/cases.js';
import { caseQueryKey, timelineQueryKey } from '../api.js';

/** What the server sends on a case's event stream. */
export interface CaseChange {
  caseId: string;
  version: number;
  type: string;
  actorId: string | null;
  at: string;
}

export function parseCaseChange(data: string): CaseChange | null {
  try {
    const value = JSON.parse(data) as Partial<CaseChange>;
    if (typeof value.caseId !== 'string') return null;
    return {
      caseId: value.caseId,
      version: typeof value.version === 'number' ? value.version : 0,
      type: typeof value.type === 'string' ? value.type : 'details',
      actorId: typeof value.actorId === 'string' ? value.actorId : null,
      at: typeof value.at === 'string' ? value.at : new Date().toISOString(),
    };
  } catch {
    return null;
  }
}

/**
 * Live updates of one case (Server-Sent Events). A change by someone else refetches the case and says so;
 * the person's own changes are already refreshed by their mutation.
 */
export function useCaseEvents(caseId: string, myUserId: string) {
  const queryClient = useQueryClient();
  const me = useRef(myUserId);
  useEffect(() => {
    me.current = myUserId;
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/cases/${caseId}/events`, { withCredentials: true });
    // The server names its events "change"; plain messages are accepted too.
    const onChange = (message: MessageEvent<string>) => {
      const change = parseCaseChange(message.data);
      if (!change || change.caseId !== caseId) return;
      void queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: timelineQueryKey(caseId) });
      if (change.actorId !== me.current) {
        const what = (TIMELINE_TYPES as Record<string, string>)[change.type];
        notifications.show({
          id: `case-updated-${caseId}-${change.version}`,
          color: 'blue',
          title: 'Updated by someone else',
          message: what
            ? `${what}. The page shows the latest version.`
            : 'The page shows the latest version.',
        });
      }
    };
    source.addEventListener('change', onChange);
    source.onmessage = onChange;
    return () => source.close();
  }, [caseId, queryClient]);
}

/** Live updates of the queue: any visible case changed → refetch the list (at most once a second). */
export function useQueueEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/cases/stream', { withCredentials: true });
    let timer: number | undefined;
    const onChange = () => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
        void queryClient.invalidateQueries({ queryKey: ['saved-views'] });
      }, 1000);
    };
    source.addEventListener('change', onChange);
    source.onmessage = onChange;
    return () => {
      source.close();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [queryClient]);
}
