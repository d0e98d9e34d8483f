import type { AsyncRouteComponent, RouteComponent } from '@tanstack/react-router';
import type { Permission } from '../../contracts/permissions.js';
import { Forbidden } from '../components/RouteError.js';
import { useCurrentUser } from '../lib/session.js';

/**
 * A page that needs a permission. Without it the person sees why, and the page's code is never loaded.
 * The server enforces every permission again; this only spares a pointless trip.
 */
export function requiring(
  permission: Permission,
  Page: AsyncRouteComponent<unknown>,
  options: { allAreas?: boolean } = {},
): RouteComponent {
  function Guarded() {
    const { can, user } = useCurrentUser();
    if (!can(permission)) return <Forbidden permission={permission} />;
    if (options.allAreas && !user.allAreas) return <Forbidden allAreas />;
    return <Page />;
  }
  Guarded.preload = Page.preload;
  return Guarded;
}
