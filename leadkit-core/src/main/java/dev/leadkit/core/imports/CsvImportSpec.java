package dev.leadkit.core.imports;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
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
 * <p>Header names match case-insensitively, ignoring surrounding blanks and a byte-order mark.
 * The file must be UTF-8 (decode other encodings in the {@link java.io.Reader}). Numbers accept
 * thousands separators and full-width digits; dates accept {@code 2025-10-08} and
 * {@code 2025/10/08}; booleans accept true/false, yes/no, 1/0; lists are split on {@code ;}.
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
 */
public record CsvImportSpec(String source, String emailColumn, Map<String, Column> columns,
    Map<Channel, ConsentStatus> consents, Optional<OwnerId> owner,
    Optional<LifecycleStage> initialStage, Optional<RowTouchpoint> touchpoint) {

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
      return column(header, key, AttributeValue.Kind.TEXT);
    }

    /** Maps a column parsed as {@code kind}. */
    public Builder column(String header, AttributeKey key, AttributeValue.Kind kind) {
      String h = header(header);
      if (columns.containsKey(h)) {
        throw new InvalidValueException("column \"" + header + "\" mapped twice");
      }
      columns.put(h, new Column(key, kind));
      return this;
    }

    /** Consent for every imported lead on {@code channel}, where it has none yet. */
    public Builder consent(Channel channel, ConsentStatus status) {
      consents.put(channel, status);
      return this;
    }

    /** Owner for every imported lead. */
    public Builder owner(OwnerId value) {
      owner = Optional.of(value);
      return this;
    }

    /** Stage for new leads. */
    public Builder initialStage(LifecycleStage value) {
      stage = Optional.of(value);
      return this;
    }

    /** Records a touchpoint for every imported row (e.g. the booth visit). */
    public Builder touchpoint(TouchpointType type, Instant at, Map<PropertyKey, String> props) {
      touchpoint = Optional.of(new RowTouchpoint(type, at, props));
      return this;
    }

    /** The spec. */
    public CsvImportSpec build() {
      return new CsvImportSpec(source, emailColumn, columns, consents, owner, stage, touchpoint);
    }
  }
}
