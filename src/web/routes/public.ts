import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { PublicLayout, WidePublicLayout } from '../components/PublicLayout.js';
import { rootRoute } from './root.js';

/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({
  token: typeof search.token === 'string' ? search.token : undefined,
});

export const setupLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public-wide',
  component: WidePublicLayout,
});

export const setupRoute = createRoute({
  getParentRoute: () => setupLayoutRoute,
  path: '/setup',
  beforeLoad: ({ context }) => {
    if (!context.session.setupNeeded) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('../features/setup/components/SetupPage.js'), 'SetupPage'),
});

export const publicLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  beforeLoad: ({ context }) => {
    if (context.session.setupNeeded) throw redirect({ to: '/setup' });
  },
  component: PublicLayout,
});

export const signInRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: safeRedirect(search.redirect),
  }),
  beforeLoad: ({ context, search }) => {
    if (context.session.authenticated) throw redirect({ to: search.redirect ?? '/' });
  },
  component: lazyRouteComponent(() => import('../features/auth/components/SignInPage.js'), 'SignInPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(
    () => import('../features/auth/components/ForgotPasswordPage.js'),
    'ForgotPasswordPage',
  ),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(
    () => import('../features/auth/components/ResetPasswordPage.js'),
    'ResetPasswordPage',
  ),
});

export const acceptInvitationRoute = createRoute({
  getParentRoute: () => publicLayoutRoute,
  path: '/accept-invitation',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(
    () => import('../features/auth/components/AcceptInvitationPage.js'),
    'AcceptInvitationPage',
  ),
});

// The customer's side: no sign-in, the organisation's branding, every page linking to the charter.
const KINDS = ['complaint', 'compliment', 'suggestion', 'enquiry'] as const;
type Kind = (typeof KINDS)[number];

export const customerLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'customer',
  beforeLoad: ({ context }) => {
    if (context.session.setupNeeded) throw redirect({ to: '/setup' });
  },
  component: lazyRouteComponent(
    () => import('../features/public/components/CustomerLayout.js'),
    'CustomerLayout',
  ),
});

export const charterRoute = createRoute({
  getParentRoute: () => customerLayoutRoute,
  path: '/charter',
  component: lazyRouteComponent(() => import('../features/public/components/CharterPage.js'), 'CharterPage'),
});

export const feedbackRoute = createRoute({
  getParentRoute: () => customerLayoutRoute,
  path: '/feedback',
  validateSearch: (search: Record<string, unknown>): { kind?: Kind } => ({
    kind: KINDS.find((k) => k === search.kind),
  }),
  component: lazyRouteComponent(
    () => import('../features/public/components/FeedbackPage.js'),
    'FeedbackPage',
  ),
});

export const complainRoute = createRoute({
  getParentRoute: () => customerLayoutRoute,
  path: '/complain',
  beforeLoad: () => {
    throw redirect({ to: '/feedback', search: { kind: 'complaint' } });
  },
});

export const feedbackConfirmRoute = createRoute({
  getParentRoute: () => customerLayoutRoute,
  path: '/feedback/confirm',
  validateSearch: (search: Record<string, unknown>): { t?: string } => ({
    t: typeof search.t === 'string' ? search.t : undefined,
  }),
  component: lazyRouteComponent(() => import('../features/public/components/ConfirmPage.js'), 'ConfirmPage'),
});

export const trackRoute = createRoute({
  getParentRoute: () => customerLayoutRoute,
  path: '/track',
  validateSearch: (search: Record<string, unknown>): { t?: string } => ({
    t: typeof search.t === 'string' ? search.t : undefined,
  }),
  component: lazyRouteComponent(() => import('../features/public/components/TrackPage.js'), 'TrackPage'),
});
