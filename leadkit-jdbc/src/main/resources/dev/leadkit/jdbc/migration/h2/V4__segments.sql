-- leadkit schema version 4: segments (stored membership, the re-check schedule of time-window
-- segments) and static lists.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}segment_members (
  segment_id VARCHAR(64) NOT NULL,
  lead_id    VARCHAR(64) NOT NULL,
  entered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${leadkit_prefix}segment_members_pk PRIMARY KEY (segment_id, lead_id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_members_lead_ix
  ON ${leadkit_prefix}segment_members (lead_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}segment_checks (
  segment_id VARCHAR(64) NOT NULL,
  lead_id    VARCHAR(64) NOT NULL,
  check_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${leadkit_prefix}segment_checks_pk PRIMARY KEY (segment_id, lead_id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_checks_due_ix
  ON ${leadkit_prefix}segment_checks (check_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}segment_checks_lead_ix
  ON ${leadkit_prefix}segment_checks (lead_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}list_members (
  list_id VARCHAR(64) NOT NULL,
  lead_id VARCHAR(64) NOT NULL,
  CONSTRAINT ${leadkit_prefix}list_members_pk PRIMARY KEY (list_id, lead_id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}list_members_lead_ix
  ON ${leadkit_prefix}list_members (lead_id);
