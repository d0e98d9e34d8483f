import { z } from 'zod';
import { idSchema, LIMITS, listQuery, queryBool, text, versionSchema } from './common.js';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .refine(isTimeZone, 'is not a known time zone (e.g. Australia/Sydney)');
export const localeSchema = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .refine(isLocale, 'is not a known locale (e.g. en-AU)');
export const currencySchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code (e.g. AUD)');

export const organisationSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  currency: z.string(),
  sampleLoaded: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  timeZone: timeZoneSchema.optional(),
  locale: localeSchema.optional(),
  currency: currencySchema.optional(),
});

export const areaCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,12}$/, 'must be 2–12 letters, digits or dashes')
  .transform((v) => v.toUpperCase());

export const areaSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  description: z.string(),
  active: z.boolean(),
  teamCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Area = z.infer<typeof areaSchema>;

export const areaCreateSchema = z.strictObject({
  name: text(),
  code: areaCodeSchema,
  description: z.string().trim().max(LIMITS.shortText).default(''),
});

export const areaUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  code: areaCodeSchema.optional(),
  description: z.string().trim().max(LIMITS.shortText).optional(),
  active: z.boolean().optional(),
});

export const areaListQuery = listQuery.extend({ active: queryBool.optional() });

export const teamSchema = z.object({
  id: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  memberCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof teamSchema>;

export const teamCreateSchema = z.strictObject({
  areaId: idSchema,
  name: text(),
  description: z.string().trim().max(LIMITS.shortText).default(''),
});

export const teamUpdateSchema = z.strictObject({
  version: versionSchema,
  name: text().optional(),
  description: z.string().trim().max(LIMITS.shortText).optional(),
  active: z.boolean().optional(),
});

export const teamListQuery = listQuery.extend({ areaId: idSchema.optional(), active: queryBool.optional() });
