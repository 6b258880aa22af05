package dev.leadkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class IdCharsTest {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,20}");

  @Property(tries = 2000)
  void givesTheSameAnswerAsTheCharacterClassItReplaces(
      @ForAll @StringLength(max = 24) @CharRange(from = ' ', to = '~') @Chars({'\u00e9', '\u3042'})
          String value) {
    assertThat(IdChars.matches(value, 20, "._:/-")).isEqualTo(KEY.matcher(value).matches());
  }

  @Test
  void refusesNullEmptyTooLongAndForeignCharacters() {
    assertThat(IdChars.matches(null, 10, "-")).isFalse();
    assertThat(IdChars.matches("", 10, "-")).isFalse();
    assertThat(IdChars.matches("abcdefghijk", 10, "-")).isFalse();
    assertThat(IdChars.matches("a b", 10, "-")).isFalse();
    assertThat(IdChars.matches("a/b", 10, "-")).isFalse();
    assertThat(IdChars.matches("a/b", 10, "/")).isTrue();
    assertThat(IdChars.matches("Az09-", 5, "-")).isTrue();
  }
}
