package org.openvitals.connectors.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvitals.connectors.http.ApiClient;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/** What a {@link SyncStream} sees during one run: the API, its cursor, and the store. */
public final class StreamContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String provider;
  private final String stream;
  private final ApiClient api;
  private final SampleStore store;
  private final Clock clock;
  private final int historyDays;
  private WriteResult written = WriteResult.EMPTY;
  private int tombstoned;
  private int skipped;
  private final List<String> skipNotes = new ArrayList<>();
  private static final int MAX_SKIP_NOTES = 3;

  StreamContext(
      String provider,
      String stream,
      ApiClient api,
      SampleStore store,
      Clock clock,
      int historyDays) {
    this.provider = provider;
    this.stream = stream;
    this.api = api;
    this.store = store;
    this.clock = clock;
    this.historyDays = historyDays;
  }

  public static String cursorKey(String provider, String stream) {
    return "cloud." + provider + ".cursor." + stream;
  }

  public ApiClient api() {
    return api;
  }

  public Clock clock() {
    return clock;
  }

  /** The first day a first sync asks for. */
  public LocalDate historyStart() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(historyDays);
  }

  /**
   * Where a provider's daily total for {@code day} starts, so the store files it under that day: at
   * midnight of the store's day zone, or (with sample-local days) at midnight at {@code offset}.
   */
  public OffsetDateTime startOfDay(LocalDate day, ZoneOffset offset) {
    return switch (store.dayBoundaries()) {
      case DayBoundaries.FixedZone fixed -> day.atStartOfDay(fixed.zone()).toOffsetDateTime();
      case DayBoundaries.SampleLocal local -> day.atStartOfDay().atOffset(offset);
    };
  }

  public Optional<String> cursor() {
    return store.state(cursorKey(provider, stream));
  }

  /**
   * The cursor as JSON, for streams that keep it so; an empty object when there is none yet or it
   * cannot be read (the stream then starts over, which stores nothing twice).
   */
  public JsonNode jsonCursor() {
    return cursor()
        .map(text -> {
          try {
            return JSON.readTree(text);
          } catch (IOException unreadable) {
            return (JsonNode) JSON.createObjectNode();
          }
        })
        .orElseGet(JSON::createObjectNode);
  }

  /**
   * The external id under which {@code source} already stored a {@code type} sample starting at
   * {@code start}, if any: lets a provider's API adopt the key its own file export used (Fitbit's
   * Takeout keys exercises by a log id the Google Health API does not send), so one record read
   * both ways is stored once.
   */
  public Optional<String> storedKey(SourceRef source, MetricType type, Instant start) {
    return store.samples(type, start, start.plusMillis(1)).stream()
        .filter(s -> s.source().equals(source) && s.externalId() != null)
        .map(Sample::externalId)
        .findFirst();
  }

  /** Upserts {@code samples} and moves the cursor in the same transaction. */
  public void commit(Collection<Sample> samples, String cursor) {
    written = written.plus(store.upsert(samples, Map.of(cursorKey(provider, stream), cursor)));
  }

  /**
   * Provider-side deletions. The cursor does not move here: the page's {@link #commit} moves it, so
   * a crash in between re-fetches the page and tombstones again, which changes nothing.
   */
  public void tombstone(SourceRef source, MetricType type, Collection<String> externalIds) {
    tombstoned += store.tombstone(source, type, externalIds, Map.of());
  }

  /** Counts records the stream read but could not map (unknown measure types ...). */
  public void skipped(int count) {
    skipped += count;
  }

  /** One record that could not be mapped: counted, and its reason kept for the first few. */
  public void skip(String record, Exception why) {
    skipped++;
    if (skipNotes.size() < MAX_SKIP_NOTES) {
      skipNotes.add(stream + ": skipped record " + record + " (" + why.getMessage() + ")");
    }
  }

  List<String> skipNotes() {
    return skipNotes;
  }

  WriteResult written() {
    return written;
  }

  int tombstoned() {
    return tombstoned;
  }

  int skippedCount() {
    return skipped;
  }
}
