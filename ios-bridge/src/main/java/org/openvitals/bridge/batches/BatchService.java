package org.openvitals.bridge.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openvitals.bridge.pairing.PairedDevice;
import org.openvitals.bridge.pairing.PairedDevices;
import org.openvitals.bridge.protocol.ErrorCode;
import org.openvitals.bridge.protocol.ProtocolException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.phone.PhoneBatch;
import org.openvitals.core.store.phone.PhoneBatchResult;
import org.openvitals.core.store.phone.PhoneSample;
import org.openvitals.core.store.phone.PhoneSyncStore;

/**
 * Turns a validated batch into the store's {@link PhoneBatch} and applies it: samples, deletions
 * and the anchor in one transaction, answered only after the commit. A route joins its workout: the
 * workout is sent again with the route's summary in its metadata (same UUID, so its row is
 * updated), whether the workout is in the same batch or came earlier; a route that arrives before
 * its workout waits in the store's state until the workout comes.
 */
public final class BatchService {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  static final String WORKOUT_STATE = "bridge.workout.";
  static final String ROUTE_STATE = "bridge.route.";

  /** One committed upload, for the log of {@code serve} and the Devices screen. */
  public record Upload(PairedDevice device, PhoneBatchResult result, int rejected) {}

  private final SampleStore store;
  private final PhoneSyncStore phones;
  private final PairedDevices devices;
  private final Clock clock;
  private final Consumer<Upload> uploads;
  private final Object routeJoining = new Object();

  public BatchService(
      SampleStore store, PairedDevices devices, Clock clock, Consumer<Upload> uploads) {
    this.store = store;
    this.phones = PhoneSyncStore.of(store);
    this.devices = devices;
    this.clock = clock;
    this.uploads = uploads;
  }

  /**
   * A batch's samples, mapped one at a time as they are read, so that a batch need not be held as
   * one JSON tree.
   */
  public static final class MappedSamples {
    private final List<PhoneSample> upserts = new ArrayList<>();
    private final Map<String, Integer> unknown = new LinkedHashMap<>();
    private final ArrayNode rejected = JSON.createArrayNode();
    private final Map<String, Sample> workouts = new HashMap<>();
    private final List<SampleMapper.Mapped.Route> routes = new ArrayList<>();
    private int received;

    /** How many objects of {@code samples} were read. */
    public int received() {
      return received;
    }

    /** Maps one wire object of {@code samples} (already checked against the schema). */
    public void add(JsonNode o) {
      received++;
      for (SampleMapper.Mapped m : SampleMapper.map(o)) {
        switch (m) {
          case SampleMapper.Mapped.Stored s -> {
            upserts.add(new PhoneSample(UUID.fromString(s.uuid()), s.sample()));
            if (s.sample().type() == MetricType.WORKOUT) {
              workouts.put(s.uuid(), s.sample());
            }
          }
          case SampleMapper.Mapped.Route r -> routes.add(r);
          case SampleMapper.Mapped.Unknown u -> unknown.merge(u.type(), 1, Integer::sum);
          case SampleMapper.Mapped.Rejected r ->
              rejected.addObject().put("uuid", r.uuid()).put("reason", r.reason());
        }
      }
    }
  }

  /** Stores one batch and returns the protocol's BatchAnswer. */
  public ObjectNode upload(PairedDevice device, JsonNode batch) {
    MappedSamples samples = new MappedSamples();
    batch.get("samples").forEach(samples::add);
    return upload(device, batch, samples);
  }

