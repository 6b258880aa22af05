package dev.leadkit.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.imports.RowError;
import dev.leadkit.core.time.ManualClock;
import java.io.StringReader;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeZoneAttributeTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final LeadKit kit = LeadKit.builder().clock(clock).build();

  @Test
  void validZonesAreKeptAndReadBack() {
    Lead tokyo = kit.upsertLead(LeadInput.email("tokyo@example.com")
        .attribute(AttributeKey.TIME_ZONE, "Asia/Tokyo").build()).lead();
    Lead offset = kit.upsertLead(LeadInput.email("offset@example.com")
        .attribute(AttributeKey.TIME_ZONE, "+09:00").build()).lead();
    Lead none = kit.upsertLead(LeadInput.email("none@example.com").build()).lead();
    assertThat(tokyo.timeZone()).contains(ZoneId.of("Asia/Tokyo"));
    assertThat(offset.timeZone()).contains(ZoneOffset.ofHours(9));
    assertThat(none.timeZone()).isEmpty();
  }

  @Test
  void anInvalidZoneIsRefusedAtUpsertWithTheTypedErrorAndNothingIsWritten() {
    assertThatThrownBy(() -> kit.upsertLead(LeadInput.email("mars@example.com")
        .attribute(AttributeKey.TIME_ZONE, "Mars/Olympus").build()))
        .isInstanceOf(InvalidTimeZoneException.class).hasMessageContaining("\"Mars/Olympus\"");
    assertThatThrownBy(() -> LeadInput.email("num@example.com")
        .attribute(AttributeKey.TIME_ZONE, AttributeValue.number(9)).build())
        .isInstanceOf(InvalidTimeZoneException.class).hasMessageContaining("\"9\"");
    assertThatThrownBy(() -> LeadInput.email("blank@example.com")
        .attributeIfMissing(AttributeKey.TIME_ZONE, AttributeValue.text("JST+9")).build())
        .isInstanceOf(InvalidTimeZoneException.class);
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void modifyRefusesAnInvalidZoneAndKeepsTheStoredLead() {
    Lead lead = kit.upsertLead(LeadInput.email("a@example.com")
        .attribute(AttributeKey.TIME_ZONE, "Europe/London").build()).lead();
    assertThatThrownBy(() -> kit.modify(lead.id(), l -> l.withAttributes(
        l.attributes().with(AttributeKey.TIME_ZONE, "Europe/Londn"), clock.instant())))
        .isInstanceOf(InvalidTimeZoneException.class);
    assertThat(kit.require(lead.id()).timeZone()).contains(ZoneId.of("Europe/London"));
    assertThat(kit.require(lead.id()).version()).isEqualTo(lead.version());
  }

  @Test
  void csvRowsWithAnInvalidZoneAreReportedAndTheOthersImported() {
    CsvImportSpec spec = CsvImportSpec.custom("zones").emailColumn("email")
        .column("tz", AttributeKey.TIME_ZONE).build();
    ImportReport report = kit.importCsv(new StringReader("""
        email,tz
        good@example.com,Asia/Tokyo
        bad@example.com,Tokyo
        """), spec);
    assertThat(report.created()).isEqualTo(1);
    assertThat(report.errors()).extracting(RowError::line).containsExactly(3L);
    assertThat(report.errors().get(0).reason()).contains("time_zone");
    assertThat(kit.leadByEmail("bad@example.com")).isEmpty();
  }
}
