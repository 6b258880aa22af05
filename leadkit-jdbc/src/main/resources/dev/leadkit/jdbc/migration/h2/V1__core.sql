-- leadkit core tables for H2 2.x.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}leads (
  id            VARCHAR(64)  NOT NULL,
  email         VARCHAR(254) NOT NULL,
  stage         VARCHAR(32)  NOT NULL,
  owner_id      VARCHAR(64),
  version       BIGINT       NOT NULL,
  created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  attributes    CLOB         NOT NULL,
  stage_history CLOB         NOT NULL,
  consents      CLOB         NOT NULL,
  scores        CLOB         NOT NULL,
  CONSTRAINT ${leadkit_prefix}leads_pk PRIMARY KEY (id),
  CONSTRAINT ${leadkit_prefix}leads_email_uq UNIQUE (email)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_stage_ix ON ${leadkit_prefix}leads (stage);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}leads_owner_ix ON ${leadkit_prefix}leads (owner_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}touchpoints (
  id          VARCHAR(128) NOT NULL,
  lead_id     VARCHAR(64),
  visitor_id  VARCHAR(128),
  type        VARCHAR(64)  NOT NULL,
  occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  channel     VARCHAR(32)  NOT NULL,
  properties  CLOB         NOT NULL,
  CONSTRAINT ${leadkit_prefix}touchpoints_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_lead_ix
  ON ${leadkit_prefix}touchpoints (lead_id, occurred_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}touchpoints_visitor_ix
  ON ${leadkit_prefix}touchpoints (visitor_id, occurred_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}outbox (
  message_key     VARCHAR(200) NOT NULL,
  lead_id         VARCHAR(64)  NOT NULL,
  channel         VARCHAR(32)  NOT NULL,
  template        VARCHAR(200) NOT NULL,
  sender          VARCHAR(64),
  template_data   CLOB         NOT NULL,
  not_before      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  operational     BOOLEAN      NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INTEGER      NOT NULL,
  next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  claim_token     VARCHAR(64),
  lease_until     TIMESTAMP(6) WITH TIME ZONE,
  last_error      CLOB,
  provider_id     CLOB,
  enqueued_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at     TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${leadkit_prefix}outbox_pk PRIMARY KEY (message_key)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_ready_ix
  ON ${leadkit_prefix}outbox (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_lease_ix
  ON ${leadkit_prefix}outbox (status, lease_until);
