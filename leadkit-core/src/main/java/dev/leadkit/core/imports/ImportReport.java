package dev.leadkit.core.imports;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * What an import did. Good rows are imported even when others are bad; a bad row changes
 * nothing.
 *
 * <p>Every data row read is counted once: it is refused ({@link #errors()}), or it repeats an
 * address of an earlier row of the file ({@link #duplicates()}), or it is the first row with its
 * address and its lead was created, updated or unchanged. So {@code accepted() == created() +
 * updated() + unchanged() + duplicates().size()}.
 *
 * @param rows data rows read (the header and blank lines excluded)
 * @param created new leads
 * @param updated existing leads that changed
 * @param unchanged rows whose lead already matched what was stored
 * @param touchpointsRecorded touchpoints recorded for the first time
 * @param errors the refused rows, in file order
 * @param duplicates the rows that repeat an address of an earlier row of the same file, in file
 *     order; they were merged into that row's lead (see {@link DuplicateRow})
 * @param charset the charset the file's bytes were decoded with; empty when the file was given
 *     as text (a {@link java.io.Reader})
 */
public record ImportReport(int rows, int created, int updated, int unchanged,
    int touchpointsRecorded, List<RowError> errors, List<DuplicateRow> duplicates,
    Optional<Charset> charset) {
  /** Copies. */
  public ImportReport {
    errors = List.copyOf(errors);
    duplicates = List.copyOf(duplicates);
  }

  /** Rows accepted: read and not refused, duplicates included. */
  public int accepted() {
    return rows - errors.size();
  }

  @Override
  public String toString() {
    return rows + " rows: " + created + " created, " + updated + " updated, " + unchanged
        + " unchanged, " + duplicates.size() + " repeated, " + errors.size() + " refused"
        + charset.map(c -> " (" + c.name() + ")").orElse("");
  }
}
