-- leadkit schema version 5: scoring state per (lead, model), with the decay re-check index.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}score_states (
  lead_id    VARCHAR(64)   NOT NULL,
  model      VARCHAR(128)  NOT NULL,
  revision   BIGINT       NOT NULL,
  next_check BIGINT       NOT NULL,
  state      CLOB NOT NULL,
  CONSTRAINT ${leadkit_prefix}score_states_pk PRIMARY KEY (lead_id, model)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}score_states_due_ix
  ON ${leadkit_prefix}score_states (model, next_check);
