package dev.leadkit.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressiveProfileTest {
  private final ProgressiveProfile form = ProgressiveProfile.of(List.of(AttributeKey.COMPANY,
      AttributeKey.TITLE, AttributeKey.INDUSTRY, AttributeKey.COMPANY_SIZE,
      AttributeKey.BUDGET));

  @Test
  void asksTheFirstTwoFieldsNotYetKnown() {
    Attributes known = Attributes.empty().with(AttributeKey.COMPANY, "ACME")
        .with(AttributeKey.INDUSTRY, "manufacturing").with(AttributeKey.FIRST_NAME, "花子");
    assertThat(form.nextFields(known)).containsExactly(AttributeKey.TITLE,
        AttributeKey.COMPANY_SIZE);
    assertThat(form.askingAtMost(1).nextFields(known)).containsExactly(AttributeKey.TITLE);
  }

  @Test
  void aNewLeadIsAskedTheHighestPriorityFields() {
    assertThat(form.nextFields(Attributes.empty())).containsExactly(AttributeKey.COMPANY,
        AttributeKey.TITLE);
  }

  @Test
  void aCompleteProfileIsAskedNothing() {
    Attributes all = Attributes.empty().with(AttributeKey.COMPANY, "A")
        .with(AttributeKey.TITLE, "B").with(AttributeKey.INDUSTRY, "C")
        .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(300))
        .with(AttributeKey.BUDGET, AttributeValue.number(1_000_000));
    assertThat(form.nextFields(all)).isEmpty();
    assertThat(form.isComplete(all)).isTrue();
    assertThat(form.nextFields(all.without(AttributeKey.BUDGET)))
        .containsExactly(AttributeKey.BUDGET);
  }

  @Test
  void aFieldListedTwiceOrAZeroLimitIsRefused() {
    assertThatThrownBy(() -> ProgressiveProfile.of(List.of(AttributeKey.TITLE,
        AttributeKey.TITLE))).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("title");
    assertThatThrownBy(() -> form.askingAtMost(0)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("0");
  }
}
