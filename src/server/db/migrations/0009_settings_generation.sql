-- A counter that moves whenever a setting that recording a case depends on changes (organisation, areas,
-- teams, categories, calendars, deadline policies, assignment rules, response templates). Case recording
-- plans from a snapshot of these settings held in memory and writes with a guard on this number, so a
-- snapshot that went stale (here or on another instance) writes nothing and is reloaded.
CREATE TABLE settings_generation (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  n bigint NOT NULL
);
INSERT INTO settings_generation (id, n) VALUES (1, 1);

CREATE FUNCTION bump_settings_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE settings_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organisation_settings_generation AFTER INSERT OR UPDATE OR DELETE ON organisation
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER business_areas_settings_generation AFTER INSERT OR UPDATE OR DELETE ON business_areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER teams_settings_generation AFTER INSERT OR UPDATE OR DELETE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER case_categories_settings_generation AFTER INSERT OR UPDATE OR DELETE ON case_categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER business_calendars_settings_generation AFTER INSERT OR UPDATE OR DELETE ON business_calendars
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER deadline_policies_settings_generation AFTER INSERT OR UPDATE OR DELETE ON deadline_policies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER response_templates_settings_generation AFTER INSERT OR UPDATE OR DELETE ON response_templates
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
-- Round robin moves last_assignee_id on every pick: that is not a change of settings.
CREATE TRIGGER assignment_rules_settings_generation
  AFTER INSERT OR DELETE OR UPDATE OF area_id, category_id, team_id, strategy, active ON assignment_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
