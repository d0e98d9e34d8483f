import { z } from 'zod';
import { idSchema } from './common.js';

/** Limits on files added to a case, by staff or by the customer. */
export const ATTACHMENT_LIMITS = {
  /** Largest single file. */
  fileBytes: 10 * 1024 * 1024,
  /** Most files one case may hold. */
  perCase: 20,
  /** Most files in one upload. */
  perUpload: 10,
  /** Longest stored display name (characters). */
  nameLength: 120,
} as const;

/**
 * The types Verity accepts, as detected from a file's content (never from its name or the browser's
 * Content-Type), with what people call them.
 */
export const ATTACHMENT_TYPES = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/heic': 'HEIC image',
  'image/tiff': 'TIFF image',
  'image/bmp': 'Bitmap image',
  'image/svg+xml': 'SVG image',
  'application/pdf': 'PDF document',
  'text/plain': 'Text',
  'text/csv': 'CSV spreadsheet',
  'text/html': 'HTML page',
  'application/xml': 'XML document',
  'message/rfc822': 'Email message',
  'application/rtf': 'Rich text document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'application/x-cfb': 'Office document (older format)',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/**
 * Types a browser may show in the page (inline). Everything else — SVG, HTML, XML, text that might be a
 * script, Office files — is only ever served as a download.
 */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

export const attachmentSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** Who added it: a member of staff, or the customer (through the tracking page or email). */
  addedBy: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('staff'), id: idSchema, name: z.string() }),
    z.object({ kind: z.literal('customer') }),
  ]),
  createdAt: z.string(),
  /** Where to fetch it (the request is checked again: the URL alone grants nothing). */
  downloadUrl: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  items: z.array(attachmentSchema),
  limits: z.object({ fileBytes: z.number(), perCase: z.number(), perUpload: z.number() }),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

export const attachmentIdParams = z.strictObject({ attachmentId: idSchema });
