package org.openvitals.bridge.phone;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.ComparisonCode;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.connectors.applehealth.AppleHealthImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.core.model.Sample;

/**
 * A reference phone that speaks only the wire protocol: it pins the desktop's key, pairs, and sends
 * an Apple Health export the way a HealthKit app sends its store: a stable UUID per record, one
 * anchored stream per type in batches, a restart part-way that resumes from {@code GET
 * /v1/anchors}, optional deletions, and retries of the same batch id when an answer does not come.
 */
public final class PhoneSim {
  /**
   * @param batchSize samples per batch (at most 10,000)
   * @param deletions how many of the samples sent to delete afterwards
   * @param restartAfterBatches after this many batches the phone "restarts": forgets everything but
   *     its token and resumes from the desktop's anchors (0: never)
   * @param maxBatchBytes a batch goes out early once its samples' JSON reaches this size
   */
  public record Options(
      int batchSize, int deletions, String deviceName, int restartAfterBatches, int maxBatchBytes) {

    /** With batches sent early at {@link #MAX_BATCH_BYTES}. */
    public Options(int batchSize, int deletions, String deviceName, int restartAfterBatches) {
      this(batchSize, deletions, deviceName, restartAfterBatches, MAX_BATCH_BYTES);
    }
  }

  /** What the run did. */
  public record Report(
      String deviceId,
      String comparisonCode,
      long sent,
      long acknowledged,
      long retried,
      long rejected,
      long unknownTypes,
      long deleted,
      long batches,
      int restarts,
      double seconds,
      Map<String, Long> acknowledgedByType) {

    public double samplesPerSecond() {
      return seconds > 0 ? acknowledged / seconds : 0;
    }
  }

  /** The phone could not go on (wrong key, refused pairing, desktop unreachable). */
  public static final class PhoneException extends IOException {
    public PhoneException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_ATTEMPTS = 8;

  /**
   * A batch goes out early once its samples' JSON reaches this size, half the desktop's body limit
   * (routes and long workouts are large), whatever the batch size asks for.
   */
  public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

  /**
   * Batches handed to the uploaders and not yet answered, at most. Two connections: the desktop
   * reads and checks one batch while it stores the other.
   */
  private static final int IN_FLIGHT = 2;

  private final Options options;
  private final Consumer<String> log;
  private final WireSamples wire = new WireSamples();
  private PhoneClient client;
  private final ExecutorService uploader =
      Executors.newFixedThreadPool(
          IN_FLIGHT, r -> Thread.ofPlatform().daemon().name("phone-uploader").unstarted(r));
  private final Deque<Future<Void>> inFlight = new ArrayDeque<>();

  /**
   * Each type's last batch handed out: a type's next batch waits for it, as anchors are ordered.
   */
  private final Map<String, Future<Void>> lastOfType = new HashMap<>();

  private long sent;
  private long acknowledged;
  private long retried;
  private long rejected;
  private long unknown;
  private long deleted;
  private long batches;
  private int restarts;
  private final Map<String, Long> byType = new TreeMap<>();

  /** Per type: samples acknowledged so far (what the anchor says), and the batch being filled. */
  private final Map<String, Long> anchored = new HashMap<>();

  /**
   * Per type: how many samples of the export to skip, from the desktop's anchors after a restart.
   */
  private final Map<String, Long> resumeAt = new HashMap<>();

  private final Map<String, PendingBatch> pending = new LinkedHashMap<>();

  /**
   * A type's batch not yet sent, written as the request body as its samples are read: the batch id
   * and type first, then the samples, and at the end the deletions and the anchor (which depends on
   * how many samples it holds; the order of an object's fields means nothing in JSON). No tree is
   * built, and the body's bytes are not decoded and encoded again to wrap them in the envelope.
   */
  private static final class PendingBatch {
    final ByteArrayOutputStream json = new ByteArrayOutputStream(1 << 20);
    final JsonGenerator writer;
    int samples;

