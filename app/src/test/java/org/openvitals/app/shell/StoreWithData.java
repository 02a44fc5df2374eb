package org.openvitals.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.StoreConfig;

/** The shell tests' store: one steps sample, so the dashboard shows rather than the welcome. */
final class StoreWithData {
  private StoreWithData() {}

  static AppContext open(Path dataDir, OffsetDateTime at) {
    AppContext context = new AppContext(StoreConfig.sqlite(dataDir), Clock.systemUTC());
    context
        .store()
        .upsert(
            List.of(
                Sample.of(
                    MetricType.STEPS, at, at.plusMinutes(5), 400, new SourceRef("manual", "Me"))));
    return context;
  }
}
