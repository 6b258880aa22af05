package dev.leadkit.journey.memory;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Send records by key and by lead. All operations hold one monitor. */
final class InMemorySendLog implements SendLog {
  private static final Comparator<SendRecord> ORDER =
      Comparator.comparing(SendRecord::at).thenComparing(r -> r.key().value());

  private final Map<MessageKey, SendRecord> byKey = new HashMap<>();
  private final Map<LeadId, List<SendRecord>> byLead = new HashMap<>();

  @Override
  public synchronized Reservation reserve(SendRecord message, List<FrequencyCap> caps) {
    if (byKey.containsKey(message.key())) {
      return Reservation.ALREADY_RECORDED;
    }
    List<SendRecord> mine = byLead.getOrDefault(message.lead(), List.of());
    if (!message.operational()) {
      for (FrequencyCap cap : caps) {
        if (!cap.channel().equals(message.channel())) {
          continue;
        }
        long near = mine.stream().filter(r -> !r.operational()
            && r.channel().equals(message.channel())
            && Math.abs(r.at().toEpochMilli() - message.at().toEpochMilli())
                < cap.window().toMillis()).count();
        if (near >= cap.max()) {
          return Reservation.CAPPED;
        }
      }
    }
    byKey.put(message.key(), message);
    List<SendRecord> list = byLead.computeIfAbsent(message.lead(), k -> new ArrayList<>());
    list.add(message);
    list.sort(ORDER);
    return Reservation.RESERVED;
  }

  @Override
  public synchronized Optional<SendRecord> find(MessageKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  @Override
  public synchronized int deleteLead(LeadId lead) {
    List<SendRecord> gone = byLead.remove(lead);
    if (gone == null) {
      return 0;
    }
    gone.forEach(r -> byKey.remove(r.key()));
    return gone.size();
  }

  @Override
  public synchronized List<SendRecord> forLead(LeadId lead, Instant since) {
    return byLead.getOrDefault(lead, List.of()).stream()
        .filter(r -> !r.at().isBefore(since)).toList();
  }
}
