-- leadkit schema version 8: side tables for evaluating segment predicates in SQL. The lead
-- store keeps them in the transaction of every save and delete (the lead's JSON columns stay
-- the source of truth). ${leadkit_prefix} is the table-name prefix.
-- lead_attributes: one row per scalar attribute, one row per element of a text list (seq);
-- date_value holds the date of DATE attributes and the UTC date of INSTANT attributes.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}lead_attributes (
  lead_id       VARCHAR(64) NOT NULL,
  attr_key      VARCHAR(64) NOT NULL,
  seq           INTEGER NOT NULL,
  kind          VARCHAR(16) NOT NULL,
  text_value    VARCHAR(4096),
  num_value     DECFLOAT,
  bool_value    BOOLEAN,
  date_value    DATE,
  instant_value TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${leadkit_prefix}lead_attributes_pk PRIMARY KEY (lead_id, attr_key, seq)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_attributes_key_ix
  ON ${leadkit_prefix}lead_attributes (attr_key, lead_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}lead_scores (
  lead_id     VARCHAR(64) NOT NULL,
  model       VARCHAR(64) NOT NULL,
  score_value DOUBLE PRECISION NOT NULL,
  band        VARCHAR(64),
  CONSTRAINT ${leadkit_prefix}lead_scores_pk PRIMARY KEY (lead_id, model)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_scores_model_ix
  ON ${leadkit_prefix}lead_scores (model, score_value);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}lead_consents (
  lead_id VARCHAR(64) NOT NULL,
  channel VARCHAR(32) NOT NULL,
  status  VARCHAR(32) NOT NULL,
  CONSTRAINT ${leadkit_prefix}lead_consents_pk PRIMARY KEY (lead_id, channel)
);

-- touchpoint_properties: one row per touchpoint property, written with the touchpoint (only
-- for touchpoints actually inserted); path_value is the value reduced to its path (scheme,
-- host, query and fragment dropped), which URL globs starting with "/" are matched against.
CREATE TABLE IF NOT EXISTS ${leadkit_prefix}touchpoint_properties (
  touchpoint_id VARCHAR(128) NOT NULL,
  prop_key      VARCHAR(64) NOT NULL,
  prop_value    VARCHAR(2048) NOT NULL,
  path_value    VARCHAR(2048) NOT NULL,
  CONSTRAINT ${leadkit_prefix}touchpoint_properties_pk PRIMARY KEY (touchpoint_id, prop_key)
);
