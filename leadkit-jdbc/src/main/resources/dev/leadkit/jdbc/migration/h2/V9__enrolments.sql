-- leadkit schema version 9: journey enrolments, claimed in batches by several engines.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- ready_at is when a claim may take the row: the lease end while leased, else the due time;
-- NULL once exited or while waiting only for an event. live_lead is the lead while the
-- enrolment is live and NULL once exited, so the unique key (journey, live_lead) allows one live
-- enrolment per journey and lead and any number of exited ones.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}enrolments (
  id              VARCHAR(200) NOT NULL,
  journey         VARCHAR(64)  NOT NULL,
  version         INTEGER      NOT NULL,
  lead_id         VARCHAR(64)  NOT NULL,
  seq             INTEGER      NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  step            VARCHAR(64) ,
  step_entered_at TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
  step_count      INTEGER      NOT NULL,
  due_at          TIMESTAMP(6) WITH TIME ZONE,
  source          VARCHAR(200) NOT NULL,
  enrolled_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
  updated_at      TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
  messages        INTEGER      NOT NULL,
  tasks           INTEGER      NOT NULL,
  state           CLOB         NOT NULL,
  exit_reason     VARCHAR(64) ,
  exited_at       TIMESTAMP(6) WITH TIME ZONE,
  lease_token     VARCHAR(64) ,
  lease_until     TIMESTAMP(6) WITH TIME ZONE,
  ready_at        TIMESTAMP(6) WITH TIME ZONE,
  live_lead       VARCHAR(64) ,
  revision        BIGINT       NOT NULL,
  CONSTRAINT ${leadkit_prefix}enrolments_pk PRIMARY KEY (id),
  CONSTRAINT ${leadkit_prefix}enrolments_live_uq UNIQUE (journey, live_lead)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_ready_ix
  ON ${leadkit_prefix}enrolments (ready_at, id);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_lead_ix
  ON ${leadkit_prefix}enrolments (lead_id, journey);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_journey_ix
  ON ${leadkit_prefix}enrolments (journey, id);
