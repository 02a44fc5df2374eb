package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.Explanation;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.rules.RulesJson;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openvitals explain --metric steps --date 2024-03-05 [--json]}. */
@Command(
    name = "explain",
    header = "Show how a day's value was merged from your sources.",
    description =
        "Shows how a day's value was merged: each source's own figure, which time slices or"
            + " readings came from which source, what was set aside and why, quality flags and"
            + " disagreements between sources.")
public final class ExplainCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC",
      description = "Metric id, for example steps, heart_rate, body_mass, sleep_asleep.")
  String metric;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "DATE",
      description = "Day as YYYY-MM-DD, in the store's day boundaries.")
  LocalDate date;

  @Option(names = "--json", description = "Print the explanation as JSON.")
  boolean json;

  @Override
  public Integer call() {
    MetricType type =
        MetricType.byId(metric)
            .orElseThrow(() ->
                new ParameterException(
                    spec.commandLine(),
                    "Unknown metric '" + metric + "'. Known metrics: " + knownMetrics()));
    try (SampleStore store = root.openStore()) {
      Explanation e = new RulesService(store, Clock.systemUTC()).explain(type, date);
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          json
              ? RulesJson.write(e) + System.lineSeparator()
              : ExplanationText.render(e, root.displayFormat()));
      out.flush();
    }
    return 0;
  }

  private static String knownMetrics() {
    StringBuilder b = new StringBuilder();
    for (MetricType m : MetricType.values()) {
      b.append(b.isEmpty() ? "" : ", ").append(m.id());
    }
    return b.toString();
  }
}
