-- leadkit schema version 7: journeys' send log (frequency caps) and counters.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}send_log (
  message_key VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  channel     VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  template    VARCHAR(200) NOT NULL,
  sent_at     DATETIME(6) NOT NULL,
  operational BOOLEAN      NOT NULL,
  journey     VARCHAR(200) NOT NULL,
  step        VARCHAR(200) NOT NULL,
  CONSTRAINT ${leadkit_prefix}send_log_pk PRIMARY KEY (message_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}send_log_lead_ix
  ON ${leadkit_prefix}send_log (lead_id, sent_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}send_lead_locks (
  lead_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  CONSTRAINT ${leadkit_prefix}send_lead_locks_pk PRIMARY KEY (lead_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}journey_counters (
  journey  VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,
  has_step BOOLEAN      NOT NULL,
  step     VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,
  metric   VARCHAR(80)  COLLATE utf8mb4_bin NOT NULL,
  total    BIGINT       NOT NULL,
  CONSTRAINT ${leadkit_prefix}journey_counters_pk PRIMARY KEY (journey, has_step, step, metric)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
