package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.DailyValue;
import org.openvitals.core.rules.DailyValues;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "summary",
    header = "Print one value per day for a metric.",
    description =
        "The sum for amounts (steps, energy, sleep minutes), the mean for readings (heart rate,"
            + " weight); each day's value comes from one source, never added up across"
            + " sources.")
final class SummaryCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC",
      converter = Converters.Metric.class,
      description = "Metric id, for example steps or body_mass ('openvitals metrics' lists them).")
  MetricType metric;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "First day, YYYY-MM-DD (default: 29 days before --to).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "Last day, YYYY-MM-DD, included (default: today).")
  LocalDate to;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    LocalDate last = to != null ? to : LocalDate.now();
    LocalDate first = from != null ? from : last.minusDays(29);
    if (first.isAfter(last)) {
      throw new CliException("--from " + first + " is after --to " + last);
    }
    List<DailyValue> values;
    try (SampleStore store = root.openStore()) {
      values = DailyValues.of(store).daily(metric, first, last);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DailyValue v : values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("date", v.date().toString());
        row.put("metric", v.metric().id());
        row.put("value", Output.number(v.value(), 4));
        row.put("unit", v.unit());
        row.put("sources", v.sources().stream().map(SourceRef::key).toList());
        rows.add(row);
      }
      Output.json(out, rows);
      return 0;
    }
    if (values.isEmpty()) {
      out.println("No " + metric.id() + " data from " + first + " to " + last + ".");
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (DailyValue v : values) {
      rows.add(
          List.of(
              v.date().toString(),
              Output.number(v.value(), 2).toPlainString(),
              v.unit(),
              String.join(", ", v.sources().stream().map(SourceRef::key).toList())));
    }
    Output.table(out, List.of("DATE", metric.id().toUpperCase(), "UNIT", "SOURCES"), rows);
    return 0;
  }
}
