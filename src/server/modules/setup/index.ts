export { createSetupService, type SetupService } from './setup.service.js';
export { setupRoutes } from './setup.routes.js';
