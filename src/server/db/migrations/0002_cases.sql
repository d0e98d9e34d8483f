-- Complaint handling: cases, their timeline, resolutions and approvals, business calendars, deadline policies
-- and clocks, assignment rules, saved queue views, response templates, and the personal-details access log.

CREATE TABLE case_categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES case_categories(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX case_categories_name_key
  ON case_categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

CREATE TABLE business_calendars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  time_zone text NOT NULL,
  weekly jsonb NOT NULL,
  holidays jsonb NOT NULL DEFAULT '[]',
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX business_calendars_name_key ON business_calendars (lower(name));
CREATE UNIQUE INDEX business_calendars_one_default ON business_calendars (is_default) WHERE is_default;

ALTER TABLE business_areas ADD COLUMN calendar_id uuid REFERENCES business_calendars(id);

CREATE TABLE deadline_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_id uuid REFERENCES business_areas(id),
  priority text NOT NULL,
  category_id uuid REFERENCES case_categories(id),
  ack_kind text NOT NULL CHECK (ack_kind IN ('businessTime', 'calendarDays')),
  ack_value integer NOT NULL CHECK (ack_value > 0),
  response_kind text NOT NULL CHECK (response_kind IN ('businessTime', 'calendarDays')),
  response_value integer NOT NULL CHECK (response_value > 0),
  resolution_kind text NOT NULL CHECK (resolution_kind IN ('businessTime', 'calendarDays')),
  resolution_value integer NOT NULL CHECK (resolution_value > 0),
  warning_percent integer NOT NULL DEFAULT 75 CHECK (warning_percent BETWEEN 1 AND 99),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX deadline_policies_scope_key ON deadline_policies (
  coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid),
  priority,
  coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid)
) WHERE active;

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL,
  kind text NOT NULL,
  need_type text,
  area_id uuid NOT NULL REFERENCES business_areas(id),
  team_id uuid REFERENCES teams(id),
  channel text NOT NULL,
  status text NOT NULL DEFAULT 'received',
  priority text NOT NULL DEFAULT 'medium',
  severity text NOT NULL DEFAULT 'moderate',
  category_id uuid REFERENCES case_categories(id),
  subject text NOT NULL,
  description text NOT NULL,
  desired_outcome text NOT NULL DEFAULT '',
  customer_type text NOT NULL DEFAULT 'individual',
  customer_name text NOT NULL DEFAULT '',
  customer_organisation text NOT NULL DEFAULT '',
  customer_email text,
  customer_phone text,
  preferred_contact text NOT NULL DEFAULT 'email',
  help_needed text NOT NULL DEFAULT '',
  concerns_user_id uuid REFERENCES users(id),
  concerns_product text NOT NULL DEFAULT '',
  assignee_id uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  external_id text,
  received_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  first_response_at timestamptz,
  responded_at timestamptz,
  closed_at timestamptz,
  outcome text,
  outcome_reason text NOT NULL DEFAULT '',
  root_cause text,
  resolved_first_contact boolean NOT NULL DEFAULT false,
  customer_accepted boolean,
  reopen_count integer NOT NULL DEFAULT 0,
  dispute_count integer NOT NULL DEFAULT 0,
  external_body text,
  external_reference text NOT NULL DEFAULT '',
  escalated boolean NOT NULL DEFAULT false,
  -- The earliest open deadline ('infinity' when none), kept by the deadline clocks for the queue's sort.
  sort_due timestamptz NOT NULL DEFAULT 'infinity',
  deadline_state text NOT NULL DEFAULT 'none',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_reference_key ON cases (reference);
