-- leadkit core tables for PostgreSQL 15+.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- Identifiers use the "C" collation so that keyset pages follow the library's id order.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}leads (
  id            VARCHAR(64)  COLLATE "C" NOT NULL,
  email         VARCHAR(254) COLLATE "C" NOT NULL,
  stage         VARCHAR(32)  NOT NULL,
  owner_id      VARCHAR(64)  COLLATE "C",
  version       BIGINT       NOT NULL,
  created_at    TIMESTAMPTZ  NOT NULL,
  updated_at    TIMESTAMPTZ  NOT NULL,
  attributes    JSONB        NOT NULL,
  stage_history JSONB        NOT NULL,
  consents      JSONB        NOT NULL,
  scores        JSONB        NOT NULL,
  CONSTRAINT ${leadkit_prefix}leads_pk PRIMARY KEY (id),
  CONSTRAINT ${leadkit_prefix}leads_email_uq UNIQUE (email)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_stage_ix ON ${leadkit_prefix}leads (stage);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_owner_ix ON ${leadkit_prefix}leads (owner_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}touchpoints (
  id          VARCHAR(128) COLLATE "C" NOT NULL,
  lead_id     VARCHAR(64)  COLLATE "C",
  visitor_id  VARCHAR(128) COLLATE "C",
  type        VARCHAR(64)  NOT NULL,
  occurred_at TIMESTAMPTZ  NOT NULL,
  channel     VARCHAR(32)  NOT NULL,
  properties  JSONB        NOT NULL,
  CONSTRAINT ${leadkit_prefix}touchpoints_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_lead_ix
  ON ${leadkit_prefix}touchpoints (lead_id, occurred_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_visitor_ix
  ON ${leadkit_prefix}touchpoints (visitor_id, occurred_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}outbox (
  message_key     VARCHAR(200) COLLATE "C" NOT NULL,
  lead_id         VARCHAR(64)  COLLATE "C" NOT NULL,
  channel         VARCHAR(32)  NOT NULL,
  template        VARCHAR(200) NOT NULL,
  sender          VARCHAR(64),
  template_data   JSONB        NOT NULL,
  not_before      TIMESTAMPTZ  NOT NULL,
  operational     BOOLEAN      NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INTEGER      NOT NULL,
  next_attempt_at TIMESTAMPTZ  NOT NULL,
  claim_token     VARCHAR(64),
  lease_until     TIMESTAMPTZ,
  last_error      TEXT,
  provider_id     TEXT,
  enqueued_at     TIMESTAMPTZ  NOT NULL,
  finished_at     TIMESTAMPTZ,
  CONSTRAINT ${leadkit_prefix}outbox_pk PRIMARY KEY (message_key)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_ready_ix
  ON ${leadkit_prefix}outbox (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_lease_ix
  ON ${leadkit_prefix}outbox (status, lease_until);
