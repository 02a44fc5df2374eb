package org.openvitals.connectors.applehealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.connectors.files.ImportReport;

/** Counts kept by the parsing thread while an export is read. */
final class ImportTally {
  long read;
  long rejected;

  /** Samples not sent to the store because an earlier run committed them (resume). */
  long alreadyCommitted;

  final List<String> reasons = new ArrayList<>();
  final Map<String, Long> unmapped = new TreeMap<>();
  final Map<String, Long> details = new TreeMap<>();

  /** Records kept as other types, by type. */
  final Map<String, Long> other = new TreeMap<>();

  void reject(String reason) {
    rejected++;
    if (reasons.size() < ImportReport.Rejected.MAX_REASONS) {
      reasons.add(ImportReport.Rejected.capped(reason));
    }
  }

  void unmapped(String type) {
    unmapped.merge(type == null || type.isBlank() ? "(no type)" : type, 1L, Long::sum);
  }

  void other(String type) {
    other.merge(type, 1L, Long::sum);
  }

  void count(String key) {
    count(key, 1);
  }

  void count(String key, long n) {
    details.merge(key, n, Long::sum);
  }
}
