import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PageLoader } from '../components/AppLayout.js';
import { RouteError } from '../components/RouteError.js';
import {
  accountRoute,
  appLayoutRoute,
  areasRoute,
  assignmentRulesRoute,
  auditRoute,
  calendarsRoute,
  caseCategoriesRoute,
  caseRoute,
  casesRoute,
  caseTemplatesRoute,
  deadlinePoliciesRoute,
  importCasesRoute,
  newCaseRoute,
  overviewRoute,
  peopleRoute,
  personalAccessRoute,
  publicPagesSettingsRoute,
  rolesRoute,
  settingsRoute,
  stakeholdersRoute,
  teamsRoute,
} from './app.js';
import {
  acceptInvitationRoute,
  charterRoute,
  complainRoute,
  customerLayoutRoute,
  feedbackConfirmRoute,
  feedbackRoute,
  forgotPasswordRoute,
  publicLayoutRoute,
  resetPasswordRoute,
  setupLayoutRoute,
  setupRoute,
  signInRoute,
  trackRoute,
} from './public.js';
import { rootRoute } from './root.js';

export const routeTree = rootRoute.addChildren([
  setupLayoutRoute.addChildren([setupRoute]),
  publicLayoutRoute.addChildren([
    signInRoute,
    forgotPasswordRoute,
    resetPasswordRoute,
    acceptInvitationRoute,
  ]),
  customerLayoutRoute.addChildren([
    charterRoute,
    feedbackRoute,
    complainRoute,
    feedbackConfirmRoute,
    trackRoute,
  ]),
  appLayoutRoute.addChildren([
    overviewRoute,
    casesRoute,
    newCaseRoute,
    importCasesRoute,
    caseRoute,
    areasRoute,
    teamsRoute,
    peopleRoute,
    rolesRoute,
    stakeholdersRoute,
    settingsRoute,
    publicPagesSettingsRoute,
    auditRoute,
    personalAccessRoute,
    caseCategoriesRoute,
    caseTemplatesRoute,
    assignmentRulesRoute,
    calendarsRoute,
    deadlinePoliciesRoute,
    accountRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: PageLoader,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
