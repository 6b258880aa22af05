-- leadkit schema version 6: one row per stage change of a lead, kept by the lead store in the
-- transaction of every save, so that measurement can count transitions with GROUP BY.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- seq is the change's position in the lead's stage history (0 = oldest).

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}lead_stage_changes (
  lead_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  seq        INTEGER NOT NULL,
  from_stage VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  to_stage   VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  from_rank  INTEGER NOT NULL,
  to_rank    INTEGER NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  CONSTRAINT ${leadkit_prefix}lead_stage_changes_pk PRIMARY KEY (lead_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_stage_changes_at_ix
  ON ${leadkit_prefix}lead_stage_changes (changed_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_stage_changes_to_ix
  ON ${leadkit_prefix}lead_stage_changes (to_stage, changed_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_type_ix
  ON ${leadkit_prefix}touchpoints (type, occurred_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_created_ix
  ON ${leadkit_prefix}leads (created_at);
