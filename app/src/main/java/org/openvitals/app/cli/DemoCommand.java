package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    header = "Fill the store with synthetic data from overlapping sources.",
    description =
        "One simulated person as an Apple Watch, an iPhone, an Oura ring, a Withings scale,"
            + " Cronometer, MyFitnessPal, Strava and manual entries record them, overlapping as"
            + " real sources do. The same seed always gives the same data, so running it twice"
            + " adds nothing.")
final class DemoCommand implements Callable<Integer> {
  /** Samples per transaction: big enough for bulk speed, small enough to show progress. */
  static final int BATCH = 50_000;

  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--days",
      defaultValue = "90",
      paramLabel = "N",
      description = "How many days, ending yesterday (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "Last day generated, YYYY-MM-DD (default: yesterday).")
  LocalDate end;

  @Override
  public Integer call() {
    if (days < 1 || days > 36_600) {
      throw new CliException("--days must be between 1 and 36600, got " + days);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SampleStore store = root.openStore()) {
      // Live in the zone the store counts days in, so the person's days are the store's days.
      ZoneId zone =
          store.dayBoundaries() instanceof DayBoundaries.FixedZone(ZoneId fixed)
              ? fixed
              : ZoneId.systemDefault();
      LocalDate last = end != null ? end : LocalDate.now(zone).minusDays(1);
      SyntheticData data =
          SyntheticData.of(
              SyntheticData.Options.defaults()
                  .withDays(days)
                  .withSeed(seed)
                  .withEndDate(last)
                  .withZone(zone));

      WriteResult total = WriteResult.EMPTY;
      List<Sample> batch = new ArrayList<>(BATCH + 10_000);
      int day = 0;
      Iterator<SyntheticData.Day> it = data.days().iterator();
      while (it.hasNext()) {
        batch.addAll(it.next().samples());
        day++;
        if (batch.size() >= BATCH || !it.hasNext()) {
          total = total.plus(store.upsert(batch));
          batch.clear();
          err.printf("Demo data: %d of %d days, %,d samples written%n", day, days, total.total())
              .flush();
        }
      }
      out.printf(
          "Wrote %d days of demo data (%s to %s, seed %d) to %s: %,d new, %,d updated,"
              + " %,d already there.%n",
          days,
          data.options().startDate(),
          last,
          seed,
          store.info().location(),
          total.inserted(),
          total.updated(),
          total.unchanged());
    }
    return 0;
  }
}
