package org.openvitals.connectors.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;

/** One standard format's writer: which metrics it has a place for, and how it writes a point. */
public interface PointWriter {
  /** Whether the format has a schema or code for {@code metric}'s readings. */
  boolean supports(MetricType metric);

  /** Writes whatever opens the file; called once, before the first point. */
  void begin() throws IOException;

  void write(Point point) throws IOException;

  /** Writes whatever closes the file; called once, after the last point. */
  void end() throws IOException;

  /** How many data points or resources were written, per schema or code. */
  Map<String, Long> written();

  /**
   * Metrics every standard format writes as groups rather than readings: blood-pressure pairs,
   * sleep episodes (every sleep stage) and workouts.
   */
  static boolean grouped(MetricType metric) {
    return metric == MetricType.BLOOD_PRESSURE_SYSTOLIC
        || metric == MetricType.BLOOD_PRESSURE_DIASTOLIC
        || metric == MetricType.WORKOUT
        || metric.category() == Category.SLEEP;
  }

  /** A UTF-8 JSON writer that leaves {@code out} open for the caller to close. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return new JsonFactory()
        .createGenerator(out, JsonEncoding.UTF8)
        .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
  }
}
