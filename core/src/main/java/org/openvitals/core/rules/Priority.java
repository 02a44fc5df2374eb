package org.openvitals.core.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.SourceRef;

/**
 * The ranking of sources for one metric: rank 0 is the preferred source. Built by {@link
 * SourcePreferences#priorityFor} over the sources that actually hold data, so every source asked
 * about has a rank.
 */
public final class Priority {
  private final List<SourceRef> order;
  private final Map<SourceRef, Integer> ranks;

  public Priority(List<SourceRef> order) {
    this.order = List.copyOf(order);
    this.ranks = new HashMap<>();
    for (int i = 0; i < this.order.size(); i++) {
      if (ranks.putIfAbsent(this.order.get(i), i) != null) {
        throw new IllegalArgumentException("Source listed twice: " + this.order.get(i));
      }
    }
  }

  /** Sources from preferred to last resort. */
  public List<SourceRef> order() {
    return order;
  }

  public int rank(SourceRef source) {
    Integer rank = ranks.get(source);
    if (rank == null) {
      throw new IllegalArgumentException(
          "Source " + source + " has no rank; build the priority over every source with data");
    }
    return rank;
  }

  public boolean contains(SourceRef source) {
    return ranks.containsKey(source);
  }

  public int size() {
    return order.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Priority p && p.order.equals(order);
  }

  @Override
  public int hashCode() {
    return order.hashCode();
  }

  @Override
  public String toString() {
    return order.toString();
  }
}
