-- leadkit schema version 5: scoring state per (lead, model), with the decay re-check index.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}score_states (
  lead_id    VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
  model      VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
  revision   BIGINT       NOT NULL,
  next_check BIGINT       NOT NULL,
  state      LONGTEXT NOT NULL,
  CONSTRAINT ${leadkit_prefix}score_states_pk PRIMARY KEY (lead_id, model)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}score_states_due_ix
  ON ${leadkit_prefix}score_states (model, next_check);
