package org.openvitals.connectors.files;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * Turns records an earlier version kept as other types into samples, once an importer maps their
 * type (docs/decisions/0008-unknown-types.md). Run when a store is opened: cheap when there is
 * nothing to do (one grouped read of the other types, and one record read per type still unknown).
 */
public final class OtherTypes {
  private OtherTypes() {}

  /**
   * Promotes with every registered importer.
   *
   * @return samples made, by the source's name for the type; empty when nothing was promoted
   */
  public static Map<String, Long> promote(SampleStore store) {
    // Most stores have nothing to promote: then the importers (and what they load) are not built,
    // which keeps them off the path of every app start (docs/architecture.md, "Start-up").
    return store.otherTypes().isEmpty() ? new TreeMap<>() : promote(store, FileImporters.all());
  }

  /** Promotes with the given importers (a test stands in for a later version with its own). */
  public static Map<String, Long> promote(SampleStore store, List<FileImporter> importers) {
    Map<String, Long> promoted = new TreeMap<>();
    for (OtherTypeSummary t : store.otherTypes()) {
      WriteResult r = store.promoteOther(t.source(), t.type(), o -> sampleOf(o, importers));
      long made = (long) r.inserted() + r.updated() + r.unchanged();
      if (made > 0) {
        promoted.merge(t.type(), made, Long::sum);
      }
    }
    return promoted;
  }

  private static Optional<Sample> sampleOf(OtherSample record, List<FileImporter> importers) {
    for (FileImporter importer : importers) {
      Optional<Sample> sample = importer.promote(record);
      if (sample.isPresent()) {
        return sample;
      }
    }
    return Optional.empty();
  }
}
