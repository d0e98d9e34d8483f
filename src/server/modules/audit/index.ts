export { createAuditService, type AuditService } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
