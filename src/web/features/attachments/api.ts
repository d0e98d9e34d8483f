import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment, AttachmentList } from '../../../contracts/attachments.js';
import { api } from '../../lib/api.js';

/**
 * Under the case's own key (['cases', 'detail', id]), so whatever refreshes the case — a change by someone
 * else arriving over Server-Sent Events, or one's own action — refreshes its files too.
 */
export const attachmentsQueryKey = (caseId: string) => ['cases', 'detail', caseId, 'attachments'] as const;

export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: attachmentsQueryKey(caseId),
    queryFn: ({ signal }) => api<AttachmentList>(`/api/v1/cases/${caseId}/attachments`, { signal }),
  });
}

export function useUploadAttachments(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      return api<{ items: Attachment[] }>(`/api/v1/cases/${caseId}/attachments`, {
        method: 'POST',
        body: form,
      });
    },
    // The upload added a timeline entry too: refresh the case, its timeline and its files.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'timeline', caseId] }),
      ]),
  });
}
