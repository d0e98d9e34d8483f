import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { setupSchema } from '../../../contracts/setup.js';
import { api } from '../../lib/api.js';
import { storeSession, type Session } from '../../lib/session.js';

export type SetupValues = z.input<typeof setupSchema>;

interface SampleCounts {
  areas: number;
  teams: number;
  staff: number;
  stakeholders: number;
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupValues) =>
      api<Session & { sample: SampleCounts | null }>('/api/v1/setup', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
    onSuccess: ({ sample: _sample, ...session }) => storeSession(queryClient, session),
  });
}
