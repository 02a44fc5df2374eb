package org.openvitals.core.store;

import java.util.List;

/** The result of an integrity check: empty problems means healthy. */
public record IntegrityReport(List<String> problems) {
  public IntegrityReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
