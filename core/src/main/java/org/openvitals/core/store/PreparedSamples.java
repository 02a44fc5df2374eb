package org.openvitals.core.store;

import java.util.List;
import org.openvitals.core.model.Sample;

/**
 * Samples already converted to a store's own row form by {@link SampleStore#prepare}, waiting to be
 * written by {@link SampleStore#upsert(PreparedSamples, java.util.Map)} of the same store.
 */
public interface PreparedSamples {

  /** How many samples the batch holds. */
  int size();

  /** The form of stores that have none of their own: the samples as they are. */
  record AsGiven(List<Sample> samples) implements PreparedSamples {
    public AsGiven {
      samples = List.copyOf(samples);
    }

    @Override
    public int size() {
      return samples.size();
    }
  }
}
