package org.openvitals.core.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Which source the user trusts most, per category, with per-metric overrides. Immutable: every
 * change returns a new value, which {@link PreferencesRepository} saves as a new version.
 *
 * <p>Sources not (yet) in a list are placed by their device class: manual entries first, then
 * dedicated devices (watch, ring, scale, strap), then phones, then apps. A new source goes after
 * the last listed source of the same or a better tier, so a user's own order is never reshuffled.
 *
 * @param version 0 for the built-in defaults; saved versions count up from 1
 * @param savedAt when this version was saved, null for the defaults
 * @param categories ordered sources per category (a missing category means "by device class")
 * @param metricOverrides ordered sources for single metrics, replacing their category's order
 * @param deviceClasses the class each known source was placed by
 */
public record SourcePreferences(
    int version,
    Instant savedAt,
    Map<Category, List<SourceRef>> categories,
    Map<MetricType, List<SourceRef>> metricOverrides,
    Map<SourceRef, DeviceClass> deviceClasses) {

  public SourcePreferences {
    if (version < 0) {
      throw new IllegalArgumentException("Preference versions start at 0, got " + version);
    }
    categories = copyOrdered(categories, Category.class);
    metricOverrides = copyOrdered(metricOverrides, MetricType.class);
    Map<SourceRef, DeviceClass> classes = new TreeMap<>(Comparator.comparing(SourceRef::key));
    classes.putAll(Objects.requireNonNull(deviceClasses, "deviceClasses"));
    deviceClasses = java.util.Collections.unmodifiableMap(classes);
  }

  /** No lists: every metric ranks its sources by device class. */
  public static SourcePreferences defaults() {
    return new SourcePreferences(0, null, Map.of(), Map.of(), Map.of());
  }

  /**
   * The tier a device class ranks in by default: manual 0, dedicated devices 1, phone 2, apps 3,
   * unknown 4.
   */
  public static int tier(DeviceClass deviceClass) {
    return switch (deviceClass) {
      case MANUAL -> 0;
      case WATCH, RING, SCALE, STRAP -> 1;
      case PHONE -> 2;
      case APP -> 3;
      case UNKNOWN -> 4;
    };
  }

  /** The stored order that applies to a metric: its override, else its category's list. */
  public List<SourceRef> listFor(MetricType metric) {
    List<SourceRef> override = metricOverrides.get(metric);
    return override != null ? override : categories.getOrDefault(metric.category(), List.of());
  }

  /**
   * The ranking of {@code present} sources for {@code metric}: listed sources in the user's order,
   * unlisted ones placed by device class ({@code classOf} is asked only for sources this value does
   * not know).
   */
  public Priority priorityFor(
      MetricType metric, Collection<SourceRef> present, Function<SourceRef, DeviceClass> classOf) {
    Set<SourceRef> wanted = new HashSet<>(present);
    List<SourceRef> order = new ArrayList<>();
    for (SourceRef s : listFor(metric)) {
      if (wanted.remove(s)) {
        order.add(s);
      }
    }
    Map<SourceRef, DeviceClass> classes = new LinkedHashMap<>();
    for (SourceRef s : order) {
      classes.put(s, classOf(s, classOf));
    }
    List<SourceRef> unlisted = new ArrayList<>(wanted);
    unlisted.sort(
        Comparator.comparingInt((SourceRef s) -> tier(classOf(s, classOf)))
            .thenComparing(s -> classOf(s, classOf))
            .thenComparing(SourceRef::key));
    for (SourceRef s : unlisted) {
      DeviceClass c = classOf(s, classOf);
      order.add(placement(order, classes, c), s);
      classes.put(s, c);
    }
    return new Priority(order);
  }

  /** Orders a category: the given sources, preferred first. */
  public SourcePreferences withCategoryOrder(Category category, List<SourceRef> order) {
    Map<Category, List<SourceRef>> next = new EnumMap<>(Category.class);
    next.putAll(categories);
    next.put(category, List.copyOf(order));
    return new SourcePreferences(version, savedAt, next, metricOverrides, deviceClasses);
  }

  /** Gives one metric its own order, replacing its category's. */
  public SourcePreferences withMetricOverride(MetricType metric, List<SourceRef> order) {
    Map<MetricType, List<SourceRef>> next = new EnumMap<>(MetricType.class);
    next.putAll(metricOverrides);
    next.put(metric, List.copyOf(order));
    return new SourcePreferences(version, savedAt, categories, next, deviceClasses);
  }

  public SourcePreferences withoutMetricOverride(MetricType metric) {
    Map<MetricType, List<SourceRef>> next = new EnumMap<>(MetricType.class);
    next.putAll(metricOverrides);
    next.remove(metric);
    return new SourcePreferences(version, savedAt, categories, next, deviceClasses);
  }

  /**
   * Places a source seen for the first time into every list by its device class; a source already
   * known is left where the user put it.
   */
  public SourcePreferences withNewSource(SourceRef source, DeviceClass deviceClass) {
    if (deviceClasses.containsKey(source)) {
      return this;
    }
    Map<SourceRef, DeviceClass> classes = new LinkedHashMap<>(deviceClasses);
    classes.put(source, deviceClass);
    Map<Category, List<SourceRef>> cats = new EnumMap<>(Category.class);
    categories.forEach((c, list) -> cats.put(c, placed(list, source, deviceClass, classes)));
    Map<MetricType, List<SourceRef>> metrics = new EnumMap<>(MetricType.class);
    metricOverrides.forEach(
        (m, list) -> metrics.put(m, placed(list, source, deviceClass, classes)));
    return new SourcePreferences(version, savedAt, cats, metrics, classes);
  }

  /** This content as the given saved version. */
  public SourcePreferences asVersion(int newVersion, Instant at) {
    return new SourcePreferences(newVersion, at, categories, metricOverrides, deviceClasses);
  }

  /** Same lists and classes, whatever the version: whether saving would change anything. */
  public boolean sameContent(SourcePreferences other) {
    return categories.equals(other.categories)
        && metricOverrides.equals(other.metricOverrides)
        && deviceClasses.equals(other.deviceClasses);
  }

  private DeviceClass classOf(SourceRef s, Function<SourceRef, DeviceClass> fallback) {
    DeviceClass known = deviceClasses.get(s);
    if (known != null) {
      return known;
    }
    DeviceClass given = fallback.apply(s);
    return given != null ? given : DeviceClass.guess(s.provider(), s.name());
  }

  private static List<SourceRef> placed(
      List<SourceRef> list,
      SourceRef source,
      DeviceClass deviceClass,
      Map<SourceRef, DeviceClass> classes) {
    if (list.contains(source)) {
      return list;
    }
    List<SourceRef> next = new ArrayList<>(list);
    next.add(placement(list, classes, deviceClass), source);
    return List.copyOf(next);
  }

  /** After the last listed source whose tier is the same or better. */
  private static int placement(
      List<SourceRef> list, Map<SourceRef, DeviceClass> classes, DeviceClass deviceClass) {
    int at = 0;
    for (int i = 0; i < list.size(); i++) {
      DeviceClass c =
          classes.getOrDefault(
              list.get(i), DeviceClass.guess(list.get(i).provider(), list.get(i).name()));
      if (tier(c) <= tier(deviceClass)) {
        at = i + 1;
      }
    }
    return at;
  }

  private static <K extends Enum<K>> Map<K, List<SourceRef>> copyOrdered(
      Map<K, List<SourceRef>> in, Class<K> type) {
    Map<K, List<SourceRef>> out = new EnumMap<>(type);
    Objects.requireNonNull(in, type.getSimpleName() + " lists")
        .forEach((k, list) -> {
          if (new HashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("A source is listed twice for " + k + ": " + list);
          }
          out.put(k, List.copyOf(list));
        });
    return java.util.Collections.unmodifiableMap(out);
  }
}
