import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Import, ImportMapping, ImportRowError } from '../../../contracts/imports.js';
import { api, type Page } from '../../lib/api.js';

const isBusy = (imp: Import | undefined) => imp?.status === 'queued' || imp?.status === 'running';

export function useImportList() {
  return useInfiniteQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Import>>('/api/v1/imports', { query: { cursor: pageParam, limit: 20 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keeps the statuses and counts of running imports current.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((imp) => isBusy(imp))) ? 2000 : false,
  });
}

/** One import; polled every second while its dry run or run is under way. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => api<Import>(`/api/v1/imports/${id}`, { signal }),
    enabled: !!id,
    refetchInterval: (query) => (isBusy(query.state.data) ? 1000 : false),
  });
}

export function useImportErrors(imp: Import | undefined) {
  return useInfiniteQuery({
    // The report belongs to one dry run or run: a new version (a new start) is a new report.
    queryKey: ['imports', 'errors', imp?.id, imp?.version, imp?.rejected],
    queryFn: ({ pageParam, signal }) =>
      api<Page<ImportRowError>>(`/api/v1/imports/${imp!.id}/errors`, {
        query: { cursor: pageParam, limit: 100 },
        signal,
      }),
    enabled: !!imp && imp.mode !== null && imp.rejected > 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<Import>('/api/v1/imports', { method: 'POST', body });
    },
    onSuccess: (imp) => {
      queryClient.setQueryData(['imports', 'one', imp.id], imp);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useSaveMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mapping, version }: { id: string; mapping: ImportMapping; version: number }) =>
      api<Import>(`/api/v1/imports/${id}/mapping`, { method: 'PUT', body: { mapping, version } }),
    onSuccess: (imp) => queryClient.setQueryData(['imports', 'one', imp.id], imp),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mode, version }: { id: string; mode: 'dry-run' | 'run'; version: number }) =>
      api<Import>(`/api/v1/imports/${id}/${mode}`, { method: 'POST', body: { version } }),
    onSuccess: (imp) => {
      queryClient.setQueryData(['imports', 'one', imp.id], imp);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}
