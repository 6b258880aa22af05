package dev.leadkit.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.google.common.hash.Hashing;
import dev.leadkit.core.ImportException;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.TrackResult;
import dev.leadkit.core.UpsertResult;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.imports.DuplicateRow;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.imports.RowError;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Runs a CSV import for {@link LeadKit#importCsv}. Not API. */
public final class CsvImporter {
  private static final int BATCH = 500;
  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");

  private CsvImporter() {}

  private record Row(long line, LeadInput input) {}

  /** Reads the text {@code csv} under {@code spec} and imports the good rows into {@code kit}. */
  public static ImportReport run(LeadKit kit, Reader csv, CsvImportSpec spec) {
    return run(kit, csv, spec, List.of(), Optional.empty());
  }

  /**
   * Reads {@code in} to its end, decodes it in the spec's charset or the detected one (see
   * {@link CsvImportSpec}), and imports the good rows into {@code kit}. Does not close {@code in}.
   */
  public static ImportReport run(LeadKit kit, InputStream in, CsvImportSpec spec) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ImportException("could not read CSV: " + e.getMessage(), e);
    }
    CsvDecoding.Decoded text = CsvDecoding.decode(bytes, spec.charset());
    return run(kit, new StringReader(text.text()), spec, text.bad(),
        Optional.of(text.charset()));
  }

  private static ImportReport run(LeadKit kit, Reader csv, CsvImportSpec spec,
      List<CsvDecoding.BadBytes> bad, Optional<Charset> charset) {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(spec.delimiter())
        .withQuoteChar(spec.quoteChar());
    List<RowError> errors = new ArrayList<>();
    List<DuplicateRow> duplicates = new ArrayList<>();
    Map<EmailAddress, Long> firstLines = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    int read = 0;
    // bad bytes (decoded as placeholders) are matched to rows by the parser's char offset: a row
    // owns the chars after the previous row's last char up to and including its own last char
    int nextBad = 0;
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema)
        .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv)) {
      if (!it.hasNextValue()) {
        throw new ImportException("the file is empty: no header row");
      }
      String[] header = it.nextValue();
      long end = it.getCurrentLocation().getCharOffset();
      if (!bad.isEmpty() && bad.get(0).charOffset() <= end) {
        throw new ImportException("the header row is not readable: " + bad.get(0).describe()
            + "; nothing was imported");
      }
      Map<String, Integer> index = headerIndex(header);
      Integer emailAt = index.get(spec.emailColumn());
      if (emailAt == null) {
        throw new ImportException("no e-mail column \"" + spec.emailColumn() + "\" in header "
            + Arrays.toString(header) + hint(spec, header));
      }
      for (String col : spec.columns().keySet()) {
        if (!index.containsKey(col)) {
          throw new ImportException("mapped column \"" + col + "\" is not in header "
              + Arrays.toString(header));
        }
      }
      long line = it.getCurrentLocation().getLineNr();
      boolean complete = true;
      while (true) {
        String[] cells;
        long start = line;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          cells = it.nextValue();
        } catch (RuntimeException | IOException e) {
          // a broken quote makes the rest of the file unreadable: report it and keep what was good
          errors.add(new RowError(start, "malformed CSV: " + firstLine(e.getMessage())));
          read++;
          complete = false;
          break;
        }
        line = it.getCurrentLocation().getLineNr();
        end = it.getCurrentLocation().getCharOffset();
        CsvDecoding.BadBytes inRow = null;
        while (nextBad < bad.size() && bad.get(nextBad).charOffset() <= end) {
          inRow = inRow == null ? bad.get(nextBad) : inRow;
          nextBad++;
        }
        if (inRow != null) {
          read++;
          errors.add(new RowError(start, inRow.describeInRow()));
          continue;
        }
        if (isBlank(cells)) {
          continue;
        }
        read++;
        try {
          LeadInput input = toInput(cells, header.length, index, emailAt, spec);
          Long first = firstLines.putIfAbsent(input.email(), start);
          if (first != null) {
            duplicates.add(new DuplicateRow(input.email(), first, start));
          }
          rows.add(new Row(start, input));
        } catch (LeadkitException e) {
          errors.add(new RowError(start, e.getMessage()));
        }
      }
      if (complete && nextBad < bad.size()) {
        // cannot happen if the parser's offsets are right; refuse rather than import a guess
        throw new ImportException("could not place " + bad.get(nextBad).describe()
            + " in a row; nothing was imported");
      }
    } catch (JsonProcessingException e) {
      throw new ImportException("could not read CSV header: " + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new ImportException("could not read CSV: " + e.getMessage(), e);
    }
    return write(kit, spec, rows, errors, duplicates, read, charset);
  }

  /** A hint when the header looks split on another delimiter than the spec's. */
  private static String hint(CsvImportSpec spec, String[] header) {
    if (header.length != 1 || header[0] == null) {
      return "";
    }
    for (char c : new char[] {',', '\t', ';', '|'}) {
      if (c != spec.delimiter() && header[0].indexOf(c) >= 0) {
        return " (the header has one column; is the delimiter "
            + (c == '\t' ? "a tab" : "'" + c + "'") + "?)";
      }
    }
    return "";
  }

  private static ImportReport write(LeadKit kit, CsvImportSpec spec, List<Row> rows,
      List<RowError> errors, List<DuplicateRow> duplicates, int read,
      Optional<Charset> charset) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int recorded = 0;
    Set<EmailAddress> counted = new HashSet<>();
    for (int i = 0; i < rows.size(); i += BATCH) {
      List<Row> chunk = rows.subList(i, Math.min(rows.size(), i + BATCH));
      List<UpsertResult> results = kit.upsertLeads(chunk.stream().map(Row::input).toList());
      List<Touchpoint> tps = new ArrayList<>();
      for (UpsertResult r : results) {
        if (counted.add(r.lead().email())) {
          switch (r.outcome()) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            default -> throw new IllegalStateException();
          }
          spec.touchpoint().ifPresent(t -> tps.add(rowTouchpoint(spec, t, r)));
        }
        // a later row with the same address was merged into that lead and is reported in
        // duplicates; its upsert result (possibly from a later batch) is not counted again
      }
      for (TrackResult t : kit.trackAll(tps)) {
        recorded += t.recorded() ? 1 : 0;
      }
    }
    errors.sort((a, b) -> Long.compare(a.line(), b.line()));
    return new ImportReport(read, created, updated, unchanged, recorded, errors, duplicates,
        charset);
  }

  private static Touchpoint rowTouchpoint(CsvImportSpec spec, CsvImportSpec.RowTouchpoint t,
      UpsertResult r) {
    String hash = Hashing.sha256().hashString(r.lead().email().value(), StandardCharsets.UTF_8)
        .toString().substring(0, 32);
    Touchpoint.Builder b = Touchpoint.forLead(r.lead().id(), t.type(), t.at())
        .id(TouchpointId.of("import:" + spec.source() + ":" + hash)).channel(Channel.OFFLINE);
    t.properties().forEach(b::property);
    return b.build();
  }

  private static LeadInput toInput(String[] cells, int width, Map<String, Integer> index,
      int emailAt, CsvImportSpec spec) {
    if (cells.length > width) {
      throw new ImportException("row has " + cells.length + " cells but the header has " + width);
    }
    String rawEmail = cell(cells, emailAt);
    if (rawEmail.isBlank()) {
      throw new ImportException("e-mail address is empty");
    }
    LeadInput.Builder b = LeadInput.email(rawEmail);
    for (Map.Entry<String, CsvImportSpec.Column> c : spec.columns().entrySet()) {
      Integer at = index.get(c.getKey());
      if (at == null) {
        // the header check before the first row rejects a spec column missing from the header
        throw new ImportException("header has no column \"" + c.getKey() + "\"");
      }
      String raw = cell(cells, at).strip();
      if (raw.isEmpty()) {
        continue;
      }
      b.attribute(c.getValue().key(), parse(c.getKey(), raw, c.getValue().kind()));
    }
    b.attributeIfMissing(AttributeKey.SOURCE, AttributeValue.text(spec.source()));
    for (Map.Entry<Channel, ConsentStatus> c : spec.consents().entrySet()) {
      b.consent(c.getKey(), c.getValue(), spec.source());
    }
    spec.owner().ifPresent(b::owner);
    spec.initialStage().ifPresent(b::initialStage);
    return b.build();
  }

  static AttributeValue parse(String column, String raw, AttributeValue.Kind kind) {
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    try {
      return switch (kind) {
        case TEXT -> AttributeValue.text(raw.strip());
        case NUMBER -> AttributeValue.number(new BigDecimal(s.replace(",", "")));
        case BOOLEAN -> AttributeValue.bool(bool(s));
        case DATE -> AttributeValue.date(s.contains("/")
            ? LocalDate.parse(s, SLASHED) : LocalDate.parse(s));
        case INSTANT -> AttributeValue.instant(Instant.parse(s));
        case LIST -> AttributeValue.list(Arrays.stream(raw.split(";")).map(String::strip)
            .filter(x -> !x.isEmpty()).toList());
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new ImportException("column \"" + column + "\": \"" + raw + "\" is not a valid "
          + kind.name().toLowerCase(Locale.ROOT));
    }
  }

  private static boolean bool(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> {
        return true;
      }
      case "false", "no", "n", "0" -> {
        return false;
      }
      default -> throw new NumberFormatException(s);
    }
  }

  private static Map<String, Integer> headerIndex(String[] header) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      String h = header[i] == null ? "" : header[i].replace("\uFEFF", "").strip()
          .toLowerCase(Locale.ROOT);
      if (!h.isEmpty() && index.putIfAbsent(h, i) != null) {
        throw new ImportException("header has column \"" + header[i] + "\" twice");
      }
    }
    return index;
  }

  private static String cell(String[] cells, int i) {
    return i < cells.length && cells[i] != null ? cells[i] : "";
  }

  private static boolean isBlank(String[] cells) {
    for (String c : cells) {
      if (c != null && !c.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
