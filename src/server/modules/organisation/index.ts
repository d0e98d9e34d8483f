export { createOrganisationService, areaScope, type OrganisationService } from './organisation.service.js';
export { organisationRoutes } from './organisation.routes.js';
