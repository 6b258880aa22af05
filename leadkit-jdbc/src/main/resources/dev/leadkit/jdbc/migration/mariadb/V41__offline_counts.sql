-- leadkit schema version 41: figures counted outside leadkit and entered by the host (booth
-- visitors, seminar sheets), one per name and time, which KPI targets use as denominators.

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}offline_counts (
  name        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  counted_at  DATETIME(6) NOT NULL,
  count_value BIGINT NOT NULL,
  CONSTRAINT ${leadkit_prefix}offline_counts_pk PRIMARY KEY (name, counted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
