import { z } from 'zod';
import { emailSchema, passwordSchema, text } from './common.js';
import { currencySchema, localeSchema, timeZoneSchema } from './organisation.js';

export const setupStatusSchema = z.object({ needed: z.boolean() });

export const setupSchema = z.strictObject({
  organisation: z.strictObject({
    name: text(),
    timeZone: timeZoneSchema.default('Australia/Sydney'),
    locale: localeSchema.default('en-AU'),
    currency: currencySchema.default('AUD'),
  }),
  admin: z.strictObject({
    name: text(),
    email: emailSchema,
    password: passwordSchema,
  }),
  loadSample: z.boolean().default(false),
});
export type SetupInput = z.infer<typeof setupSchema>;
