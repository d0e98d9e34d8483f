import { z } from 'zod';
import { idSchema, LIMITS, listQuery, queryBool, text, versionSchema } from './common.js';

/** The groups of the brief's stakeholder register. */
export const STAKEHOLDER_KINDS = {
  customer_service_staff: 'Customer service staff',
  supervisor_manager: 'Supervisors and managers',
  senior_management: 'Senior management',
  customers: 'Customers',
  committee: 'Committee',
  line_management: 'Line management',
  external_organisation: 'External organisation',
  delivery_drivers: 'Delivery drivers',
  warehouse_staff: 'Warehouse staff',
  marketing: 'Marketing',
  postal_services: 'Postal services',
  suppliers: 'Suppliers',
  other_secondary: 'Other secondary stakeholder',
} as const;
export type StakeholderKind = keyof typeof STAKEHOLDER_KINDS;
export const stakeholderKindSchema = z.enum(
  Object.keys(STAKEHOLDER_KINDS) as [StakeholderKind, ...StakeholderKind[]],
  {
    message: `must be one of: ${Object.keys(STAKEHOLDER_KINDS).join(', ')}`,
  },
);

export const stakeholderSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: stakeholderKindSchema,
  organisationName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string(),
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Stakeholder = z.infer<typeof stakeholderSchema>;

const optionalEmail = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email({ message: 'must be an email address' }))
  .nullable();
const optionalPhone = z
  .string()
  .trim()
  .regex(/^[+()0-9 .-]{3,40}$/, 'must be a phone number (digits, spaces, + ( ) - .)')
  .nullable();

export const stakeholderCreateSchema = z.strictObject({
  name: text(),
  kind: stakeholderKindSchema,
  organisationName: z.string().trim().max(LIMITS.name).default(''),
  email: optionalEmail.default(null),
  phone: optionalPhone.default(null),
  notes: z.string().trim().max(LIMITS.longText).default(''),
  areaId: idSchema.nullable().default(null),
});

export const stakeholderUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  kind: stakeholderKindSchema.optional(),
  organisationName: z.string().trim().max(LIMITS.name).optional(),
  email: optionalEmail.optional(),
  phone: optionalPhone.optional(),
  notes: z.string().trim().max(LIMITS.longText).optional(),
  areaId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
});

export const stakeholderListQuery = listQuery.extend({
  kind: stakeholderKindSchema.optional(),
  areaId: idSchema.optional(),
  active: queryBool.optional(),
});
