-- leadkit schema version 40: touchpoint property values that are numbers (a plain decimal:
-- optional "-", 1 to 18 digits, optionally "." and 1 to 12 digits) also in num_value, which
-- numeric property filters (seconds >= 60) are pushed down to; NULL for any other value.
-- Rows written before this version are back-filled.

ALTER TABLE ${leadkit_prefix}touchpoint_properties ADD COLUMN IF NOT EXISTS num_value NUMERIC(30,12);
UPDATE ${leadkit_prefix}touchpoint_properties
  SET num_value = CAST(prop_value AS NUMERIC(30,12))
  WHERE num_value IS NULL AND REGEXP_LIKE(prop_value, '^-?[0-9]{1,18}([.][0-9]{1,12})?$');
