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
    DISAGREEMENT("Sources disagree", "disagreement", "disagreements"),
    IMPLAUSIBLE("Implausible sample", "implausible sample", "implausible samples"),
    DUPLICATE("Repeated samples", "repeated sample", "repeated samples"),
    STALE("Data stops early", "source stopping early", "sources stopping early"),
    INCOMPLETE("Little of the day", "thinly covered day", "thinly covered days");

    private final String label;
    private final String one;
    private final String many;

    Kind(String label, String one, String many) {
      this.label = label;
      this.one = one;
      this.many = many;
    }

    public String label() {
      return label;
    }

    /** "1 disagreement", "3 disagreements". */
    public String count(int n) {
      return n + " " + (n == 1 ? one : many);
    }
  }
}
