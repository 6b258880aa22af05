package dev.leadkit.core.internal;

import dev.leadkit.core.ImportException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Turns the bytes of a CSV file into text: strict decoding in a given charset, or detection of
 * UTF-8 (with or without a byte-order mark) and Windows-31J. Never produces mojibake: bytes that
 * are not valid in the charset are reported with where they are, never silently replaced.
 */
final class CsvDecoding {
  /** What Japanese Excel writes: Shift_JIS with the Microsoft extensions (㈱, ①, ...). */
  static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

  /** Stands in the text for bad bytes, so the parser keeps its offsets; the row is refused. */
  private static final char PLACEHOLDER = '\uFFFD';

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private CsvDecoding() {}

  /**
   * Bytes that are not valid in the charset.
   *
   * @param charOffset where the placeholder for them is in the decoded text
   * @param line the 1-based line they are on
   * @param bytes the bad bytes
   * @param charset the charset they are not valid in
   */
  record BadBytes(int charOffset, long line, byte[] bytes, Charset charset) {
    String hex() {
      StringJoiner j = new StringJoiner(" ");
      for (byte b : bytes) {
        j.add(String.format(Locale.ROOT, "0x%02X", b & 0xFF));
      }
      return j.toString();
    }

    /** Which bytes, and where. */
    String where() {
      return (bytes.length == 1 ? "byte " : "bytes ") + hex() + " at line " + line;
    }

    /** For a file-level message. */
    String describe() {
      return where() + (bytes.length == 1 ? " is" : " are") + " not valid " + charset.name();
    }

    /** For a row error, which carries the line itself. */
    String describeInRow() {
      return (bytes.length == 1 ? "byte " : "bytes ") + hex()
          + (bytes.length == 1 ? " is" : " are") + " not valid " + charset.name()
          + "; the row was not imported";
    }
  }

  /**
   * Decoded text.
   *
   * @param text the text, without a byte-order mark; bad bytes appear as one placeholder each
   * @param charset the charset used
   * @param bad the bad bytes, in file order; empty when the whole file was valid
   */
  record Decoded(String text, Charset charset, List<BadBytes> bad) {}

  /**
   * Decodes {@code bytes} in {@code charset}, or detects it. With a charset (given, or implied by
   * a UTF-8 byte-order mark) bad bytes are returned for the rows to refuse; when detecting, a file
   * that is neither valid UTF-8 nor valid Windows-31J throws.
   */
  static Decoded decode(byte[] bytes, Optional<Charset> charset) {
    boolean bom = startsWith(bytes, UTF8_BOM);
    if (charset.isPresent()) {
      Charset cs = charset.get();
      if (bom && !cs.equals(StandardCharsets.UTF_8)) {
        throw new ImportException("the file starts with a UTF-8 byte-order mark, but the import"
            + " spec says its charset is " + cs.name() + "; nothing was imported");
      }
      return decode(bytes, bom ? UTF8_BOM.length : 0, cs, false);
    }
    if (bom) {
      return decode(bytes, UTF8_BOM.length, StandardCharsets.UTF_8, false);
    }
    Decoded utf8 = decode(bytes, 0, StandardCharsets.UTF_8, true);
    if (utf8.bad().isEmpty()) {
      return utf8;
    }
    Decoded sjis = decode(bytes, 0, WINDOWS_31J, true);
    if (sjis.bad().isEmpty()) {
      return sjis;
    }
    throw new ImportException("the file is neither UTF-8 (" + utf8.bad().get(0).where()
        + " is not valid) nor Windows-31J (" + sjis.bad().get(0).where() + " is not valid);"
        + " set the charset on the import spec if it is another one; nothing was imported");
  }

  /**
   * Decodes strictly from {@code from}. With {@code stopAtFirst} it returns at the first bad
   * bytes (with a partial text), for detection; otherwise it records every bad sequence and puts
   * a placeholder in its place.
   */
  private static Decoded decode(byte[] bytes, int from, Charset cs, boolean stopAtFirst) {
    CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    CharBuffer out = CharBuffer.allocate(
        (int) Math.min(Integer.MAX_VALUE - 16, (long) (bytes.length * 1.1) + 16));
    List<BadBytes> bad = new ArrayList<>();
    Lines lines = new Lines();
    boolean flushing = false;
    while (true) {
      CoderResult r = flushing ? dec.flush(out) : dec.decode(in, out, true);
      if (r.isOverflow()) {
        out = grow(out);
      } else if (r.isError()) {
        byte[] seq = new byte[r.length()];
        in.get(seq);
        bad.add(new BadBytes(out.position(), lines.at(out), seq, cs));
        if (stopAtFirst) {
          break;
        }
        if (!out.hasRemaining()) {
          out = grow(out);
        }
        out.put(PLACEHOLDER);
      } else if (!flushing) {
        flushing = true;
      } else {
        break;
      }
    }
    out.flip();
    String text = out.toString();
    // a charset that keeps a byte-order mark as a character (e.g. UTF-8 without the mark
    // skipped): the header reader ignores it, but drop it so cells never start with it
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
      List<BadBytes> shifted = new ArrayList<>(bad.size());
      for (BadBytes b : bad) {
        shifted.add(new BadBytes(b.charOffset() - 1, b.line(), b.bytes(), b.charset()));
      }
      bad = shifted;
    }
    return new Decoded(text, cs, List.copyOf(bad));
  }

  private static CharBuffer grow(CharBuffer out) {
    CharBuffer bigger = CharBuffer.allocate(Math.max(16, out.capacity() * 2));
    out.flip();
    bigger.put(out);
    return bigger;
  }

  /** Counts lines in the decoded text as it grows; CR LF, CR and LF each end a line. */
  private static final class Lines {
    private int scanned;
    private long line = 1;
    private boolean afterCr;

    /** The 1-based line at the end of what was decoded so far. */
    long at(CharBuffer out) {
      int end = out.position();
      for (; scanned < end; scanned++) {
        char c = out.get(scanned);
        if (c == '\n') {
          line += afterCr ? 0 : 1;
        } else if (c == '\r') {
          line++;
        }
        afterCr = c == '\r';
      }
      return line;
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
