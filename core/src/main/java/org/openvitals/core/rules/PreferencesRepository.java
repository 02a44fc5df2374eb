package org.openvitals.core.rules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;

/**
 * Keeps every version of the user's source preferences in the store's state table, as JSON: {@code
 * rules.preferences.v00000001}, {@code ...v00000002}, ... and {@code rules.preferences.current}
 * naming the one in force. A version and the pointer to it are written in one transaction. Nothing
 * is ever overwritten, so an earlier order can be looked at or restored.
 */
public final class PreferencesRepository {
  static final String PREFIX = "rules.preferences.v";
  static final String CURRENT = "rules.preferences.current";

  private final SampleStore store;
  private final Clock clock;

  public PreferencesRepository(SampleStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The preferences in force: the latest saved version, or the defaults (version 0). */
  public SourcePreferences current() {
    return store
        .state(CURRENT)
        .map(v -> version(Integer.parseInt(v)))
        .orElseGet(SourcePreferences::defaults);
  }

  /** One saved version. */
  public SourcePreferences version(int version) {
    String json =
        store
            .state(key(version))
            .orElseThrow(
                () -> new IllegalArgumentException("No saved preferences version " + version));
    return PreferencesJson.read(json);
  }

  /** Every saved version, oldest first. */
  public List<SourcePreferences> history() {
    List<SourcePreferences> out = new ArrayList<>();
    store.stateWithPrefix(PREFIX).values().forEach(json -> out.add(PreferencesJson.read(json)));
    return out;
  }

  /**
   * Saves {@code prefs} as the next version and makes it current; content equal to the current
   * version saves nothing.
   *
   * @return the preferences in force afterwards
   */
  public SourcePreferences save(SourcePreferences prefs) {
    SourcePreferences current = current();
    if (current.version() > 0 && current.sameContent(prefs)) {
      return current;
    }
    int next = latestVersion() + 1;
    SourcePreferences saved = prefs.asVersion(next, clock.instant());
    store.upsert(
        List.of(),
        Map.of(key(next), PreferencesJson.write(saved), CURRENT, Integer.toString(next)));
    return saved;
  }

  /** Imports preferences from JSON (an export of this or another computer) as a new version. */
  public SourcePreferences importJson(String json) {
    return save(PreferencesJson.read(json));
  }

  public String exportJson() {
    return PreferencesJson.write(current());
  }

  /**
   * Places every source the store knows but the preferences do not into the lists by its device
   * class, saving a new version when there was any.
   */
  public SourcePreferences placeNewSources() {
    SourcePreferences prefs = current();
    SourcePreferences next = prefs;
    for (SourceSummary s : store.sources()) {
      SourceRef ref = s.source();
      next = next.withNewSource(ref, s.deviceClass());
    }
    return next == prefs ? prefs : save(next);
  }

  private int latestVersion() {
    Map<String, String> all = store.stateWithPrefix(PREFIX);
    return all.isEmpty()
        ? 0
        : Integer.parseInt(
            all.keySet().stream().reduce((a, b) -> b).orElseThrow().substring(PREFIX.length()));
  }

  static String key(int version) {
    return PREFIX + String.format("%08d", version);
  }
}
