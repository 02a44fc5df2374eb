package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvitals.core.insights.Insight;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.insights.InsightReport;
import org.openvitals.core.insights.InsightText;
import org.openvitals.core.insights.Insights;
import org.openvitals.core.insights.InsightsJson;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openvitals insights [--from D --to D] [--all] [--json]}. */
@Command(
    name = "insights",
    mixinStandardHelpOptions = true,
    header = "Print the trends, anomalies and correlations in your data.",
    description =
        "Trends over 7, 30 and 90 days ending --to, tested against each metric's day-to-day"
            + " noise; days from --from to --to outside their personal normal range; correlations"
            + " between pairs such as sleep and next-day HRV over the paired days from --from to"
            + " --to. Worked out on this computer from your merged daily values.")
final class InsightsCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "First day, YYYY-MM-DD (default: 89 days before --to).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "Last day, YYYY-MM-DD, included (default: today).")
  LocalDate to;

  @Option(names = "--all", description = "Also list the trends within the usual day-to-day noise.")
  boolean all;

  @Option(
      names = "--json",
      description = "Print one JSON object, each insight with the days behind it.")
  boolean json;

  @Override
  public Integer call() {
    LocalDate last = to != null ? to : LocalDate.now();
    LocalDate first = from != null ? from : last.minusDays(89);
    if (first.isAfter(last)) {
      throw new CliException("--from " + first + " is after --to " + last);
    }
    InsightReport report;
    try (SampleStore store = root.openStore()) {
      RulesService rules = new RulesService(store, Clock.systemUTC());
      report = Insights.of(InsightData.load(rules, store, first, last, () -> false), first, last);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(InsightsJson.write(InsightsJson.tree(report, all, true)));
      return 0;
    }
    InsightText text = InsightText.canonical();
    out.println("Insights from " + first + " to " + last + ":");
    section(
        out,
        text,
        "Trends",
        all ? List.copyOf(report.trends()) : List.copyOf(report.significantTrends()),
        "No metric changed by more than its day-to-day noise ("
            + report.trends().size()
            + " trends tested; --all lists them).");
    section(
        out,
        text,
        "Days outside your normal range",
        List.copyOf(report.anomalies()),
        "No day was outside its normal range.");
    section(
        out,
        text,
        "Correlations",
        List.copyOf(report.correlations()),
        "No correlation strong enough to report ("
            + report.correlationsTested()
            + " pairs and lags tested).");
    out.println();
    out.println(
        "'openvitals explain --metric METRIC --date DAY' shows how a day's value was merged;"
            + " --json lists the days behind each insight.");
    return 0;
  }

  private static void section(
      PrintWriter out, InsightText text, String title, List<Insight> items, String none) {
    out.println();
    out.println(title + ":");
    if (items.isEmpty()) {
      out.println("  " + none);
    }
    for (Insight i : items) {
      out.println("- " + text.sentence(i));
    }
  }
}
