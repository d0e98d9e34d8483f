export {
  createIdentityService,
  SESSION_COOKIE,
  CSRF_COOKIE,
  type IdentityService,
} from './identity.service.js';
export { identityRoutes, setSessionCookies } from './identity.routes.js';
