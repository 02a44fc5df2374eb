package org.openvitals.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.report.WeeklyReport;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openvitals report --week 2026-W48 --out FILE}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Write one week's report as HTML or PDF.",
    description =
        "The week's figures against the week before, changes larger than the day-to-day noise,"
            + " days outside their normal range and the best-supported correlations of the 90"
            + " days up to the week's end, each linked to the days behind it; days outside their"
            + " range come with the explanation of their value.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--week",
      required = true,
      paramLabel = "WEEK",
      converter = Converters.Week.class,
      description = "ISO week, YYYY-Www, for example 2026-W48 (Monday to Sunday).")
  LocalDate monday;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The file to write: PDF when its name ends in .pdf, else HTML.")
  Path out;

  @Override
  public Integer call() {
    Path file = out.toAbsolutePath();
    try (SampleStore store = root.openStore()) {
      RulesService rules = new RulesService(store, Clock.systemUTC());
      LocalDate sunday = monday.plusDays(6);
      InsightData data =
          InsightData.load(rules, store, WeeklyReport.dataFrom(monday), sunday, () -> false);
      DisplayFormat format = root.displayFormat();
      WeeklyReport report =
          WeeklyReport.of(
              monday,
              data,
              e -> ExplanationText.render(rules.explain(e.metric(), e.date()), format));
      report.write(file);
    }
    spec.commandLine()
        .getOut()
        .println("Wrote the report of " + WeeklyReport.weekOf(monday) + " to " + file);
    return 0;
  }
}
