-- Import of history: an uploaded CSV or XLSX file, its column mapping, the progress of its dry run or run,
-- and the per-row error report.

CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- The file's name under <data dir>/imports (never the uploaded name).
  stored_name text NOT NULL,
  size_bytes bigint NOT NULL,
  headers jsonb NOT NULL,
  sample_rows jsonb NOT NULL,
  mapping jsonb NOT NULL,
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  mode text CHECK (mode IN ('dry_run', 'run')),
  -- Data rows taken care of by committed batches: a resumed job skips this many.
  rows_read integer NOT NULL DEFAULT 0,
  bytes_read bigint NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  error text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL
);
CREATE INDEX imports_created_idx ON imports (created_at DESC, id DESC);

-- The rows a dry run or run rejected, and why. Replaced when the next dry run or run is asked for.
CREATE TABLE import_errors (
  id bigserial PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES imports(id),
  row_number integer NOT NULL,
  column_name text,
  reason text NOT NULL
);
CREATE INDEX import_errors_import_idx ON import_errors (import_id, row_number, id);

-- Roles made before this migration: importing history goes to the roles that configure case handling.
UPDATE roles SET permissions = array_append(permissions, 'cases:import')
WHERE key IN ('manager', 'administrator') AND NOT ('cases:import' = ANY (permissions));
