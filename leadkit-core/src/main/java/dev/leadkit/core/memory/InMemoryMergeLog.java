package dev.leadkit.core.memory;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.MergeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Merge records in insertion order, guarded by one monitor. */
final class InMemoryMergeLog implements MergeLog {
  private final Map<MergeId, MergeRecord> records = new LinkedHashMap<>();

  @Override
  public synchronized boolean append(MergeRecord record) {
    return records.putIfAbsent(record.id(), record) == null;
  }

  @Override
  public synchronized Optional<MergeRecord> find(MergeId id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public synchronized List<MergeRecord> findByLead(LeadId lead) {
    List<MergeRecord> out = new ArrayList<>();
    for (MergeRecord r : records.values()) {
      if (r.survivor().equals(lead) || r.merged().equals(lead)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(MergeRecord::at).thenComparing(MergeRecord::id));
    return out;
  }

  @Override
  public synchronized boolean markUndone(MergeId id, MergeRecord.Undo undo) {
    MergeRecord r = records.get(id);
    if (r == null || r.isUndone()) {
      return false;
    }
    records.put(id, r.withUndo(undo));
    return true;
  }

  @Override
  public synchronized int deleteInvolving(LeadId lead) {
    int before = records.size();
    records.values().removeIf(r -> r.survivor().equals(lead) || r.merged().equals(lead));
    return before - records.size();
  }
}