CREATE UNIQUE INDEX cases_external_id_key ON cases (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX cases_queue_idx ON cases (area_id, status, sort_due, id);
CREATE INDEX cases_assignee_idx ON cases (assignee_id, status, sort_due, id);
CREATE INDEX cases_due_idx ON cases (sort_due, id);
CREATE INDEX cases_received_idx ON cases (area_id, received_at);
CREATE INDEX cases_updated_idx ON cases (updated_at, id);
CREATE INDEX cases_category_idx ON cases (category_id, received_at);

-- The case timeline: append-only like the audit trail.
CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users(id),
  body text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE case_handling_steps (
  case_id uuid NOT NULL REFERENCES cases(id),
  step text NOT NULL,
  done_at timestamptz NOT NULL,
  done_by uuid REFERENCES users(id),
  PRIMARY KEY (case_id, step)
);

CREATE TABLE case_resolutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  actions jsonb NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  summary text NOT NULL,
  status text NOT NULL CHECK (status IN ('approved', 'pending_approval', 'rejected', 'superseded')),
  within_authority boolean NOT NULL,
  proposed_by uuid NOT NULL REFERENCES users(id),
  proposed_at timestamptz NOT NULL,
  approver_id uuid REFERENCES users(id),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_reason text
);
CREATE INDEX case_resolutions_case_idx ON case_resolutions (case_id, proposed_at DESC);
CREATE INDEX case_resolutions_approver_idx ON case_resolutions (approver_id) WHERE status = 'pending_approval';

CREATE TABLE case_clocks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('acknowledgement', 'first_response', 'resolution')),
  target_kind text NOT NULL CHECK (target_kind IN ('businessTime', 'calendarDays')),
  target_value integer NOT NULL,
  warning_percent integer NOT NULL,
  calendar_id uuid REFERENCES business_calendars(id),
  state text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'breached')),
  started_at timestamptz NOT NULL,
  due_at timestamptz,
  warning_at timestamptz,
  fulfilled_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  -- A reopened or reviewed case starts a new resolution clock: cycle 2, 3, …
  cycle integer NOT NULL DEFAULT 1,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (case_id, kind, cycle)
);
CREATE INDEX case_clocks_case_idx ON case_clocks (case_id);

CREATE TABLE clock_events (
  id bigserial PRIMARY KEY,
  clock_id uuid NOT NULL REFERENCES case_clocks(id),
  type text NOT NULL CHECK (type IN ('started', 'paused', 'resumed', 'fulfilled', 'warned', 'breached', 'escalated')),
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users(id),
  reason text NOT NULL DEFAULT ''
);
CREATE INDEX clock_events_clock_idx ON clock_events (clock_id, id);

CREATE TABLE assignment_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_id uuid NOT NULL REFERENCES business_areas(id),
  category_id uuid REFERENCES case_categories(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  strategy text NOT NULL CHECK (strategy IN ('round_robin', 'least_loaded')),
  last_assignee_id uuid REFERENCES users(id),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assignment_rules_scope_key ON assignment_rules (
  area_id, coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid)
) WHERE active;

