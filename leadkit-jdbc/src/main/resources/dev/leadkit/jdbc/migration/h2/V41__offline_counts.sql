-- leadkit schema version 41: figures counted outside leadkit and entered by the host (booth
-- visitors, seminar sheets), one per name and time, which KPI targets use as denominators.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}offline_counts (
  name        VARCHAR(64) NOT NULL,
  counted_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  count_value BIGINT NOT NULL,
  CONSTRAINT ${leadkit_prefix}offline_counts_pk PRIMARY KEY (name, counted_at)
);
