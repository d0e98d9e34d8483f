import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { NotFound, RouteError } from '../components/RouteError.js';
import { sessionQuery } from '../lib/session.js';

export interface RouterContext {
  queryClient: QueryClient;
}

/** Every navigation starts by knowing who is signed in and whether Verity is set up. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  beforeLoad: async ({ context }) => ({ session: await context.queryClient.ensureQueryData(sessionQuery) }),
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});
