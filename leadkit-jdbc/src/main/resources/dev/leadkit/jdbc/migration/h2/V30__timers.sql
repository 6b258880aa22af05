-- leadkit schema version 30: due work as narrow timers (journey waits, scheduled starts),
-- claimed in batches with FOR UPDATE SKIP LOCKED under a lease. ${leadkit_prefix} is the
-- table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- id is kind:key, one timer per kind and key. A claim sets only the lease columns, which no
-- index covers; a timer is claimable when due_at has come and lease_until is NULL or over.
-- Live enrolments' due times become timers, so no scheduled work is lost on upgrade (the lease
-- end of an enrolment claimed at that moment, else its due time).

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}timers (
  id           VARCHAR(240)  NOT NULL,
  kind         VARCHAR(32)   NOT NULL,
  lead_id      VARCHAR(64)   NOT NULL,
  due_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  payload      VARCHAR(1000) NOT NULL,
  attempts     INTEGER       NOT NULL,
  lease_holder VARCHAR(100),
  lease_token  VARCHAR(100),
  lease_until  TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${leadkit_prefix}timers_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}timers_due_ix
  ON ${leadkit_prefix}timers (due_at, id);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}timers_lead_ix
  ON ${leadkit_prefix}timers (lead_id);
INSERT INTO ${leadkit_prefix}timers (id, kind, lead_id, due_at, payload, attempts)
  SELECT 'journey:' || e.id, 'journey', e.lead_id, e.ready_at, '', 0
  FROM ${leadkit_prefix}enrolments e
  WHERE e.live_lead IS NOT NULL AND e.ready_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ${leadkit_prefix}timers t WHERE t.id = 'journey:' || e.id);