    PendingBatch(String type) {
      try {
        writer = PhoneClient.JSON.createGenerator(json);
        writer.writeStartObject();
        writer.writeStringField("batch_id", UUID.randomUUID().toString());
        writer.writeStringField("type", type);
        writer.writeArrayFieldStart("samples");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The whole body with {@code anchor}; nothing can be added after. */
    byte[] body(String anchor) throws IOException {
      writer.writeEndArray();
      writer.writeArrayFieldStart("deleted");
      writer.writeEndArray();
      writer.writeStringField("anchor", anchor);
      writer.writeEndObject();
      writer.close();
      return json.toByteArray();
    }
  }

  /** The first UUIDs sent, per type, for --delete. */
  private final Map<String, List<String>> toDelete = new LinkedHashMap<>();

  private int deleteCandidates;

  private PhoneSim(Options options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  public static Report run(
      PairingPayload payload, Path export, Options options, Consumer<String> log)
      throws IOException {
    return new PhoneSim(options, log).run(payload, export);
  }

  private Report run(PairingPayload payload, Path export) throws IOException {
    long started = System.nanoTime();
    String deviceId =
        UUID.nameUUIDFromBytes(
                ("phone-sim|" + options.deviceName()).getBytes(StandardCharsets.UTF_8))
            .toString()
            .toUpperCase(Locale.ROOT);
    String code = pair(payload, deviceId);
    boolean restarted = options.restartAfterBatches() <= 0;
    while (true) {
      try {
        send(export, restarted ? Long.MAX_VALUE : options.restartAfterBatches());
        break;
      } catch (Restart r) {
        drain();
        restarted = true;
        restarts++;
        pending.clear();
        anchored.clear();
        resumeFromAnchors();
      }
    }
    deleteSome();
    uploader.shutdown();
    return new Report(
        deviceId,
        code,
        sent,
        acknowledged,
        retried,
        rejected,
        unknown,
        deleted,
        batches,
        restarts,
        (System.nanoTime() - started) / 1e9,
        Map.copyOf(byType));
  }

  // ---- pairing -------------------------------------------------------------------------------

  private String pair(PairingPayload payload, String deviceId) throws IOException {
    String nonce = Base64Url.random(16);
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("secret", payload.secret());
    request.put("device_id", deviceId);
    request.put("device_name", options.deviceName());
    request.put("model", "phone-sim");
    request.put("os_version", System.getProperty("java.version"));
    request.put("nonce", nonce);
    IOException last = null;
    for (String host : payload.hosts()) {
      PhoneClient c = PhoneClient.of(payload, host);
      PhoneClient.Reply started;
      try {
        started = c.post("/v1/pair", request);
      } catch (SSLHandshakeException e) {
        throw new PhoneException(wrongKey(e), e);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        last = e;
        log.accept(
            "cannot reach "
                + host
                + ":"
                + payload.port()
                + " ("
                + e.getMessage()
                + "), trying the next address");
        continue;
      }
      if (started.status() != 202) {
        throw new PhoneException("Pairing refused: " + message(started), null);
      }
      String pairingId = started.body().get("pairing_id").asText();
      String code =
          ComparisonCode.of(payload.keyHash(), nonce, started.body().get("desktop_nonce").asText());
      log.accept("Comparison code: " + code + " (the desktop shows the same)");
      while (true) {
        PhoneClient.Reply done = c.post("/v1/pair/complete", Map.of("pairing_id", pairingId));
        if (done.status() == 202) {
          continue;
        }
        if (done.status() != 200) {
          throw new PhoneException("Pairing refused: " + message(done), null);
        }
        c.token(done.body().get("device_token").asText());
        log.accept(
            "Paired with "
                + done.body().get("desktop_name").asText()
                + " at "
                + host
                + ":"
                + payload.port());
        client = c;
        return code;
      }
    }
    throw new PhoneException(
        "The desktop cannot be reached at " + payload.hosts() + " port " + payload.port(), last);
  }

  private static String wrongKey(SSLHandshakeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PinnedTls.WrongKeyException w) {
        return w.getMessage();
      }
    }
    return "TLS handshake failed: " + e.getMessage();
  }

