import { queryOptions, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../contracts/identity.js';
import type { Permission } from '../../contracts/permissions.js';
import { api } from './api.js';

export type Session = SessionInfo;
export type SessionUser = NonNullable<SessionInfo['user']>;

export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: () => api<Session>('/api/v1/auth/session', { redirectOnUnauthenticated: false }),
  staleTime: 5 * 60_000,
});

/** The session is loaded by the root route before anything renders, so this never suspends in practice. */
export function useSession(): Session {
  return useSuspenseQuery(sessionQuery).data;
}

/** For pages behind sign-in: the signed-in user and a permission check. */
export function useCurrentUser() {
  const session = useSession();
  const user = session.user;
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  const can = (permission: Permission) => user.permissions.includes(permission);
  return { user, organisation: session.organisation, can };
}

export function hasPermission(session: Session, permission: Permission): boolean {
  return !!session.user?.permissions.includes(permission);
}

/** After sign-in, setup or accepting an invitation the server answers with the new session. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  // Data cached for a previous user must not leak into the next one.
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  queryClient.setQueryData(sessionQuery.queryKey, session);
}

/** Forget everything about the signed-in user; the session query is refetched on next use. */
export function forgetSession(queryClient: QueryClient): void {
  const previous = queryClient.getQueryData(sessionQuery.queryKey);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  queryClient.setQueryData(sessionQuery.queryKey, {
    authenticated: false,
    setupNeeded: previous?.setupNeeded ?? false,
    user: null,
    csrfToken: null,
    organisation: previous?.organisation ?? null,
  });
}
