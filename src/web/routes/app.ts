import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { AppLayout } from '../components/AppLayout.js';
import { parseQueueSearch, type QueueSearch } from '../features/cases/queue-filters.js';
import { requiring } from './guard.js';
import { rootRoute } from './root.js';

/** Pages behind sign-in. The server enforces every permission; this only spares a pointless trip. */
export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ context, location }) => {
    if (context.session.setupNeeded) throw redirect({ to: '/setup' });
    if (!context.session.authenticated) {
      throw redirect({
        to: '/sign-in',
        search: { redirect: location.href === '/' ? undefined : location.href },
      });
    }
  },
  component: AppLayout,
});

export const overviewRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/',
  component: lazyRouteComponent(
    () => import('../features/overview/components/OverviewPage.js'),
    'OverviewPage',
  ),
});

export const casesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/cases',
  validateSearch: (search: Record<string, unknown>): QueueSearch => parseQueueSearch(search),
  component: requiring(
    'cases:read',
    lazyRouteComponent(() => import('../features/cases/components/CasesQueuePage.js'), 'CasesQueuePage'),
  ),
});

export const newCaseRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/cases/new',
  component: requiring(
    'cases:create',
    lazyRouteComponent(() => import('../features/cases/components/NewCasePage.js'), 'NewCasePage'),
  ),
});

export const importCasesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/cases/import',
  validateSearch: (search: Record<string, unknown>): { id?: string } => ({
    id: typeof search.id === 'string' ? search.id : undefined,
  }),
  component: requiring(
    'cases:import',
    lazyRouteComponent(() => import('../features/imports/components/ImportPage.js'), 'ImportPage'),
  ),
});

export const caseRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/cases/$id',
  component: requiring(
    'cases:read',
    lazyRouteComponent(() => import('./case-page.js'), 'CaseRoutePage'),
  ),
});

export const areasRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/areas',
  component: requiring(
    'org:read',
    lazyRouteComponent(() => import('../features/organisation/components/AreasPage.js'), 'AreasPage'),
  ),
});

export const teamsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/teams',
  validateSearch: (search: Record<string, unknown>): { areaId?: string } => ({
    areaId: typeof search.areaId === 'string' ? search.areaId : undefined,
  }),
  component: requiring(
    'org:read',
    lazyRouteComponent(() => import('../features/organisation/components/TeamsPage.js'), 'TeamsPage'),
  ),
});

export const peopleRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/people',
  component: requiring(
    'org:read',
    lazyRouteComponent(() => import('../features/people/components/PeoplePage.js'), 'PeoplePage'),
  ),
});

export const rolesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/roles',
  component: requiring(
    'roles:manage',
    lazyRouteComponent(() => import('../features/people/components/RolesPage.js'), 'RolesPage'),
  ),
});

export const stakeholdersRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/stakeholders',
  component: requiring(
    'stakeholders:read',
    lazyRouteComponent(
      () => import('../features/stakeholders/components/StakeholdersPage.js'),
      'StakeholdersPage',
    ),
  ),
});

export const settingsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/settings',
  component: requiring(
    'settings:manage',
    lazyRouteComponent(() => import('../features/organisation/components/SettingsPage.js'), 'SettingsPage'),
  ),
});

export const publicPagesSettingsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/public-pages',
  component: requiring(
    'settings:manage',
    lazyRouteComponent(
      () => import('../features/public/components/PublicPagesSettingsPage.js'),
      'PublicPagesSettingsPage',
    ),
  ),
});

export const auditRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/audit',
  component: requiring(
    'audit:read',
    lazyRouteComponent(() => import('../features/audit/components/AuditPage.js'), 'AuditPage'),
    // The server shows the trail only to people who reach every business area.
    { allAreas: true },
  ),
});

export const personalAccessRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/audit/personal-access',
  validateSearch: (search: Record<string, unknown>): { caseId?: string; userId?: string } => ({
    caseId: typeof search.caseId === 'string' ? search.caseId : undefined,
    userId: typeof search.userId === 'string' ? search.userId : undefined,
  }),
  component: requiring(
    'audit:read',
    lazyRouteComponent(
      () => import('../features/audit/components/PersonalAccessPage.js'),
      'PersonalAccessPage',
    ),
    { allAreas: true },
  ),
});

export const accountRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/components/AccountPage.js'), 'AccountPage'),
});

// Case settings (cases:configure): categories, response templates, assignment rules, calendars, deadlines.

export const caseCategoriesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/case-settings/categories',
  component: requiring(
    'cases:configure',
    lazyRouteComponent(
      () => import('../features/case-settings/components/CategoriesPage.js'),
      'CategoriesPage',
    ),
  ),
});

export const caseTemplatesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/case-settings/templates',
  component: requiring(
    'cases:configure',
    lazyRouteComponent(
      () => import('../features/case-settings/components/TemplatesPage.js'),
      'TemplatesPage',
    ),
  ),
});

export const assignmentRulesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/case-settings/assignment-rules',
  component: requiring(
    'cases:configure',
    lazyRouteComponent(
      () => import('../features/case-settings/components/AssignmentRulesPage.js'),
      'AssignmentRulesPage',
    ),
  ),
});

export const calendarsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/case-settings/calendars',
  component: requiring(
    'cases:configure',
    lazyRouteComponent(
      () => import('../features/case-settings/components/CalendarsPage.js'),
      'CalendarsPage',
    ),
  ),
});

export const deadlinePoliciesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/case-settings/deadlines',
  component: requiring(
    'cases:configure',
    lazyRouteComponent(
      () => import('../features/case-settings/components/DeadlinePoliciesPage.js'),
      'DeadlinePoliciesPage',
    ),
  ),
});
