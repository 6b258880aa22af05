-- leadkit schema version 9: journey enrolments, claimed in batches by several engines.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- ready_at is when a claim may take the row: the lease end while leased, else the due time;
-- NULL once exited or while waiting only for an event. live_lead is the lead while the
-- enrolment is live and NULL once exited, so the unique key (journey, live_lead) allows one live
-- enrolment per journey and lead and any number of exited ones.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}enrolments (
  id              VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  journey         VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version         INTEGER      NOT NULL,
  lead_id         VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  seq             INTEGER      NOT NULL,
  status          VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  step            VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  step_entered_at DATETIME(6)  NOT NULL,
  step_count      INTEGER      NOT NULL,
  due_at          DATETIME(6),
  source          VARCHAR(200) NOT NULL,
  enrolled_at     DATETIME(6)  NOT NULL,
  updated_at      DATETIME(6)  NOT NULL,
  messages        INTEGER      NOT NULL,
  tasks           INTEGER      NOT NULL,
  state           LONGTEXT     NOT NULL,
  exit_reason     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  exited_at       DATETIME(6),
  lease_token     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  lease_until     DATETIME(6),
  ready_at        DATETIME(6),
  live_lead       VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
  revision        BIGINT       NOT NULL,
  CONSTRAINT ${leadkit_prefix}enrolments_pk PRIMARY KEY (id),
  CONSTRAINT ${leadkit_prefix}enrolments_live_uq UNIQUE (journey, live_lead)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_ready_ix
  ON ${leadkit_prefix}enrolments (ready_at, id);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_lead_ix
  ON ${leadkit_prefix}enrolments (lead_id, journey);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}enrolments_journey_ix
  ON ${leadkit_prefix}enrolments (journey, id);
