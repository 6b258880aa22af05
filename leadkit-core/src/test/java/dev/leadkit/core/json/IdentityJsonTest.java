package dev.leadkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.testkit.MergeLogContract;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityJsonTest {
  private static MergeRecord sample() {
    return MergeLogContract.record("m1", "a", "b", 0);
  }

  @Test
  void mergeRecordsRoundTripIncludingBeforeImagesAndUndo() {
    MergeRecord r = sample().withUndo(new MergeRecord.Undo("bob", "two people",
        Instant.parse("2025-10-09T00:00:00Z")));
    String text = LeadkitJson.write(IdentityJson.mergeRecord(r));
    assertThat(IdentityJson.mergeRecord(LeadkitJson.parse(text))).isEqualTo(r);
  }

  @Test
  void visitorLinksAndAliasesRoundTrip() {
    VisitorLink l = new VisitorLink(VisitorId.of("v1"), LeadId.of("a"), "tagged_link",
        Instant.parse("2025-10-08T01:00:00Z"));
    LeadAlias a = new LeadAlias(LeadId.of("a"), EmailAddress.parse("a@example.com"),
        LeadId.of("b"), "m1");
    assertThat(IdentityJson.visitorLink(IdentityJson.visitorLink(l))).isEqualTo(l);
    assertThat(IdentityJson.leadAlias(IdentityJson.leadAlias(a))).isEqualTo(a);
  }

  @Test
  void aBrokenMergeRecordIsRefusedNamingTheField() {
    var n = IdentityJson.mergeRecord(sample());
    n.put("forced", "yes");
    assertThatThrownBy(() -> IdentityJson.mergeRecord(n)).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("forced");
  }
}
