package org.openvitals.core.rules;

import java.time.OffsetDateTime;
import org.openvitals.core.model.SourceRef;

/**
 * Something about the data worth a look; the data is kept either way.
 *
 * @param at the sample's start for sample flags, when the data stops for {@link Kind#STALE}, null
 *     for other day-level flags
 * @param message the sentence for flags other than {@link Kind#IMPLAUSIBLE}; null for those, whose
 *     facts are in {@code implausible} ({@link ExplanationText#flag} words either)
 * @param implausible why the sample is implausible; null for other kinds
 */
public record QualityFlag(
    Kind kind,
    SourceRef source,
    OffsetDateTime at,
    String message,
    Plausibility.Problem implausible) {

  public QualityFlag(Kind kind, SourceRef source, OffsetDateTime at, String message) {
    this(kind, source, at, message, null);
  }

  /** An implausible sample of {@code source} starting {@code at}. */
  public static QualityFlag implausible(
      SourceRef source, OffsetDateTime at, Plausibility.Problem problem) {
    return new QualityFlag(Kind.IMPLAUSIBLE, source, at, null, problem);
  }

  public enum Kind {
    /** Outside the plausible range for the metric: kept, listed, never primary. */
    IMPLAUSIBLE,
    /** The same source recorded the same time span more than once. */
    DUPLICATE,
    /** The source covered little of the day (wear time). */
    INCOMPLETE,
    /** The source's data stops part-way through the day and nothing newer has arrived. */
    STALE
  }
}
