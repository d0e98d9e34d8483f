export { createImportService, IMPORT_QUEUE, type ImportService } from './imports.service.js';
export { importRoutes } from './imports.routes.js';
