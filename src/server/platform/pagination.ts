import { z } from 'zod';
import { validationError } from './errors.js';

/** Keyset cursors are opaque to clients: base64url of the sort key of the last row sent. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort key of lists ordered by lower(name), id. */
export const nameIdCursor = z.tuple([z.string(), z.uuid()]);
/** The sort key of lists ordered by a bigserial. */
export const seqCursor = z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/**
 * Reads a cursor back into its sort key. The key's shape is checked, because a client can send any
 * bytes: a forged cursor is a 400, never a database error.
 */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, key: S): z.infer<S> | null {
  if (!cursor) return null;
  try {
    const parsed = key.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the error below
  }
  throw validationError([{ path: 'querystring.cursor', message: 'is not a cursor this list gave out' }]);
}

/** Fetch limit + 1 rows; this trims the extra one and makes the next cursor from the last kept row. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
