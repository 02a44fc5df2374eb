package org.openvitals.bench.applehealth;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.connectors.applehealth.AppleHealthImporter;
import org.openvitals.connectors.applehealth.ExportGenerator;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Imports a large synthetic export into SQLite and, in the same run and on the same file, times the
 * importer's parse-only pass (read and map, no store: the ceiling of the import) and a bare Aalto
 * scan that reads every attribute (the ceiling of any StAX importer). Run with {@code -Xmx256m}:
 * memory must not grow with the file.
 *
 * <p>Measured twice: as a first pass in a fresh JVM (import and parse-only each in its own, the JIT
 * compiling as it goes, like a user's first import after starting the app) and in steady state,
 * after one full warm-up pass of each (the way JMH measures).
 *
 * <pre>
 * AppleHealthImportBench [--size-mb 1024] [--work DIR] [--seed 42]
 * </pre>
 */
public final class AppleHealthImportBench {
  private AppleHealthImportBench() {}

  private record Pass(
      String name,
      long records,
      long samples,
      double seconds,
      double cpuSeconds,
      double gcSeconds,
      long peakHeap) {}

  public static void main(String[] args) throws Exception {
    long sizeMb = 1024;
    Path work = Path.of("target/apple-health-bench");
    long seed = 42;
    String firstPass = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--first-pass" -> firstPass = args[++i];
        default -> {
          System.err.println("usage: AppleHealthImportBench [--size-mb N] [--work DIR] [--seed N]");
          System.exit(2);
        }
      }
    }
    Path exportDir = work.resolve("export-" + sizeMb + "mb-" + seed);
    Path xml = exportDir.resolve("export.xml");
    Path dataDir = work.resolve("store");
    if (firstPass != null) {
      // A child JVM: one pass, nothing compiled yet, its figures on one line for the parent.
      ImportReport[] report = new ImportReport[1];
      Pass p =
          firstPass.equals("import")
              ? importPass(xml, dataDir, report)
              : parsePass(xml, "parse only");
      if (report[0] != null) {
        printWriterFigures(report[0], p.seconds());
      }
      System.out.printf(
          Locale.ROOT,
          "%s %d %d %.6f %.6f %.6f %d%n",
          FIRST_PASS,
          p.records(),
          p.samples(),
          p.seconds(),
          p.cpuSeconds(),
          p.gcSeconds(),
          p.peakHeap());
      return;
    }
    Path marker = exportDir.resolve(".complete");
    if (!Files.exists(marker)) {
      System.out.printf(Locale.ROOT, "generating a %d MB export in %s ...%n", sizeMb, exportDir);
      ExportGenerator.Result g = ExportGenerator.writeFolder(exportDir, sizeMb << 20, seed);
      Files.writeString(marker, g.records() + "\n");
      System.out.printf(
          Locale.ROOT,
          "  %.1f MB, %,d records, %,d workouts with routes%n",
          g.bytes() / 1e6,
          g.records(),
          g.workouts());
    }
    long bytes = Files.size(xml);

    System.out.printf(
        Locale.ROOT,
        "file %s: %.1f MB; JVM max heap %d MB; %d CPUs%n",
        xml,
        bytes / 1e6,
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());

    // First passes, each in a fresh JVM: what a user's first import after starting the app costs,
    // the JIT compiling the parser and the store included. The first also fills the page cache.
    System.out.println("first pass in a fresh JVM:");
    Pass firstParse = inFreshJvm(args, "parse", "parse only");
    Pass firstImport = inFreshJvm(args, "import", "import to SQLite");

    // Steady state, as JMH measures: one full pass of each warms the JIT up, then both are timed.
    System.out.println("steady state (after one full warm-up pass of each):");
    parsePass(xml, "warm-up (parse only)");
    importPass(xml, dataDir, null);
    Pass scan = measure("raw Aalto scan", () -> scan(xml));
    Pass parse = parsePass(xml, "parse only");
    ImportReport[] reports = new ImportReport[1];
    Pass end = importPass(xml, dataDir, reports);
    Pass parseAgain = parsePass(xml, "parse only (again)");
    Pass ceiling = parse.seconds() <= parseAgain.seconds() ? parse : parseAgain;

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-32s %12s %12s %9s %9s %8s %12s %9s %10s%n",
        "pass",
        "records",
        "samples",
        "seconds",
        "CPU s",
        "GC s",
        "records/s",
        "MB/s",
        "peak heap");
    for (Pass p : new Pass[] {firstParse, firstImport, scan, parse, parseAgain, end}) {
      System.out.printf(
          Locale.ROOT,
          "%-32s %,12d %,12d %9.2f %9.2f %8.2f %,12.0f %9.1f %7d MB%n",
          p.name(),
          p.records(),
          p.samples(),
          p.seconds(),
          p.cpuSeconds(),
          p.gcSeconds(),
          p.records() / p.seconds(),
          bytes / 1e6 / p.seconds(),
          p.peakHeap() >> 20);
    }
    double endRate = end.records() / end.seconds();
    double ceilingRate = ceiling.records() / ceiling.seconds();
    double firstRate = firstImport.records() / firstImport.seconds();
    double firstCeilingRate = firstParse.records() / firstParse.seconds();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "steady state: %,.0f records/s, %.1f MB/s = %.0f%% of the parse-only pass (%,.0f records/s)"
            + " and %.0f%% of the raw scan%n",
        endRate,
        bytes / 1e6 / end.seconds(),
        100 * endRate / ceilingRate,
        ceilingRate,
        100 * endRate / (scan.records() / scan.seconds()));
    System.out.printf(
        Locale.ROOT,
        "first pass in a fresh JVM: %,.0f records/s, %.1f MB/s = %.0f%% of a first parse-only pass"
            + " (%,.0f records/s); %.0f%% of the steady-state parse-only pass%n",
        firstRate,
        bytes / 1e6 / firstImport.seconds(),
        100 * firstRate / firstCeilingRate,
        firstCeilingRate,
        100 * firstRate / ceilingRate);
    System.out.printf(
        Locale.ROOT,
        "stored %,d samples (%,d duplicates, %,d rejected, %,d unmapped records); store %.1f MB%n",
        reports[0].stored(),
        reports[0].duplicates(),
        reports[0].rejected().count(),
        reports[0].unmapped().values().stream().mapToLong(Long::longValue).sum(),
        folderSize(dataDir) / 1e6);
    printWriterFigures(reports[0], end.seconds());
    System.out.printf(
        Locale.ROOT,
        "machine load average at the end: %.1f on %d CPUs (other work on the machine slows every"
            + " pass)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "targets (>= 150,000 records/s end to end; >= 50%% of parse-only): steady state %s, %s;"
            + " first pass in a fresh JVM %s, %s%n",
        verdict(endRate >= 150_000),
        verdict(endRate >= 0.5 * ceilingRate),
        verdict(firstRate >= 150_000),
        verdict(firstRate >= 0.5 * firstCeilingRate));
  }

  private static void printWriterFigures(ImportReport report, double importSeconds) {
    Map<String, Long> d = report.details();
    double storeSeconds = d.getOrDefault("store_busy_ms", 0L) / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "writer thread: %.1f s inside store upserts (%.0f%% of the import; %,.0f samples/s while"
            + " writing), %.1f s CPU (%,.0f samples per CPU second); the parser waited %.1f s for"
            + " the store%n",
        storeSeconds,
        100 * storeSeconds / importSeconds,
        report.stored() / storeSeconds,
        d.getOrDefault("writer_cpu_ms", 0L) / 1000.0,
        report.stored() / (d.getOrDefault("writer_cpu_ms", 1L) / 1000.0),
        d.getOrDefault("parser_waited_for_store_ms", 0L) / 1000.0);
  }

  private static final String FIRST_PASS = "FIRST-PASS";

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static Pass parsePass(Path xml, String name) throws Exception {
    return measure(name, () -> report(new AppleHealthImporter().dryRun(xml, ImportListener.NONE)));
  }

  /** Imports into a new store in {@code dataDir}; the store is kept for its size. */
  private static Pass importPass(Path xml, Path dataDir, ImportReport[] reportOut)
      throws Exception {
    FileTrees.delete(dataDir);
    return measure(
        "import to SQLite",
        () -> {
          try (SampleStore store = Stores.open(StoreConfig.sqlite(dataDir))) {
            ImportReport r = new AppleHealthImporter().importFile(xml, store, ImportListener.NONE);
            if (reportOut != null) {
              reportOut[0] = r;
            }
            return report(r);
          }
        });
  }

  /** Runs one pass in a new JVM with this one's options and class path. */
  private static Pass inFreshJvm(String[] args, String pass, String name) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AppleHealthImportBench.class.getName());
    command.addAll(List.of(args));
    command.add("--first-pass");
    command.add(pass);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out = child.inputReader()) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(FIRST_PASS + " ")) {
          result = line;
        } else {
          System.out.println(line);
        }
      }
    }
    if (child.waitFor() != 0 || result == null) {
      throw new IllegalStateException("the " + pass + " pass in a fresh JVM failed");
    }
    String[] f = result.split(" ");
    return new Pass(
        name + " (fresh JVM)",
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]),
        Long.parseLong(f[6]));
  }

  private interface Work {
    long[] run() throws Exception;
  }

  private static long[] report(ImportReport r) {
    return new long[] {r.read(), r.stored()};
  }

  private static Pass measure(String name, Work work) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    Map<String, Long> threads0 = ThreadCpu.byThreadGroup();
    long cpu0 = processCpuNanos();
    long gc0 = gcMillis();
    long t0 = System.nanoTime();
    long[] counts = work.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
    double gcSeconds = (gcMillis() - gc0) / 1e3;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "  %-22s %.2f s (%.2f s CPU)%n", name, seconds, cpuSeconds);
    System.out.println("    CPU by thread: " + ThreadCpu.describe(ThreadCpu.since(threads0)));
    return new Pass(name, counts[0], counts[1], seconds, cpuSeconds, gcSeconds, peak);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** The floor of any StAX importer: every start element, every attribute value read. */
  private static long[] scan(Path xml) throws Exception {
    XMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    long records = 0;
    long chars = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(xml), 1 << 16)) {
      XMLStreamReader r = f.createXMLStreamReader(in);
      int depth = 0;
      while (r.hasNext()) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2
              && !"Me".equals(r.getLocalName())
              && !"ExportDate".equals(r.getLocalName())) {
            records++;
          }
          for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            chars += r.getAttributeValue(i).length();
          }
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
    if (chars < 0) {
      throw new IllegalStateException("unreachable: keeps the attribute reads alive");
    }
    return new long[] {records, 0};
  }

  private static long folderSize(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
