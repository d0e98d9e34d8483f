import { z } from 'zod';
import { idSchema, LIMITS } from './common.js';

/** What a column of an import file may fill on the imported case. */
export const IMPORT_TARGETS = {
  ignore: 'Ignore this column',
  externalId: 'External id (required: makes re-running safe)',
  receivedAt: 'Date received (required)',
  kind: 'Kind (complaint, compliment, suggestion, enquiry)',
  areaName: 'Business area (by name)',
  category: 'Category (e.g. product)',
  subcategory: 'Subcategory (e.g. issue)',
  channel: 'Channel',
  subject: 'Subject',
  description: 'Description (e.g. narrative)',
  desiredOutcome: 'Outcome the customer wanted',
  concernsProduct: 'Product or service concerned',
  customerName: 'Customer name',
  customerEmail: 'Customer email',
  customerPhone: 'Customer phone',
  customerType: 'Customer type',
  customerOrganisation: 'Customer organisation',
  acknowledgedAt: 'Date acknowledged (e.g. sent to company)',
  closedAt: 'Date closed',
  outcome: 'Outcome or company response',
  timely: 'Timely response? (yes / no)',
  disputed: 'Customer disputed? (yes / no)',
  note: 'Add to the description as “Column: value”',
} as const;
export type ImportTarget = keyof typeof IMPORT_TARGETS;
const targetKeys = Object.keys(IMPORT_TARGETS) as [ImportTarget, ...ImportTarget[]];
export const importTargetSchema = z.enum(targetKeys, { message: `must be one of: ${targetKeys.join(', ')}` });

/** Targets a mapping may use more than once. */
export const REPEATABLE_TARGETS: readonly ImportTarget[] = ['ignore', 'note'];

export const IMPORT_DATE_ORDERS = {
  dmy: 'Day first (31/12/2024)',
  mdy: 'Month first (12/31/2024)',
} as const;
export const importDateOrderSchema = z.enum(['dmy', 'mdy'], { message: 'must be one of: dmy, mdy' });

export const IMPORT_LIMITS = {
  fileBytes: 512 * 1024 * 1024,
  columns: 200,
  previewRows: 10,
  /** Rows written per transaction. */
  batchRows: 500,
  /** Error rows kept per run; the counts stay exact beyond it. */
  storedErrors: 50_000,
  descriptionChars: 50_000,
} as const;

/** How the columns of a file become cases. `columns[i]` is the target of the file's i-th column. */
export const importMappingSchema = z.strictObject({
  columns: z.array(importTargetSchema).max(IMPORT_LIMITS.columns),
  /** The business area of every row, unless a column is mapped to areaName. */
  areaId: idSchema.nullable(),
  dateOrder: importDateOrderSchema,
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const IMPORT_STATUSES = {
  uploaded: 'Uploaded: check the mapping',
  queued: 'Waiting to start',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
} as const;
export type ImportStatus = keyof typeof IMPORT_STATUSES;

export const IMPORT_MODES = { dry_run: 'Dry run', run: 'Import' } as const;
export type ImportMode = keyof typeof IMPORT_MODES;

export const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sizeBytes: z.number(),
  headers: z.array(z.string()),
  /** The first rows of the file, as text, for the preview. */
  sampleRows: z.array(z.array(z.string())),
  mapping: importMappingSchema,
  status: z.enum(['uploaded', 'queued', 'running', 'done', 'failed']),
  /** The job that ran or runs last: a dry run writes nothing. */
  mode: z.enum(['dry_run', 'run']).nullable(),
  rowsRead: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  /** Share of the file read so far, 0–1. */
  progress: z.number(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  version: z.number(),
});
export type Import = z.infer<typeof importSchema>;

export const importErrorSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importErrorSchema>;

export const importListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});

export const importErrorsQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(100),
});

export const importMappingUpdateSchema = z.strictObject({
  mapping: importMappingSchema,
  version: z.number().int().min(1),
});

export const importStartSchema = z.strictObject({ version: z.number().int().min(1) });
