package dev.leadkit.core.imports;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to read a CSV file of offline leads (exhibition business cards, seminar surveys): which
 * column holds the e-mail address, which columns become which attributes with which type, and
 * what to record for every imported lead.
 *
 * <pre>{@code
 * CsvImportSpec spec = CsvImportSpec.custom("exhibition-2025")
 *     .emailColumn("E-mail")
 *     .column("Company", AttributeKey.COMPANY)
 *     .column("Employees", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
 *     .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED)
 *     .touchpoint(TouchpointType.EVENT_ATTENDED, Instant.parse("2025-10-08T01:00:00Z"),
 *         Map.of(PropertyKey.EVENT, "expo-2025"))
 *     .build();
 * }</pre>
 *
 * <p><b>Encoding.</b> Given bytes ({@link dev.leadkit.core.LeadKit#importCsv(java.io.InputStream,
 * CsvImportSpec)}), the importer decodes them in the {@linkplain Builder#charset charset} set
 * here, or else detects it: a UTF-8 byte-order mark means UTF-8; otherwise the file is UTF-8 if
 * it is valid UTF-8 throughout, else Windows-31J (the Shift_JIS variant that Japanese Excel
 * writes) if it is valid Windows-31J throughout; a file that is neither is refused with an
 * {@link dev.leadkit.core.ImportException}. Decoding is strict, so bad bytes never turn into
 * replacement characters: once the charset is known (set here, or a byte-order mark), a row
 * holding bytes that are not valid in it is refused as a {@link RowError} and the other rows are
 * imported; bad bytes in the header refuse the whole file. A file read from a {@link
 * java.io.Reader} is already text, so the charset set here does not apply to it. The report
 * names the charset used ({@link ImportReport#charset()}).
 *
 * <p><b>Format.</b> The first row is the header. Cells are separated by the {@linkplain
 * Builder#delimiter delimiter} (default {@code ,}; e.g. {@code '\t'} for TSV or {@code ;}) and
 * may be enclosed in the {@linkplain Builder#quoteChar quote character} (default {@code "}); a
 * quoted cell may hold the delimiter, line breaks, and the quote character written twice.
 * Header names match case-insensitively, ignoring surrounding blanks and a byte-order mark.
 * Numbers accept thousands separators and full-width digits; dates accept {@code 2025-10-08} and
 * {@code 2025/10/08}; booleans accept true/false, yes/no, 1/0; lists are split on {@code ;}.
 *
 * <p><b>Repeated addresses.</b> When two accepted rows of one file have the same normalised
 * e-mail address, they become one lead: the rows apply in file order and a non-empty cell of a
 * later row replaces the earlier value, while an empty cell keeps it. Each repeat is reported as
 * a {@link DuplicateRow} with both line numbers, and is not counted as created, updated or
 * unchanged.
 *
 * <p>Re-importing the same file changes nothing: attributes already equal are not written, and
 * the touchpoint recorded for each row has an id derived from the source and the address.
 *
 * @param source the import's name; stored as the lead's source attribute where empty and used
 *     in touchpoint ids
 * @param emailColumn the header of the e-mail column
 * @param columns header to attribute mapping
 * @param consents consent applied to channels where the lead has none
 * @param owner owner given to every imported lead
 * @param initialStage stage for new leads
 * @param touchpoint the touchpoint recorded for every imported row, if any
 * @param charset the charset of the file's bytes; empty to detect it
 * @param delimiter the character between cells
 * @param quoteChar the character that encloses a cell
 */
public record CsvImportSpec(String source, String emailColumn, Map<String, Column> columns,
    Map<Channel, ConsentStatus> consents, Optional<OwnerId> owner,
    Optional<LifecycleStage> initialStage, Optional<RowTouchpoint> touchpoint,
    Optional<Charset> charset, char delimiter, char quoteChar) {

  /** The default delimiter, a comma. */
  public static final char COMMA = ',';

  /** The default quote character, a double quote. */
  public static final char DOUBLE_QUOTE = '"';

  /**
   * A mapped column.
   *
   * @param key the attribute
   * @param kind how to parse the cell
   */
  public record Column(AttributeKey key, AttributeValue.Kind kind) {}

  /**
   * The touchpoint recorded for every imported row.
   *
   * @param type its type
   * @param at its time
   * @param properties its properties
   */
  public record RowTouchpoint(TouchpointType type, Instant at, Map<PropertyKey, String> properties) {
    /** Copies. */
    public RowTouchpoint {
      properties = Map.copyOf(properties);
    }
  }

  /** Copies and validates. */
  public CsvImportSpec {
    if (source == null || !source.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new InvalidValueException("import source must be 1 to 64 letters, digits or . _ -: \""
          + source + "\"");
    }
    columns = Map.copyOf(columns);
    consents = Map.copyOf(consents);
    checkFormatChar("delimiter", delimiter);
    checkFormatChar("quote character", quoteChar);
    if (delimiter == quoteChar) {
      throw new InvalidValueException("delimiter and quote character must differ: both are "
          + describe(delimiter));
    }
  }

  private static void checkFormatChar(String what, char c) {
    if (c == '\r' || c == '\n' || c == '\uFEFF' || Character.isSurrogate(c)) {
      throw new InvalidValueException(what + " must not be " + describe(c));
    }
  }

  private static String describe(char c) {
    return switch (c) {
      case '\t' -> "a tab";
      case '\r' -> "a carriage return";
      case '\n' -> "a line feed";
      default -> c >= ' ' && !Character.isSurrogate(c) && c != '\uFEFF'
          ? "'" + c + "'" : String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
    };
  }

  /** Starts a spec for the import named {@code source}. */
  public static Builder custom(String source) {
    return new Builder(source);
  }

  /** Builds a spec. */
  public static final class Builder {
    private final String source;
    private String emailColumn = "email";
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
    private Optional<OwnerId> owner = Optional.empty();
    private Optional<LifecycleStage> stage = Optional.empty();
    private Optional<RowTouchpoint> touchpoint = Optional.empty();
    private Optional<Charset> charset = Optional.empty();
    private Optional<Character> delimiter = Optional.empty();
    private Optional<Character> quoteChar = Optional.empty();

    private Builder(String source) {
      this.source = source;
    }

    private static String header(String h) {
      if (h == null || h.isBlank()) {
        throw new InvalidValueException("column header must not be blank");
      }
      return h.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The header of the e-mail column (default {@code email}). */
    public Builder emailColumn(String header) {
      emailColumn = header(header);
      return this;
    }

    /** Maps a text column. */
    public Builder column(String header, AttributeKey key) {
      dev.leadkit.core.internal.Args.notNull(header, "header");
      dev.leadkit.core.internal.Args.notNull(key, "key");
      return column(header, key, AttributeValue.Kind.TEXT);
    }

    /** Maps a column parsed as {@code kind}. */
    public Builder column(String header, AttributeKey key, AttributeValue.Kind kind) {
      dev.leadkit.core.internal.Args.notNull(header, "header");
      dev.leadkit.core.internal.Args.notNull(key, "key");
      dev.leadkit.core.internal.Args.notNull(kind, "kind");
      String h = header(header);
      if (columns.containsKey(h)) {
        throw new InvalidValueException("column \"" + header + "\" mapped twice");
      }
      columns.put(h, new Column(key, kind));
      return this;
    }

    /** Consent for every imported lead on {@code channel}, where it has none yet. */
    public Builder consent(Channel channel, ConsentStatus status) {
      dev.leadkit.core.internal.Args.notNull(channel, "channel");
      dev.leadkit.core.internal.Args.notNull(status, "status");
      consents.put(channel, status);
      return this;
    }

    /** Owner for every imported lead. */
    public Builder owner(OwnerId value) {
      owner = Optional.of(dev.leadkit.core.internal.Args.notNull(value, "owner"));
      return this;
    }

    /** Stage for new leads. */
    public Builder initialStage(LifecycleStage value) {
      stage = Optional.of(dev.leadkit.core.internal.Args.notNull(value, "initialStage"));
      return this;
    }

    /** Records a touchpoint for every imported row (e.g. the booth visit). */
    public Builder touchpoint(TouchpointType type, Instant at, Map<PropertyKey, String> props) {
      dev.leadkit.core.internal.Args.notNull(type, "type");
      dev.leadkit.core.internal.Args.notNull(at, "at");
      dev.leadkit.core.internal.Args.notNull(props, "props");
      touchpoint = Optional.of(new RowTouchpoint(type, at, props));
      return this;
    }

    /**
     * The charset of the file's bytes, instead of detecting it. Set it when a file is neither
     * UTF-8 nor Windows-31J, or when a short file could be read as either. For Japanese Excel
     * files prefer {@code Charset.forName("Windows-31J")} to {@code Shift_JIS}: only the former
     * has the characters Windows adds, such as {@code ㈱} and {@code ①}.
     *
     * @throws InvalidValueException if the charset was already set
     */
    public Builder charset(Charset value) {
      Args.notNull(value, "charset");
      if (charset.isPresent()) {
        throw new InvalidValueException("charset was already set to " + charset.get().name()
            + ", cannot set it to " + value.name());
      }
      charset = Optional.of(value);
      return this;
    }

    /**
     * The character between cells (default {@code ,}): any single character other than a line
     * break, e.g. {@code '\t'} or {@code ';'}.
     *
     * @throws InvalidValueException if it is a line break, or the delimiter was already set
     */
    public Builder delimiter(char value) {
      if (delimiter.isPresent()) {
        throw new InvalidValueException("delimiter was already set to "
            + describe(delimiter.get()) + ", cannot set it to " + describe(value));
      }
      checkFormatChar("delimiter", value);
      delimiter = Optional.of(value);
      return this;
    }

    /**
     * The character that encloses a cell (default {@code "}); inside a quoted cell it is written
     * twice.
     *
     * @throws InvalidValueException if it is a line break, or the quote character was already
     *     set
     */
    public Builder quoteChar(char value) {
      if (quoteChar.isPresent()) {
        throw new InvalidValueException("quote character was already set to "
            + describe(quoteChar.get()) + ", cannot set it to " + describe(value));
      }
      checkFormatChar("quote character", value);
      quoteChar = Optional.of(value);
      return this;
    }

    /**
     * The spec.
     *
     * @throws InvalidValueException if the delimiter and the quote character are the same
     */
    public CsvImportSpec build() {
      return new CsvImportSpec(source, emailColumn, columns, consents, owner, stage, touchpoint,
          charset, delimiter.orElse(COMMA), quoteChar.orElse(DOUBLE_QUOTE));
    }
  }
}