  /**
   * Stores one batch whose samples were mapped as they were read; {@code envelope} gives the rest
   * of the batch (its {@code samples} are not read).
   */
  public ObjectNode upload(PairedDevice device, JsonNode envelope, MappedSamples samples) {
    List<PhoneSample> upserts = samples.upserts;
    Map<String, Integer> unknown = samples.unknown;
    ArrayNode rejected = samples.rejected;
    Map<String, Sample> workouts = samples.workouts;
    List<SampleMapper.Mapped.Route> routes = samples.routes;
    List<UUID> deleted = new ArrayList<>();
    for (JsonNode d : envelope.get("deleted")) {
      deleted.add(UUID.fromString(d.asText()));
    }
    Supplier<PhoneBatch> phoneBatch =
        () ->
            new PhoneBatch(
                device.deviceId(),
                UUID.fromString(envelope.get("batch_id").asText()),
                envelope.get("type").asText(),
                envelope.get("anchor").asText(),
                upserts,
                deleted,
                unknown,
                clock.instant());
    PhoneBatchResult result;
    try {
      if (workouts.isEmpty() && routes.isEmpty()) {
        result = phones.applyPhoneBatch(phoneBatch.get());
      } else {
        // One at a time: a route and its workout in two batches at once would each miss the other.
        synchronized (routeJoining) {
          joinRoutes(upserts, workouts, routes);
          result = phones.applyPhoneBatch(phoneBatch.get());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, e.getMessage(), "/batch_id", 0);
    }
    if (!result.replayed()) {
      devices.uploaded(device.deviceId(), clock.instant(), result.samplesReceived());
      uploads.accept(new Upload(device, result, rejected.size()));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("batch_id", result.batchId().toString());
    answer.put("type", result.stream());
    answer.put("acknowledged_anchor", result.acknowledgedAnchor());
    answer.put("received", samples.received);
    answer.put("stored", result.inserted() + result.updated());
    answer.put("deleted", result.deletionsReceived());
    ObjectNode types = answer.putObject("unknown_types");
    result.unmapped().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> types.put(e.getKey(), e.getValue()));
    answer.set("rejected", rejected);
    answer.put("replayed", result.replayed());
    return answer;
  }

  /**
   * Puts each route's summary on its workout. Workouts are remembered (in the store's state) as
   * they arrive, so a route sent after its workout can send the workout again with the summary.
   */
  private void joinRoutes(
      List<PhoneSample> upserts,
      Map<String, Sample> workouts,
      List<SampleMapper.Mapped.Route> routes) {
    for (SampleMapper.Mapped.Route r : routes) {
      String workoutUuid = r.workoutUuid().toUpperCase(Locale.ROOT);
      Sample workout = workouts.get(workoutUuid);
      if (workout == null) {
        workout = remembered(WORKOUT_STATE + workoutUuid).orElse(null);
      }
      if (workout == null) {
        store.putState(ROUTE_STATE + workoutUuid, write(r.summary()));
        continue;
      }
      Sample joined = withMetadata(workout, r.summary());
      upserts.removeIf(p -> p.uuid().toString().equalsIgnoreCase(workoutUuid));
      upserts.add(new PhoneSample(UUID.fromString(workoutUuid), joined));
      workouts.put(workoutUuid, joined);
    }
    for (Map.Entry<String, Sample> w : workouts.entrySet()) {
      Optional<String> waiting = store.state(ROUTE_STATE + w.getKey());
      Sample workout = w.getValue();
      if (waiting.isPresent()) {
        workout = withMetadata(workout, readMap(waiting.get()));
        Sample joined = workout;
        upserts.replaceAll(p ->
            p.uuid().toString().equalsIgnoreCase(w.getKey())
                ? new PhoneSample(p.uuid(), joined)
                : p);
      }
      store.putState(WORKOUT_STATE + w.getKey(), writeSample(workout));
    }
  }

  private static Sample withMetadata(Sample s, Map<String, String> more) {
    Map<String, String> m = new HashMap<>(s.metadata());
    m.putAll(more);
    return new Sample(
        s.type(), s.start(), s.end(), s.value(), s.source(), s.device(), s.externalId(), m);
  }

  private Optional<Sample> remembered(String key) {
    return store.state(key).map(BatchService::readSample);
  }

  private record StoredWorkout(
      String start,
      String end,
      double value,
      String provider,
      String source,
      String device,
      String externalId,
      Map<String, String> metadata) {}

  private static String writeSample(Sample s) {
    return write(
        new StoredWorkout(
            s.start().toString(),
            s.end().toString(),
            s.value(),
            s.source().provider(),
            s.source().name(),
            s.device(),
            s.externalId(),
            s.metadata()));
  }

  private static Sample readSample(String json) {
    try {
      StoredWorkout w = JSON.readValue(json, StoredWorkout.class);
      return new Sample(
          MetricType.WORKOUT,
          java.time.OffsetDateTime.parse(w.start()),
          java.time.OffsetDateTime.parse(w.end()),
          w.value(),
          new SourceRef(w.provider(), w.source()),
          w.device(),
          w.externalId(),
          w.metadata());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> readMap(String json) {
    try {
      return JSON.readValue(
          json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, String> anchors(String deviceId) {
    return phones.phoneAnchors(deviceId);
  }

  /** Forgets every anchor of the device; returns the streams that had one. */
  public List<String> resync(String deviceId) {
    List<String> streams = new ArrayList<>(phones.phoneAnchors(deviceId).keySet());
    phones.startPhoneResync(deviceId);
    streams.sort(null);
    return streams;
  }
}
