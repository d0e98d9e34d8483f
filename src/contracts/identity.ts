import { z } from 'zod';
import { emailSchema, idSchema, LIMITS, listQuery, passwordSchema, text, versionSchema } from './common.js';
import { ALL_PERMISSIONS } from './permissions.js';

export const permissionSchema = z.enum(ALL_PERMISSIONS as [string, ...string[]], {
  message: 'is not a known permission',
});

export const roleSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  authorityLimitCents: z.number(),
  allAreas: z.boolean(),
  isSystem: z.boolean(),
  userCount: z.number(),
  version: z.number(),
});
export type Role = z.infer<typeof roleSchema>;

/** Money is integer cents: fractions and negatives are refused. */
export const centsSchema = z
  .number({ message: 'must be a whole number of cents' })
  .int('must be a whole number of cents')
  .min(0, 'cannot be negative')
  .max(1_000_000_000_00, 'is too large');

export const roleCreateSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be 2–40 lower-case letters, digits, dashes or underscores'),
  name: text(),
  description: z.string().trim().max(LIMITS.shortText).default(''),
  permissions: z.array(permissionSchema).max(100),
  authorityLimitCents: centsSchema,
  allAreas: z.boolean().default(false),
});

export const roleUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  description: z.string().trim().max(LIMITS.shortText).optional(),
  permissions: z.array(permissionSchema).max(100).optional(),
  authorityLimitCents: centsSchema.optional(),
  allAreas: z.boolean().optional(),
});

export const userStatusSchema = z.enum(['invited', 'active', 'deactivated']);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  status: userStatusSchema,
  roleId: z.string(),
  roleKey: z.string(),
  roleName: z.string(),
  /** Effective reach: the person's own flag or their role's. */
  allAreas: z.boolean(),
  /** The person's own all-areas flag, whatever their role gives. */
  ownAllAreas: z.boolean(),
  areaIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  lastSignInAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userListQuery = listQuery.extend({
  status: userStatusSchema.optional(),
  areaId: idSchema.optional(),
  teamId: idSchema.optional(),
  roleId: idSchema.optional(),
});

export const inviteSchema = z.strictObject({
  email: emailSchema,
  name: text(),
  jobTitle: z.string().trim().max(LIMITS.name).default(''),
  roleId: idSchema,
  areaIds: z.array(idSchema).max(100).default([]),
  teamIds: z.array(idSchema).max(100).default([]),
  allAreas: z.boolean().default(false),
});

export const userUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  jobTitle: z.string().trim().max(LIMITS.name).optional(),
  roleId: idSchema.optional(),
  areaIds: z.array(idSchema).max(100).optional(),
  teamIds: z.array(idSchema).max(100).optional(),
  allAreas: z.boolean().optional(),
  status: z.enum(['active', 'deactivated']).optional(),
});

export const signInSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roleKey: z.string(),
  roleName: z.string(),
  permissions: z.array(z.string()),
  allAreas: z.boolean(),
  areaIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  authorityLimitCents: z.number(),
});

export const sessionSchema = z.object({
  authenticated: z.boolean(),
  setupNeeded: z.boolean(),
  user: sessionUserSchema.nullable(),
  csrfToken: z.string().nullable(),
  organisation: z
    .object({ name: z.string(), timeZone: z.string(), locale: z.string(), currency: z.string() })
    .nullable(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const acceptInvitationSchema = z.strictObject({
  token: z.string().min(10).max(200),
  password: passwordSchema,
  name: text().optional(),
});

export const tokenInfoSchema = z.object({
  valid: z.boolean(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});

export const resetRequestSchema = z.strictObject({ email: emailSchema });
export const resetCompleteSchema = z.strictObject({
  token: z.string().min(10).max(200),
  password: passwordSchema,
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: passwordSchema,
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenCreateSchema = z.strictObject({
  name: text(100),
  permissions: z.array(permissionSchema).min(1, 'choose at least one permission').max(100),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});

export const apiTokenCreatedSchema = apiTokenSchema.extend({
  /** The secret, shown once. */
  token: z.string(),
});