  // ---- uploads -------------------------------------------------------------------------------

  /** Thrown out of the export reader to simulate the app being killed and started again. */
  private static final class Restart extends RuntimeException {
    Restart() {
      super(null, null, false, false);
    }
  }

  /** Streams the export, skipping per type what the anchors say was acknowledged. */
  private void send(Path export, long stopAfterBatches) throws IOException {
    Map<String, Long> seen = new HashMap<>();
    long[] batchesAtStart = {batches};
    try {
      new AppleHealthImporter()
          .read(
              export,
              s -> {
                String type = WireSamples.type(s);
                if (type == null) {
                  return;
                }
                long index = seen.merge(type, 1L, Long::sum);
                if (index <= resumeAt.getOrDefault(type, 0L)) {
                  return; // acknowledged before the restart
                }
                add(type, s);
                if (batches - batchesAtStart[0] >= stopAfterBatches) {
                  throw new Restart();
                }
              },
              null);
    } catch (ImportException e) {
      throw new PhoneException("The export cannot be read: " + e.getMessage(), e);
    } catch (UploadFailed e) {
      throw e.cause;
    }
    for (String type : new ArrayList<>(pending.keySet())) {
      flush(type);
    }
    drain();
  }

  /** Carries an IOException out of the export reader's callback. */
  private static final class UploadFailed extends RuntimeException {
    final IOException cause;

