-- leadkit schema version 7: journeys' send log (frequency caps) and counters.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}send_log (
  message_key VARCHAR(200)  NOT NULL,
  lead_id     VARCHAR(64)   NOT NULL,
  channel     VARCHAR(32)   NOT NULL,
  template    VARCHAR(200) NOT NULL,
  sent_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  operational BOOLEAN      NOT NULL,
  journey     VARCHAR(200) NOT NULL,
  step        VARCHAR(200) NOT NULL,
  CONSTRAINT ${leadkit_prefix}send_log_pk PRIMARY KEY (message_key)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}send_log_lead_ix
  ON ${leadkit_prefix}send_log (lead_id, sent_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}send_lead_locks (
  lead_id VARCHAR(64)  NOT NULL,
  CONSTRAINT ${leadkit_prefix}send_lead_locks_pk PRIMARY KEY (lead_id)
);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}journey_counters (
  journey  VARCHAR(200)  NOT NULL,
  has_step BOOLEAN      NOT NULL,
  step     VARCHAR(200)  NOT NULL,
  metric   VARCHAR(80)   NOT NULL,
  total    BIGINT       NOT NULL,
  CONSTRAINT ${leadkit_prefix}journey_counters_pk PRIMARY KEY (journey, has_step, step, metric)
);
