package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.core.model.MetricType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "metrics",
    header = "List the metric catalog.",
    description = "Each metric's id, canonical unit (UCUM code), category and aggregation kind.")
final class MetricsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (MetricType m : MetricType.values()) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("name", m.displayName());
        row.put("unit", m.unit());
        row.put("category", m.category().id());
        row.put("aggregation", aggregation(m));
        rows.add(row);
      }
      Output.json(out, rows);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (MetricType m : MetricType.values()) {
      rows.add(List.of(m.id(), m.unit(), m.category().id(), aggregation(m), m.displayName()));
    }
    Output.table(out, List.of("ID", "UNIT", "CATEGORY", "AGGREGATION", "NAME"), rows);
    return 0;
  }

  static String aggregation(MetricType m) {
    return m.aggregation().name().toLowerCase(Locale.ROOT);
  }
}