    UploadFailed(IOException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  private void add(String type, Sample s) {
    String uuid = wire.uuid(type, s);
    PendingBatch batch = pending.computeIfAbsent(type, PendingBatch::new);
    try {
      wire.write(batch.writer, type, uuid, s);
      batch.samples++;
      if (deleteCandidates < options.deletions()) {
        toDelete.computeIfAbsent(type, t -> new ArrayList<>()).add(uuid);
        deleteCandidates++;
      }
      if (batch.samples >= options.batchSize() || batch.json.size() >= options.maxBatchBytes()) {
        flush(type);
      }
    } catch (IOException e) {
      throw new UploadFailed(e);
    }
  }

  /**
   * Sends the type's pending samples as one batch. The upload runs on the uploader thread while the
   * export is read on, at most {@link #IN_FLIGHT} batches ahead; batches go out in order, so a
   * type's anchors are acknowledged in order.
   */
  private void flush(String type) throws IOException {
    PendingBatch samples = pending.remove(type);
    if (samples == null || samples.samples == 0) {
      return;
    }
    int count = samples.samples;
    long after = anchored.getOrDefault(type, 0L) + count;
    anchored.put(type, after);
    byte[] body = samples.body(anchor(type, after));
    Future<Void> previous = lastOfType.get(type);
    if (previous != null) {
      await(previous);
    }
    while (inFlight.size() >= IN_FLIGHT) {
      await(inFlight.poll());
    }
    Future<Void> upload =
        uploader.submit(() -> {
          record(type, upload(body, type, count));
          return null;
        });
    inFlight.add(upload);
    lastOfType.put(type, upload);
    if (++batches % 20 == 0) {
      log.accept(batches + " batches sent");
    }
  }

  /** Counts an answer; runs on an uploader thread. */
  private synchronized void record(String type, JsonNode answer) {
    if (answer != null) {
      long received = answer.get("received").asLong();
      acknowledged += received;
      byType.merge(type, received, Long::sum);
      answer.get("unknown_types").properties().forEach(e -> unknown += e.getValue().asLong());
      rejected += answer.get("rejected").size();
    }
  }

  /** Waits until every batch handed to the uploaders is answered. */
  private void drain() throws IOException {
    while (!inFlight.isEmpty()) {
      await(inFlight.poll());
    }
    lastOfType.clear();
  }

  private static void await(Future<Void> upload) throws IOException {
    try {
      upload.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static ObjectNode batch(String type, String anchor) {
    ObjectNode batch = JsonNodeFactory.instance.objectNode();
    batch.put("batch_id", UUID.randomUUID().toString());
    batch.put("type", type);
    batch.put("anchor", anchor);
    return batch;
  }

  /**
   * Sends one batch until it is answered, with the same batch id each time, so a batch the desktop
   * committed but could not answer is not stored twice. Null when the desktop refused it.
   */
  private JsonNode upload(byte[] body, String type, int samples) throws IOException {
    count(samples, 0, 0);
    IOException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        count(0, 1, 0);
      }
      PhoneClient.Reply r;
      try {
        r = client.send("POST", "/v1/batches", body, null);
      } catch (IOException e) {
        last = e;
        pause(attempt, null);
        continue;
      }
      if (r.status() == 200) {
        return r.body();
      }
      if (r.status() == 401) {
        throw new PhoneException(
            "The desktop no longer knows this phone (revoked?): pair again", null);
      }
      if (r.status() == 429 || r.status() >= 500) {
        last = new IOException(message(r));
        pause(attempt, r.retryAfter().orElse(null));
        continue;
      }
      count(0, 0, samples);
      log.accept("batch of " + samples + " " + type + " refused: " + message(r));
      return null;
    }
    throw new PhoneException(
        "The desktop did not take a batch after " + MAX_ATTEMPTS + " attempts", last);
  }

  private synchronized void count(long sentNow, long retriedNow, long rejectedNow) {
    sent += sentNow;
    retried += retriedNow;
    rejected += rejectedNow;
  }

  private static void pause(int attempt, String retryAfter) throws IOException {
    long millis =
        retryAfter != null ? Long.parseLong(retryAfter) * 1000 : Math.min(10_000, 250L << attempt);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void resumeFromAnchors() throws IOException {
    PhoneClient.Reply r = client.get("/v1/anchors");
    if (r.status() != 200) {
      throw new PhoneException("Cannot read the anchors after the restart: " + message(r), null);
    }
    r.body()
        .get("anchors")
        .properties()
        .forEach(e -> anchored.put(e.getKey(), count(e.getValue().asText())));
    resumeAt.clear();
    resumeAt.putAll(anchored);
    log.accept("restarted; resuming " + anchored.size() + " types from the desktop's anchors");
  }

  private void deleteSome() throws IOException {
    for (var e : toDelete.entrySet()) {
      String type = e.getKey();
      ObjectNode batch =
          batch(
              type,
              anchor(type, anchored.getOrDefault(type, 0L) + ":deleted:" + e.getValue().size()));
      batch.putArray("samples");
      ArrayNode d = batch.putArray("deleted");
      e.getValue().forEach(d::add);
      JsonNode answer = upload(PhoneClient.JSON.writeValueAsBytes(batch), type, 0);
      batches++;
      if (answer != null) {
        deleted += answer.get("deleted").asLong();
      }
    }
  }

  /**
   * The sim's anchor: base64 of {@code phone-sim:<type>:<samples acknowledged>[:deleted:<n>]}.
   * Opaque to the desktop, as HealthKit's archived HKQueryAnchor is.
   */
  private static String anchor(String type, Object state) {
    return Base64.getEncoder()
        .encodeToString(("phone-sim:" + type + ":" + state).getBytes(StandardCharsets.UTF_8));
  }

  private static long count(String anchor) {
    String[] parts =
        new String(Base64.getDecoder().decode(anchor), StandardCharsets.UTF_8).split(":");
    return Long.parseLong(parts[2]);
  }

  private static String message(PhoneClient.Reply r) {
    JsonNode b = r.body();
    return b != null && b.has("message")
        ? b.get("error").asText() + ": " + b.get("message").asText()
        : "HTTP " + r.status();
  }
}
