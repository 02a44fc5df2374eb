package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.core.model.Decimals;
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
        "Each day's value is merged from your sources by your rules (see 'openvitals explain'):"
            + " the total for amounts (steps, energy, sleep minutes), the mean of the primary"
            + " readings for readings (heart rate, weight); sources are never added up blindly."
            + " --by-source adds each source's own figure.")
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

  @Option(
      names = "--by-source",
      description = "Also show each source's own figure for the day, before merging.")
  boolean bySource;

  @Override
  public Integer call() {
    LocalDate last = to != null ? to : LocalDate.now();
    LocalDate first = from != null ? from : last.minusDays(29);
    if (first.isAfter(last)) {
      throw new CliException("--from " + first + " is after --to " + last);
    }
    List<DailyValue> values;
    Map<LocalDate, Map<SourceRef, Double>> own = Map.of();
    try (SampleStore store = root.openStore()) {
      DailyValues daily = DailyValues.of(store);
      values = daily.daily(metric, first, last);
      if (bySource) {
        own = daily.bySource(metric, first, last);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DailyValue v : values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("date", v.date().toString());
        row.put("metric", v.metric().id());
        row.put("value", Decimals.rounded(v.value(), 4));
        row.put("unit", v.unit());
        row.put("sources", v.sources().stream().map(SourceRef::key).toList());
        if (bySource) {
          Map<String, Object> figures = new LinkedHashMap<>();
          own.getOrDefault(v.date(), Map.of())
              .forEach((s, value) -> figures.put(s.key(), Decimals.rounded(value, 4)));
          row.put("by_source", figures);
        }
        rows.add(row);
      }
      Output.json(out, rows);
      return 0;
    }
    if (values.isEmpty()) {
      out.println("No " + metric.id() + " data from " + first + " to " + last + ".");
      return 0;
    }
    List<SourceRef> columns = new ArrayList<>();
    own.values()
        .forEach(m ->
            m.keySet()
                .forEach(src -> {
                  if (!columns.contains(src)) {
                    columns.add(src);
                  }
                }));
    List<List<String>> rows = new ArrayList<>();
    for (DailyValue v : values) {
      List<String> row = new ArrayList<>();
      row.add(v.date().toString());
      row.add(Decimals.rounded(v.value(), 2).toPlainString());
      row.add(v.unit());
      row.add(String.join(", ", v.sources().stream().map(SourceRef::key).toList()));
      Map<SourceRef, Double> figures = own.getOrDefault(v.date(), Map.of());
      for (SourceRef src : columns) {
        Double f = figures.get(src);
        row.add(f == null ? "-" : Decimals.rounded(f, 2).toPlainString());
      }
      rows.add(row);
    }
    List<String> header =
        new ArrayList<>(List.of("DATE", metric.id().toUpperCase(), "UNIT", "SOURCES"));
    columns.forEach(src -> header.add(src.key()));
    Output.table(out, header, rows);
    return 0;
  }
}
