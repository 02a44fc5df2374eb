package org.openvitals.app.welcome;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.Progress;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Fills the demo database with the synthetic multi-source person, as {@code openvitals demo} does:
 * in transactions of about 50,000 samples, reporting days done, checking for cancel between days.
 * The same seed and end day give the same samples, so a cancelled or repeated run completes the
 * rest without duplicates; a database that already holds this exact demo is only opened.
 */
final class DemoDataTask implements BackgroundTask.Work<StoreConfig> {
  static final int BATCH = 50_000;
  static final long SEED = 1;

  private final StoreConfig config;
  private final int days;
  private final LocalDate end;
  private final ZoneId zone;

  DemoDataTask(Path folder, int days, LocalDate end, ZoneId zone) {
    this.config = StoreConfig.sqlite(folder);
    this.days = days;
    this.end = end;
    this.zone = zone;
  }

  /** Fills the demo store; returns its config, or null when cancelled. */
  @Override
  public StoreConfig call(Progress progress) {
    String marker = "seed=" + SEED + ";end=" + end + ";days=" + days;
    try (SampleStore store = Stores.open(config)) {
      if (store.state(SyntheticData.STATE_KEY).filter(marker::equals).isPresent()) {
        progress.updateProgress(1, 1);
        return config;
      }
      SyntheticData data =
          SyntheticData.of(
              SyntheticData.Options.defaults()
                  .withDays(days)
                  .withSeed(SEED)
                  .withEndDate(end)
                  .withZone(zone));
      progress.updateMessage("Generating " + days + " days of demo data...");
      progress.updateProgress(0, days);
      List<Sample> batch = new ArrayList<>(BATCH + 10_000);
      long written = 0;
      int day = 0;
      Iterator<SyntheticData.Day> it = data.days().iterator();
      while (it.hasNext()) {
        if (progress.isCancelled()) {
          return null;
        }
        batch.addAll(it.next().samples());
        day++;
        boolean last = !it.hasNext();
        if (batch.size() >= BATCH || last) {
          // The marker says "complete" only with the last batch.
          Map<String, String> state =
              last ? Map.of(SyntheticData.STATE_KEY, marker) : Map.<String, String>of();
          written += store.upsert(batch, state).total();
          batch.clear();
        }
        progress.updateProgress(day, days);
        progress.updateMessage(
            String.format("Demo data: %d of %d days, %,d samples", day, days, written));
      }
    }
    return config;
  }
}
