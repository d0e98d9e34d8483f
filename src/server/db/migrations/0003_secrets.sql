-- Installation secrets (e.g. the key that signs tracking links and reply addresses) when they are not
-- given in the environment. Readable by the application only; never returned by any route.
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
