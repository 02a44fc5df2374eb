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
    try (SampleStore store = root.openStore()) {
      sources = store.sources();
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
    return 0;
  }

  private static String local(Instant t) {
    return t == null ? "-" : LOCAL.format(t);
  }
}
