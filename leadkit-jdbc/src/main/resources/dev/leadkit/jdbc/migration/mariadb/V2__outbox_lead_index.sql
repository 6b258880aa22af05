-- leadkit schema version 2: find and purge a lead's outbox entries (erasure, export) by index.
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}outbox_lead_ix ON ${leadkit_prefix}outbox (lead_id);
