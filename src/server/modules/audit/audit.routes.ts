import { pageOf } from '../../../contracts/common.js';
import { auditEventSchema, auditListQuery, auditVerificationSchema } from '../../../contracts/audit.js';
import type { ZodApp } from '../../platform/http.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(app: ZodApp, service: AuditService): void {
  const tags = ['Audit trail'];
  app.get('/api/v1/audit/events', {
    config: { access: 'audit:read' },
    schema: {
      tags,
      summary: 'Audit events, newest first',
      querystring: auditListQuery,
      response: { 200: pageOf(auditEventSchema) },
    },
    handler: (req) => service.list(req.ctx, req.query),
  });
  app.post('/api/v1/audit/verify', {
    config: { access: 'audit:read' },
    schema: {
      tags,
      summary: 'Check the hash chain; reports the first broken link',
      response: { 200: auditVerificationSchema },
    },
    handler: (req) => service.verify(req.ctx),
  });
}
