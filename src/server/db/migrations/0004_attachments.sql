-- Files added to a case by staff or by the customer. The content lives in the attachment store
-- (local disk under the data directory by default); a row names it by the store's opaque key.
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Upload order (files of one upload share created_at).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  case_id uuid NOT NULL REFERENCES cases(id),
  storage_key text NOT NULL UNIQUE,
  name text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  added_by_kind text NOT NULL CHECK (added_by_kind IN ('staff', 'customer')),
  added_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  CHECK ((added_by_kind = 'staff') = (added_by IS NOT NULL))
);
CREATE INDEX attachments_case_idx ON attachments (case_id, seq);
