-- leadkit schema version 11: definitions (segments, scoring models, journey versions) as
-- versioned JSON documents, insert-only. ${leadkit_prefix} is the table-name prefix (Flyway
-- placeholder; SchemaInstaller substitutes it). revision numbers the rows in the order they were
-- inserted; the store's revision() is the number of rows (insert-only, so it only grows).

CREATE TABLE IF NOT EXISTS ${leadkit_prefix}definitions (
  kind         VARCHAR(32)  COLLATE utf8mb4_bin NOT NULL,
  id           VARCHAR(128) COLLATE utf8mb4_bin NOT NULL,
  version      INT          NOT NULL,
  json         LONGTEXT     NOT NULL,
  published_at DATETIME(6)  NOT NULL,
  revision     BIGINT       NOT NULL AUTO_INCREMENT,
  CONSTRAINT ${leadkit_prefix}definitions_pk PRIMARY KEY (kind, id, version),
  CONSTRAINT ${leadkit_prefix}definitions_revision_ux UNIQUE (revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
