-- leadkit core tables for MariaDB 10.6+.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- Identifiers are ASCII with binary collation: case-sensitive and in the library's id order.
-- DATETIME(6) columns hold UTC wall-clock time; leadkit never lets a session zone apply.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}leads (
  id            VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  email         VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  stage         VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  owner_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  version       BIGINT       NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  updated_at    DATETIME(6)  NOT NULL,
  attributes    LONGTEXT     NOT NULL,
  stage_history LONGTEXT     NOT NULL,
  consents      LONGTEXT     NOT NULL,
  scores        LONGTEXT     NOT NULL,
  CONSTRAINT ${leadkit_prefix}leads_pk PRIMARY KEY (id),
  CONSTRAINT ${leadkit_prefix}leads_email_uq UNIQUE (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_stage_ix ON ${leadkit_prefix}leads (stage);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_owner_ix ON ${leadkit_prefix}leads (owner_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}touchpoints (
  id          VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  visitor_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin,
  type        VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  occurred_at DATETIME(6)  NOT NULL,
  channel     VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  properties  LONGTEXT     NOT NULL,
  CONSTRAINT ${leadkit_prefix}touchpoints_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_lead_ix
  ON ${leadkit_prefix}touchpoints (lead_id, occurred_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_visitor_ix
  ON ${leadkit_prefix}touchpoints (visitor_id, occurred_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}outbox (
  message_key     VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lead_id         VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  channel         VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  template        VARCHAR(200) NOT NULL,
  sender          VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  template_data   LONGTEXT     NOT NULL,
  not_before      DATETIME(6)  NOT NULL,
  operational     BOOLEAN      NOT NULL,
  status          VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  attempts        INTEGER      NOT NULL,
  next_attempt_at DATETIME(6)  NOT NULL,
  claim_token     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  lease_until     DATETIME(6),
  last_error      MEDIUMTEXT,
  provider_id     MEDIUMTEXT,
  enqueued_at     DATETIME(6)  NOT NULL,
  finished_at     DATETIME(6),
  CONSTRAINT ${leadkit_prefix}outbox_pk PRIMARY KEY (message_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_ready_ix
  ON ${leadkit_prefix}outbox (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_lease_ix
  ON ${leadkit_prefix}outbox (status, lease_until);
