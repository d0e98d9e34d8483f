export {
  createPublicService,
  DEFAULT_SECTIONS,
  type CasesForPublic,
  type PublicService,
} from './public.service.js';
export { publicRoutes, PUBLIC_RATE_LIMITS } from './public.routes.js';
