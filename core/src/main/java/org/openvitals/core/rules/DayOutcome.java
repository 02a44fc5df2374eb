package org.openvitals.core.rules;

import java.util.List;

/**
 * Everything the rules decided for one metric on one day.
 *
 * @param resolved the merged value, or null when no source has usable data that day
 * @param sources each source with data, preferred first
 * @param detail the evidence, or null when resolving without detail
 */
public record DayOutcome(
    ResolvedDay resolved,
    List<SourceDay> sources,
    List<SourceOverride> overrides,
    List<QualityFlag> flags,
    Detail detail) {

  public DayOutcome {
    sources = List.copyOf(sources);
    overrides = List.copyOf(overrides);
    flags = List.copyOf(flags);
  }
}
