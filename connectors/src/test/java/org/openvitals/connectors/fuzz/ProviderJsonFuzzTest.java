package org.openvitals.connectors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.fitbit.GoogleHealthConnector;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.http.RateLimitHeaders;
import org.openvitals.connectors.http.ResponseCheck;
import org.openvitals.connectors.oura.OuraConnector;
import org.openvitals.connectors.strava.StravaConnector;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.connectors.whoop.WhoopConnector;
import org.openvitals.connectors.withings.WithingsConnector;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Mutated and crafted provider answers (Oura, Withings, Strava, WHOOP, Google Health) synced by the
 * real connectors from a {@link FakeProvider} into a real SQLite store. Each seed in {@code
 * fuzz/providers/<provider>/} is an answer the provider fakes gave in the sync tests, with its
 * route; one is mutated (bytes, or the JSON tree: a field removed, nulled, of another type, a huge
 * string, deep nesting, a cut), the others are served as recorded. Every route answers once and
 * then 404s, so a page that asks for itself again cannot loop. The sync must end with a {@link
 * SyncRun} within a time limit; a stream may fail only with a reason ({@code ApiException}, {@link
 * IllegalArgumentException}, {@link DateTimeException}), never with another exception type (a
 * {@code NullPointerException} or {@code ClassCastException} is a parser bug); and the store opens
 * healthy afterwards.
 */
class ProviderJsonFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CORPUS = Path.of("src/test/resources/fuzz/providers");
  private static final List<Class<? extends RuntimeException>> REASONS =
      List.of(IllegalArgumentException.class, DateTimeException.class);
  private static final List<Seed> SEEDS = loadSeeds();
  private static final String DEEP = "deep-nesting-placeholder";

  record Seed(String provider, Path file, String route, JsonNode answer) {}

  @Property(tries = 150, seed = "20261202")
  void aMutatedProviderAnswerSyncsOrFailsWithAReasonAndTheStoreStaysHealthy(
      @ForAll @IntRange(min = 0, max = 1000) int seedPick, @ForAll long mutationSeed)
      throws Exception {
    Seed target = SEEDS.get(seedPick % SEEDS.size());
    Random random = new Random(mutationSeed);
    String mutant =
        random.nextBoolean()
            ? new String(
                ImportFuzzTest.mutate(
                    target.answer().toString().getBytes(StandardCharsets.UTF_8), random),
                StandardCharsets.UTF_8)
            : mutateTree(target.answer(), random);
    syncWith(target, mutant, "seed " + target.file() + ", mutation seed " + mutationSeed);
  }

  /** Each seed as recorded: the corpus itself must sync without an unexpected exception. */
  @Property(tries = 30, seed = "20261202")
  void everySeedAsRecordedSyncs(@ForAll @IntRange(min = 0, max = 1000) int seedPick)
      throws Exception {
    Seed target = SEEDS.get(seedPick % SEEDS.size());
    syncWith(target, target.answer().toString(), "seed " + target.file());
  }

  /**
   * Crafted: for every field name in a seed (records and envelope, three levels deep), the answer
   * with that field removed from every object, then with it null everywhere, each synced in turn
   * into one store. A required field missing must cost its record with a reason, not the stream
   * with a {@code NullPointerException}.
   */
  @TestFactory
  Stream<DynamicTest> everyFieldMissingOrNullEverywhere() {
    return SEEDS.stream()
        .map(seed ->
            DynamicTest.dynamicTest(
                seed.file().toString(),
                () -> {
                  Set<String> names = new TreeSet<>();
                  fieldNames(seed.answer(), names, 0);
                  List<String> variants = new ArrayList<>();
                  for (String name : names) {
                    variants.add(withField(seed.answer(), name, null).toString());
                    variants.add(withField(seed.answer(), name, JSON.nullNode()).toString());
                  }
                  syncWith(seed, variants, "seed " + seed.file() + " without/null fields");
                }));
  }

  private static void syncWith(Seed target, String mutant, String what) throws Exception {
    syncWith(target, List.of(mutant), what);
  }

  private static void syncWith(Seed target, List<String> mutants, String what) throws Exception {
    Path dir = Files.createTempDirectory("provider-fuzz");
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
    try (FakeProvider fake = new FakeProvider(clock, target.provider().equals("withings"))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30L * mutants.size()),
          () -> {
            try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("store")))) {
              CloudTestKit kit =
                  new CloudTestKit(
                      dir,
                      fake,
                      clock,
                      store,
                      watching(connector(target.provider()), unexpected),
                      Map.of("history_days", "30"));
              kit.connectDirectly();
              for (String mutant : mutants) {
                serve(fake, target, mutant);
                SyncRun run = kit.engine.sync(kit.provider);
                assertThat(run.errors()).allSatisfy(e -> assertThat(e).isNotBlank());
                assertThat(unexpected).as(what + ": " + mutant).isEmpty();
              }
            }
          },
          () -> what);
      try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("store")))) {
        assertThat(store.checkIntegrity().problems()).isEmpty();
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The provider's seeds on their routes, the target's as the mutant; each answers once. */
  private static void serve(FakeProvider fake, Seed target, String mutant) {
    for (Seed s : SEEDS) {
      if (s.provider().equals(target.provider())) {
        String body = s == target ? mutant : s.answer().toString();
        AtomicBoolean served = new AtomicBoolean();
        fake.route(
            s.route(),
            q ->
                served.getAndSet(true)
                    ? new FakeProvider.Reply(404, "{\"detail\":\"Not Found\"}", Map.of())
                    : FakeProvider.Reply.json(body));
      }
    }
  }

  private static void fieldNames(JsonNode node, Set<String> out, int depth) {
    if (depth > 3) {
      return;
    }
    if (node.isObject()) {
      node.properties()
          .forEach(e -> {
            out.add(e.getKey());
            fieldNames(e.getValue(), out, depth + 1);
          });
    } else if (node.isArray()) {
      for (int i = 0; i < Math.min(3, node.size()); i++) {
        fieldNames(node.get(i), out, depth + 1);
      }
    }
  }

  /** A copy with field {@code name} of every object removed (value null) or set to value. */
  private static JsonNode withField(JsonNode node, String name, JsonNode value) {
    JsonNode copy = node.deepCopy();
    List<ContainerNode<?>> all = new ArrayList<>();
    collect(copy, all, 0);
    for (ContainerNode<?> c : all) {
      if (c instanceof ObjectNode o && o.has(name)) {
        if (value == null) {
          o.remove(name);
        } else {
          o.set(name, value);
        }
      }
    }
    return copy;
  }

  /** The connector with every stream's unexpected runtime exceptions recorded, then rethrown. */
  private static CloudConnector watching(CloudConnector real, List<Throwable> unexpected) {
    return new CloudConnector() {
      @Override
      public ProviderInfo info() {
        return real.info();
      }

      @Override
      public ResponseCheck responseCheck() {
        return real.responseCheck();
      }

      @Override
      public RateLimitHeaders rateLimitHeaders() {
        return real.rateLimitHeaders();
      }

      @Override
      public List<SyncStream> streams() {
        return real.streams().stream().map(s -> watching(s, unexpected)).toList();
      }
    };
  }

  private static SyncStream watching(SyncStream real, List<Throwable> unexpected) {
    return new SyncStream() {
      @Override
      public String name() {
        return real.name();
      }

      @Override
      public void sync(StreamContext context)
          throws ApiException, ConnectionLostException, InterruptedException {
        try {
          real.sync(context);
        } catch (RuntimeException e) {
          if (REASONS.stream().noneMatch(r -> r.isInstance(e))) {
            unexpected.add(e);
          }
          throw e;
        }
      }
    };
  }

  private static CloudConnector connector(String provider) {
    return switch (provider) {
      case "oura" -> new OuraConnector();
      case "withings" -> new WithingsConnector();
      case "strava" -> new StravaConnector();
      case "whoop" -> new WhoopConnector();
      case "google_health" -> new GoogleHealthConnector();
      default -> throw new IllegalArgumentException("no connector for corpus folder " + provider);
    };
  }

  /**
   * One to three changes to the JSON tree: a field removed, set to null, to another type (text for
   * a number, a number for text, an object for an array), to a 1 MB string, or a value nested 5,000
   * arrays deep; or the text cut at a random place.
   */
  static String mutateTree(JsonNode answer, Random r) {
    JsonNode tree = answer.deepCopy();
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      List<ContainerNode<?>> parents = new ArrayList<>();
      collect(tree, parents, 0);
      ContainerNode<?> parent = parents.get(r.nextInt(parents.size()));
      if (parent.isEmpty()) {
        continue;
      }
      int index = r.nextInt(parent.size());
      JsonNode old = parent instanceof ObjectNode o ? o.get(name(o, index)) : parent.get(index);
      JsonNode replacement =
          switch (r.nextInt(7)) {
            case 0 -> null; // removed
            case 1 -> JSON.nullNode();
            case 2 ->
                old.isTextual()
                    ? JSON.getNodeFactory().numberNode(r.nextInt())
                    : JSON.getNodeFactory().textNode("x" + old);
            case 3 -> old.isArray() ? JSON.createObjectNode() : JSON.createArrayNode().add(old);
            case 4 -> JSON.getNodeFactory().textNode("é".repeat(500_000));
            case 5 -> JSON.getNodeFactory().textNode(DEEP); // nested in the text below
            default ->
                JSON.getNodeFactory()
                    .numberNode(r.nextBoolean() ? Double.MAX_VALUE : -r.nextLong());
          };
      if (parent instanceof ObjectNode o) {
        String field = name(o, index);
        if (replacement == null) {
          o.remove(field);
        } else {
          o.set(field, replacement);
        }
      } else {
        ArrayNode a = (ArrayNode) parent;
        if (replacement == null) {
          a.remove(index);
        } else {
          a.set(index, replacement);
        }
      }
    }
    // Jackson will not write more than 1,000 levels, so the deep nesting goes in as text.
    String text = tree.toString().replace('"' + DEEP + '"', "[".repeat(5_000) + "]".repeat(5_000));
    return r.nextInt(8) == 0 ? text.substring(0, r.nextInt(text.length())) : text;
  }

  private static String name(ObjectNode o, int index) {
    return o.properties().stream().skip(index).findFirst().orElseThrow().getKey();
  }

  /** The containers down to depth 64 (a deep nesting made by an earlier change stays unopened). */
  private static void collect(JsonNode node, List<ContainerNode<?>> out, int depth) {
    if (node instanceof ContainerNode<?> c && depth < 64) {
      out.add(c);
      node.forEach(child -> collect(child, out, depth + 1));
    }
  }

  private static List<Seed> loadSeeds() {
    try (Stream<Path> files = Files.walk(CORPUS)) {
      List<Seed> seeds = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode seed = JSON.readTree(f.toFile());
        seeds.add(
            new Seed(
                f.getParent().getFileName().toString(),
                f,
                seed.get("route").asText(),
                seed.get("answer")));
      }
      return List.copyOf(seeds);
    } catch (IOException e) {
      throw new IllegalStateException("fuzz corpus " + CORPUS + ": " + e, e);
    }
  }
}
