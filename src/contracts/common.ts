import { z } from 'zod';

export const LIMITS = {
  name: 200,
  shortText: 500,
  longText: 10_000,
  email: 254,
  pageSize: 200,
  bodyBytes: 1_048_576,
} as const;

export const idSchema = z.uuid({ message: 'must be a valid id' });
export const idParams = z.strictObject({ id: idSchema });

/** Trimmed single-line text. */
export const text = (max: number = LIMITS.name, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

export const emailSchema = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((v) => v.toLowerCase());

export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

export const versionSchema = z.number().int().min(1);

export const listQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const okSchema = z.object({ ok: z.literal(true) });

/** Booleans arriving in a query string. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
