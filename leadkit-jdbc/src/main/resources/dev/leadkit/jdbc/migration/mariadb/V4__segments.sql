-- leadkit schema version 4: segments (stored membership, the re-check schedule of time-window
-- segments) and static lists.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}segment_members (
  segment_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entered_at DATETIME(6) NOT NULL,
  CONSTRAINT ${leadkit_prefix}segment_members_pk PRIMARY KEY (segment_id, lead_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_members_lead_ix
  ON ${leadkit_prefix}segment_members (lead_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}segment_checks (
  segment_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  check_at   DATETIME(6) NOT NULL,
  CONSTRAINT ${leadkit_prefix}segment_checks_pk PRIMARY KEY (segment_id, lead_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_checks_due_ix
  ON ${leadkit_prefix}segment_checks (check_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_checks_lead_ix
  ON ${leadkit_prefix}segment_checks (lead_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}list_members (
  list_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  CONSTRAINT ${leadkit_prefix}list_members_pk PRIMARY KEY (list_id, lead_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}list_members_lead_ix
  ON ${leadkit_prefix}list_members (lead_id);