CREATE TABLE saved_views (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  filters jsonb NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_views_owner_idx ON saved_views (owner_id);

CREATE TABLE response_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  purpose text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX response_templates_name_key ON response_templates (lower(name));

-- Every view of a customer's personal details (append-only).
CREATE TABLE personal_access_log (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  user_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL,
  purpose text NOT NULL
);
CREATE INDEX personal_access_log_case_idx ON personal_access_log (case_id, id);
CREATE INDEX personal_access_log_at_idx ON personal_access_log (at, id);
CREATE TRIGGER personal_access_log_no_update BEFORE UPDATE OR DELETE ON personal_access_log
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- The brief's complaint categories [401 range], editable afterwards.
INSERT INTO case_categories (id, parent_id, name, sort_order) VALUES
  ('c0000000-0000-4000-8000-000000000001', NULL, 'Administrative errors', 1),
  ('c0000000-0000-4000-8000-000000000002', NULL, 'Satisfaction with service quality', 2),
  ('c0000000-0000-4000-8000-000000000003', NULL, 'Damaged goods or goods not delivered', 3),
  ('c0000000-0000-4000-8000-000000000004', NULL, 'Delivery errors', 4),
  ('c0000000-0000-4000-8000-000000000005', NULL, 'Products not delivered on time', 5),
  ('c0000000-0000-4000-8000-000000000006', NULL, 'Service errors', 6),
  ('c0000000-0000-4000-8000-000000000007', NULL, 'E-business problems', 7),
  ('c0000000-0000-4000-8000-000000000008', NULL, 'Supply errors', 8),
  ('c0000000-0000-4000-8000-000000000009', NULL, 'Warehouse or store room errors', 9);
INSERT INTO case_categories (parent_id, name, sort_order) VALUES
  ('c0000000-0000-4000-8000-000000000001', 'Incorrect invoice', 1),
  ('c0000000-0000-4000-8000-000000000001', 'Incorrect price', 2),
  ('c0000000-0000-4000-8000-000000000002', 'Staff courtesy and attitude', 1),
  ('c0000000-0000-4000-8000-000000000002', 'Waiting time', 2),
  ('c0000000-0000-4000-8000-000000000002', 'Quality of product or service', 3),
  ('c0000000-0000-4000-8000-000000000003', 'Damaged goods', 1),
  ('c0000000-0000-4000-8000-000000000003', 'Goods not delivered', 2),
  ('c0000000-0000-4000-8000-000000000004', 'Wrong address or recipient', 1),
  ('c0000000-0000-4000-8000-000000000004', 'Incomplete delivery', 2),
  ('c0000000-0000-4000-8000-000000000005', 'Late delivery', 1),
  ('c0000000-0000-4000-8000-000000000006', 'Booking or order error', 1),
  ('c0000000-0000-4000-8000-000000000006', 'Service not provided as promised', 2),
  ('c0000000-0000-4000-8000-000000000007', 'Difficulty accessing services', 1),
  ('c0000000-0000-4000-8000-000000000007', 'Inactive links', 2),
  ('c0000000-0000-4000-8000-000000000007', 'Hardware / software differences', 3),
  ('c0000000-0000-4000-8000-000000000007', 'Services not available', 4),
  ('c0000000-0000-4000-8000-000000000007', 'Time taken to access services', 5),
  ('c0000000-0000-4000-8000-000000000007', 'Unfriendly website design', 6),
  ('c0000000-0000-4000-8000-000000000007', 'Website faults', 7),
  ('c0000000-0000-4000-8000-000000000008', 'Incorrect product delivered', 1),
  ('c0000000-0000-4000-8000-000000000009', 'Stock not found or mislaid', 1);

-- Response templates to start from. {{placeholders}} are replaced with escaped values.
INSERT INTO response_templates (name, purpose, subject, body) VALUES
  ('Acknowledgement', 'acknowledgement', 'We have received your feedback — {{case.reference}}',
   E'Dear {{customer.name}},\n\nThank you for contacting {{organisation.name}}. We have received your feedback about "{{case.subject}}" and recorded it under reference {{case.reference}}.\n\nWe will respond by {{deadline.resolution}}. You can quote the reference whenever you contact us.\n\nKind regards,\n{{handler.name}}\n{{area.name}}'),
  ('Request for information', 'request_information', 'We need a little more information — {{case.reference}}',
   E'Dear {{customer.name}},\n\nTo look into "{{case.subject}}" ({{case.reference}}) we need some more information from you. Please reply to this email.\n\nKind regards,\n{{handler.name}}'),
  ('Progress update', 'update', 'An update on your feedback — {{case.reference}}',
   E'Dear {{customer.name}},\n\nWe are still working on "{{case.subject}}" ({{case.reference}}). Its status is now: {{case.status}}.\n\nKind regards,\n{{handler.name}}'),
  ('Outcome', 'response', 'The outcome of your complaint — {{case.reference}}',
   E'Dear {{customer.name}},\n\nThank you for raising "{{case.subject}}" with us, and we are sorry for the trouble it caused.\n\nWhat we will do: {{resolution.summary}}\n\n{{resolution.total}}\n\nPlease let us know whether you accept this outcome. If you do not, we will review it; you may also take it to an external body such as the ombudsman or the Office of Fair Trading.\n\nThank you for helping us improve.\n\n{{handler.name}}\n{{area.name}}, {{organisation.name}}');

-- Roles made before this migration: the new permission goes to the roles that configure case handling.
UPDATE roles SET permissions = array_append(permissions, 'cases:configure')
WHERE key IN ('manager', 'administrator') AND NOT ('cases:configure' = ANY (permissions));
