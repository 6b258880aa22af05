-- leadkit schema version 3: identity (visitor links, aliases of merged leads, the merge log)
-- and the suppression list of erased addresses with anonymised counts.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}visitor_links (
  visitor_id VARCHAR(128) NOT NULL,
  lead_id    VARCHAR(64)  NOT NULL,
  method     VARCHAR(32)  NOT NULL,
  linked_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${leadkit_prefix}visitor_links_pk PRIMARY KEY (visitor_id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}visitor_links_lead_ix
  ON ${leadkit_prefix}visitor_links (lead_id, linked_at);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}lead_aliases (
  merged_id    VARCHAR(64)  NOT NULL,
  merged_email VARCHAR(254) NOT NULL,
  survivor_id  VARCHAR(64)  NOT NULL,
  merge_id     VARCHAR(255) NOT NULL,
  put_seq      BIGINT    NOT NULL,
  CONSTRAINT ${leadkit_prefix}lead_aliases_pk PRIMARY KEY (merged_id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_aliases_email_ix
  ON ${leadkit_prefix}lead_aliases (merged_email);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}lead_aliases_survivor_ix
  ON ${leadkit_prefix}lead_aliases (survivor_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}merges (
  id          VARCHAR(64) NOT NULL,
  survivor_id VARCHAR(64) NOT NULL,
  merged_id   VARCHAR(64) NOT NULL,
  merged_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  undone      BOOLEAN  NOT NULL,
  record      CLOB NOT NULL,
  CONSTRAINT ${leadkit_prefix}merges_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}merges_survivor_ix
  ON ${leadkit_prefix}merges (survivor_id);
CREATE INDEX IF NOT EXISTS ${leadkit_prefix}merges_merged_ix
  ON ${leadkit_prefix}merges (merged_id);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}suppressed (
  hash          VARCHAR(255) NOT NULL,
  suppressed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${leadkit_prefix}suppressed_pk PRIMARY KEY (hash)
);

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}anonymous_counts (
  name  VARCHAR(200) NOT NULL,
  total BIGINT    NOT NULL,
  CONSTRAINT ${leadkit_prefix}anonymous_counts_pk PRIMARY KEY (name)
);
