export { createCaseService, type CaseService } from './cases.service.js';
export { createCaseCatalogue, type CaseCatalogue } from './catalogue.service.js';
export { caseRoutes } from './cases.routes.js';
export { newCaseReference } from './reference.js';
