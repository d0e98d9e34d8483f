export { createStakeholderService, type StakeholderService } from './stakeholders.service.js';
export { stakeholderRoutes } from './stakeholders.routes.js';
