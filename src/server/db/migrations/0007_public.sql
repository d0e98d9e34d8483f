-- The public pages: the service charter (editable by administrators), the organisation's branding on the
-- customer's side, the "verify your email first" switch, and the record of public form submissions that
-- makes a double submit create one case and holds a submission until its email address is confirmed.
CREATE TABLE public_settings (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  brand_name text NOT NULL DEFAULT '',
  primary_colour text NOT NULL DEFAULT '#1c5fa8',
  logo_type text,
  logo_data text,
  logo_url text NOT NULL DEFAULT '',
  intro text NOT NULL DEFAULT '',
  how_to text NOT NULL DEFAULT '',
  what_happens_next text NOT NULL DEFAULT '',
  privacy text NOT NULL DEFAULT '',
  escalation text NOT NULL DEFAULT '',
  external_body_name text NOT NULL DEFAULT '',
  external_body_url text NOT NULL DEFAULT '',
  contact text NOT NULL DEFAULT '',
  verify_email_first boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per idempotency key the form generated. status: 'creating' (intake running), 'created' (case_id
-- set), 'pending' (waiting for the email address to be confirmed; payload holds the submission).
CREATE TABLE public_submissions (
  idempotency_key text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('creating', 'created', 'pending')),
  email_digest text NOT NULL,
  payload jsonb,
  case_id uuid REFERENCES cases(id),
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX public_submissions_pending_idx ON public_submissions (created_at) WHERE status = 'pending';
