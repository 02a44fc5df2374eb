package org.openvitals.app.quality;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * One thing worth a look on the quality screen.
 *
 * @param sources the sources concerned, preferred first (two for a disagreement)
 * @param at the sample's time for an implausible or repeated sample, else null
 * @param problem what is wrong, in one sentence
 */
public record Finding(
    Kind kind,
    MetricType metric,
    LocalDate day,
    List<SourceRef> sources,
    OffsetDateTime at,
    String problem) {

  public Finding {
    sources = List.copyOf(sources);
  }

  /** What kind of problem, most serious first. */
  public enum Kind {
    DISAGREEMENT("Sources disagree"),
    IMPLAUSIBLE("Implausible sample"),
    DUPLICATE("Repeated samples"),
    STALE("Data stops early"),
    INCOMPLETE("Little of the day");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
