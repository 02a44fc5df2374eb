package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sources",
    header = "List the sources with their device class and sample counts.",
    description = "First and last are the times of the oldest and newest sample.")
final class SourcesCommand implements Callable<Integer> {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @ParentCommand OpenVitalsCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    List<SourceSummary> sources;
    List<OtherTypeSummary> others;
    try (SampleStore store = root.openStore()) {
      sources = store.sources();
      others = store.otherTypes();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SourceSummary s : sources) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", s.source().key());
        row.put("provider", s.source().provider());
        row.put("name", s.source().name());
        row.put("device_class", s.deviceClass().id());
        row.put("samples", s.sampleCount());
        row.put("first", s.first() == null ? null : s.first().toString());
        row.put("last", s.last() == null ? null : s.last().toString());
        List<Map<String, Object>> other = new ArrayList<>();
        for (OtherTypeSummary o : others) {
          if (o.source().equals(s.source())) {
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("type", o.type());
            type.put("unit", o.unit());
            type.put("records", o.count());
            other.add(type);
          }
        }
        row.put("other", other);
        rows.add(row);
      }
      Output.json(out, rows);
      return 0;
    }
    if (sources.isEmpty()) {
      out.println("No sources yet: import data, or run 'openvitals demo' for synthetic data.");
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (SourceSummary s : sources) {
      rows.add(
          List.of(
              s.source().key(),
              s.deviceClass().id(),
              String.format("%,d", s.sampleCount()),
              local(s.first()),
              local(s.last())));
    }
    Output.table(out, List.of("SOURCE", "DEVICE", "SAMPLES", "FIRST", "LAST"), rows);
    if (!others.isEmpty()) {
      out.println();
      out.println("Other: types not in the metric catalog yet, stored as written");
      List<List<String>> otherRows = new ArrayList<>();
      for (OtherTypeSummary o : others) {
        otherRows.add(
            List.of(
                o.source().key(),
                o.type(),
                o.unit() == null ? "-" : o.unit(),
                String.format("%,d", o.count()),
                local(o.first()),
                local(o.last())));
      }
      Output.table(out, List.of("SOURCE", "TYPE", "UNIT", "RECORDS", "FIRST", "LAST"), otherRows);
    }
    return 0;
  }

  private static String local(Instant t) {
    return t == null ? "-" : LOCAL.format(t);
  }
}
