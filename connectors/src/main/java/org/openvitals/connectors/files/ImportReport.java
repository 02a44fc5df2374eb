package org.openvitals.connectors.files;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one import, shown at the end and printed by {@code import --json}.
 *
 * @param file the file imported
 * @param format the importer's id
 * @param read records read from the file (every element or row that could hold data)
 * @param stored samples newly stored
 * @param updated samples whose stored content changed
 * @param duplicates samples already stored exactly so
 * @param rejected records skipped for a problem, with the first reasons
 * @param unmapped record types OpenVitals does not map yet, by name, with counts
 * @param cancelled true when the user cancelled; what was committed stays
 * @param details importer-specific counts worth showing (e.g. workouts, routes joined, files seen
 *     but not stored), by name
 * @param other records of types the catalog does not know, kept as written under their source's
 *     name for the type (docs/decisions/0008-unknown-types.md), with counts
 * @param span when the samples read for storing start and end; null when there were none
 */
public record ImportReport(
    String file,
    String format,
    long read,
    long stored,
    long updated,
    long duplicates,
    Rejected rejected,
    Map<String, Long> unmapped,
    Duration elapsed,
    boolean cancelled,
    Map<String, Long> details,
    Map<String, Long> other,
    Span span) {

  /**
   * The first sample's start and the last sample's end, so people see which days an import holds.
   */
  public record Span(Instant first, Instant last) {}

  public ImportReport {
    unmapped = Map.copyOf(unmapped);
    details = details == null ? Map.of() : Map.copyOf(details);
    other = other == null ? Map.of() : Map.copyOf(other);
  }

  /**
   * Records skipped, with reasons. Only the first {@link #MAX_REASONS} reasons are kept, each
   * naming the record (line, row or element); {@code count} is the full number.
   */
  public record Rejected(long count, List<String> reasons) {
    public static final int MAX_REASONS = 100;

    /** A reason longer than this is cut: a 20 MB cell must not become a 20 MB message. */
    public static final int MAX_REASON_CHARS = 300;

    /** The longest piece of a value a reason quotes. */
    static final int MAX_QUOTED_CHARS = 60;

    public Rejected {
      reasons = reasons.stream().map(Rejected::capped).toList();
    }

    /** {@code reason}, cut to {@link #MAX_REASON_CHARS} with its full length named. */
    public static String capped(String reason) {
      if (reason.length() <= MAX_REASON_CHARS) {
        return reason;
      }
      return reason.substring(0, MAX_REASON_CHARS)
          + "... ("
          + String.format(Locale.ROOT, "%,d", reason.length())
          + " characters)";
    }

    /**
     * A value from the file, quoted for a reason: {@code 'value'}, or its start and its length when
     * it is long ({@code 'aaaa...' (20,971,520 characters)}).
     */
    public static String quote(String value) {
      if (value.length() <= MAX_QUOTED_CHARS) {
        return "'" + value + "'";
      }
      return "'"
          + value.substring(0, MAX_QUOTED_CHARS)
          + "...' ("
          + String.format(Locale.ROOT, "%,d", value.length())
          + " characters)";
    }
  }
}
