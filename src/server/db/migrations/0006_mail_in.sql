-- Email in: every received message once, keyed by its Message-ID (or, when it has none, a hash of sender,
-- date, subject and body). A second delivery of the same message (an SMTP retry, the same IMAP message seen
-- by another instance) finds its row and changes nothing. A row is claimed ('processing') before the work
-- and marked 'done' after it; a claim left by a crashed process may be taken again after a few minutes.
CREATE TABLE inbound_messages (
  message_key text PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'done')),
  -- 'created' a new case, or 'threaded' into the case its reply token names.
  outcome text CHECK (outcome IN ('created', 'threaded')),
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
  -- Why a reply address's token was not accepted ('invalid' or 'expired'); null when there was none or it was valid.
  token_problem text,
  -- The HTML part after sanitising (no scripts, event handlers, styles or remote images); null for plain text.
  html text,
  claimed_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX inbound_messages_case_idx ON inbound_messages (case_id);
