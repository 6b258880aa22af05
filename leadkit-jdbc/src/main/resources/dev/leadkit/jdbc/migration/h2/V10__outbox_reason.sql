-- leadkit schema version 10: the typed reason of a cancelled or dead outbox entry.
-- ${leadkit_prefix} is the table-name prefix (Flyway placeholder; SchemaInstaller substitutes it).
-- reason holds a NotSentReason name; it is NULL while an entry is pending, claimed or sent.
-- Entries that finished before this version get the reason their stored text shows (the
-- dispatcher's own cancellation texts), else OTHER.

ALTER TABLE ${leadkit_prefix}outbox
  ADD COLUMN IF NOT EXISTS reason VARCHAR(32);
UPDATE ${leadkit_prefix}outbox SET reason = 'LEAD_MISSING'
  WHERE reason IS NULL AND status = 'CANCELLED' AND last_error = 'lead no longer exists';
UPDATE ${leadkit_prefix}outbox SET reason = 'NO_CONSENT'
  WHERE reason IS NULL AND status = 'CANCELLED' AND last_error LIKE 'no consent on %';
UPDATE ${leadkit_prefix}outbox SET reason = 'OTHER'
  WHERE reason IS NULL AND status IN ('CANCELLED', 'DEAD');
